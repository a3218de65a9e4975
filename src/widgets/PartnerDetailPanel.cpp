#include "widgets/PartnerDetailPanel.h"

#include "models/ContactCommands.h"
#include "models/ContactTableModel.h"
#include "models/PartnerCommands.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/ContactDialog.h"
#include "widgets/DialogService.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace pd {

namespace {
constexpr int kMaxKeyLength = 32; // Partner::key (domain/Partner.h)

QLabel* makeErrorLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}
} // namespace

PartnerDetailPanel::PartnerDetailPanel(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_book(book), m_dialogs(dialogs)
{
    buildUi();
    connect(&m_book.notifier(), &ChangeNotifier::partnersChanged, this, &PartnerDetailPanel::onPartnersChanged);
    showPartner({});
}

void PartnerDetailPanel::buildUi()
{
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);

    // Two form columns side by side, so that the panel fits under the roster on a 1280×800 screen.
    m_form = new QWidget(this);
    auto* left = new QFormLayout;
    auto* right = new QFormLayout;
    for (QFormLayout* f : {left, right}) {
        f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        f->setVerticalSpacing(4);
    }
    QFormLayout* form = left;
    auto addLine = [&](const QString& label, const QString& objectName) {
        auto* edit = new QLineEdit(m_form);
        edit->setObjectName(objectName);
        form->addRow(label, edit);
        connect(edit, &QLineEdit::textChanged, this, &PartnerDetailPanel::updateButtons);
        return edit;
    };
    auto addCombo = [&](const QString& label, const QString& objectName, const QStringList& items) {
        auto* combo = new QComboBox(m_form);
        combo->setObjectName(objectName);
        combo->addItems(items);
        form->addRow(label, combo);
        connect(combo, &QComboBox::currentIndexChanged, this, &PartnerDetailPanel::updateButtons);
        return combo;
    };
    m_name = addLine(tr("Name"), QStringLiteral("partnerName"));
    m_nameError = makeErrorLabel(m_form, QStringLiteral("partnerNameError"));
    form->addRow(QString(), m_nameError);
    m_key = addLine(tr("Key"), QStringLiteral("partnerKey"));
    m_key->setMaxLength(kMaxKeyLength + 1); // one more, so that "too long" can be reported rather than cut
    m_keyError = makeErrorLabel(m_form, QStringLiteral("partnerKeyError"));
    form->addRow(QString(), m_keyError);
    m_type = addCombo(tr("Type"), QStringLiteral("partnerType"), partnerTypeNames());
    m_stage = addCombo(tr("Lifecycle stage"), QStringLiteral("partnerStage"), lifecycleStageNames());
    m_tier = addCombo(tr("Tier"), QStringLiteral("partnerTier"), defaultTierNames());
    form = right;
    m_territory = addLine(tr("Territory"), QStringLiteral("partnerTerritory"));
    m_channelManager = addLine(tr("Channel manager"), QStringLiteral("partnerChannelManager"));
    m_country = addLine(tr("Country"), QStringLiteral("partnerCountry"));
    m_country->setPlaceholderText(tr("ISO code or name, e.g. DE or Germany"));
    m_countryError = makeErrorLabel(m_form, QStringLiteral("partnerCountryError"));
    form->addRow(QString(), m_countryError);
    m_city = addLine(tr("City"), QStringLiteral("partnerCity"));
    m_founded = new QSpinBox(m_form);
    m_founded->setObjectName(QStringLiteral("partnerFounded"));
    m_founded->setRange(0, 2100);
    m_founded->setSpecialValueText(tr("Unknown"));
    form->addRow(tr("Founded"), m_founded);
    connect(m_founded, &QSpinBox::valueChanged, this, &PartnerDetailPanel::updateButtons);
    m_website = addLine(tr("Website"), QStringLiteral("partnerWebsite"));
    m_websiteError = makeErrorLabel(m_form, QStringLiteral("partnerWebsiteError"));
    form->addRow(QString(), m_websiteError);
    auto* columns = new QHBoxLayout(m_form);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->addLayout(left, 1);
    columns->addSpacing(12);
    columns->addLayout(right, 1);

    m_formError = makeErrorLabel(this, QStringLiteral("partnerFormError"));
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("savePartner"));
    m_save->setDefault(true);
    m_revert = new QPushButton(tr("Revert"), this);
    m_revert->setObjectName(QStringLiteral("revertPartner"));
    connect(m_save, &QPushButton::clicked, this, &PartnerDetailPanel::save);
    connect(m_revert, &QPushButton::clicked, this, &PartnerDetailPanel::revert);
    connect(m_name, &QLineEdit::returnPressed, this, &PartnerDetailPanel::save);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);

    auto* contactsBox = new QGroupBox(tr("Contacts"), this);
    m_contacts = new ContactTableModel(m_book.contacts(), &m_book.notifier(), this);
    m_contactsView = new QTableView(contactsBox);
    m_contactsView->setObjectName(QStringLiteral("contactsView"));
    m_contactsView->setModel(m_contacts);
    m_contactsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_contactsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_contactsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_contactsView->verticalHeader()->hide();
    m_contactsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_contactsView->setMinimumHeight(90);
    m_contactsView->setWordWrap(false);
    m_contactsView->verticalHeader()->setDefaultSectionSize(m_contactsView->fontMetrics().height() + 6);
    connect(m_contactsView, &QTableView::doubleClicked, this, &PartnerDetailPanel::editContact);
    connect(m_contactsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PartnerDetailPanel::updateButtons);
    connect(m_contacts, &QAbstractItemModel::modelReset, this, &PartnerDetailPanel::updateButtons);
    m_addContact = new QPushButton(tr("Add…"), contactsBox);
    m_editContact = new QPushButton(tr("Edit…"), contactsBox);
    m_archiveContact = new QPushButton(tr("Archive"), contactsBox);
    connect(m_addContact, &QPushButton::clicked, this, &PartnerDetailPanel::addContact);
    connect(m_editContact, &QPushButton::clicked, this, &PartnerDetailPanel::editContact);
    connect(m_archiveContact, &QPushButton::clicked, this, &PartnerDetailPanel::archiveContact);
    auto* contactButtons = new QHBoxLayout;
    contactButtons->addWidget(m_addContact);
    contactButtons->addWidget(m_editContact);
    contactButtons->addWidget(m_archiveContact);
    contactButtons->addStretch();
    auto* contactsLayout = new QVBoxLayout(contactsBox);
    contactsLayout->addWidget(m_contactsView);
    contactsLayout->addLayout(contactButtons);

    auto* inner = new QWidget(this);
    auto* editor = new QVBoxLayout;
    editor->addWidget(m_title);
    editor->addWidget(m_form);
    editor->addWidget(m_formError);
    editor->addLayout(buttons);
    editor->addStretch();
    auto* innerLayout = new QHBoxLayout(inner);
    innerLayout->addLayout(editor, 3);
    innerLayout->addWidget(contactsBox, 2);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void PartnerDetailPanel::showPartner(const QString& id)
{
    std::optional<Partner> partner;
    if (!id.isEmpty()) {
        try {
            partner = m_book.partners().findById(id);
        } catch (const StorageError& e) {
            m_dialogs.warning(this, tr("Partner"), e.message());
        }
    }
    m_editing = partner.has_value();
    load(partner.value_or(Partner{}));
}

void PartnerDetailPanel::startNewPartner()
{
    m_editing = true;
    load(Partner{});
    m_name->setFocus();
}

void PartnerDetailPanel::load(const Partner& partner)
{
    m_loading = true;
    m_original = partner;
    m_title->setText(!m_editing ? tr("No partner selected") : partner.id.isEmpty() ? tr("New partner") : partner.name);
    m_key->setText(partner.key);
    m_name->setText(partner.name);
    m_type->setCurrentText(toString(partner.type));
    m_stage->setCurrentText(toString(partner.stage));
    if (m_tier->findText(partner.tier) < 0 && !partner.tier.isEmpty())
        m_tier->addItem(partner.tier);
    m_tier->setCurrentText(partner.tier);
    m_territory->setText(partner.territory);
    m_channelManager->setText(partner.channelManager);
    m_country->setText(partner.country);
    m_city->setText(partner.city);
    m_founded->setValue(partner.founded);
    m_website->setText(partner.website);
    for (QLineEdit* edit : {m_key, m_name, m_territory, m_channelManager, m_country, m_city, m_website})
        edit->setCursorPosition(0); // show the start of long values
    for (QLabel* label : {m_keyError, m_nameError, m_countryError, m_websiteError, m_formError})
        setFieldError(label, {});
    m_contacts->setPartner(partner.id);
    m_form->setEnabled(m_editing);
    m_loading = false;
    updateButtons();
}

Partner PartnerDetailPanel::formValue() const
{
    Partner p = m_original;
    p.key = m_key->text().trimmed();
    p.name = m_name->text().trimmed();
    p.type = partnerTypeFromString(m_type->currentText()).value_or(PartnerType::VAR);
    p.stage = lifecycleStageFromString(m_stage->currentText()).value_or(LifecycleStage::Prospect);
    p.tier = m_tier->currentText();
    p.territory = m_territory->text().trimmed();
    p.channelManager = m_channelManager->text().trimmed();
    p.country = m_country->text().trimmed();
    p.city = m_city->text().trimmed();
    p.founded = m_founded->value();
    p.website = m_website->text().trimmed();
    return p;
}

bool PartnerDetailPanel::isDirty() const
{
    if (!m_editing)
        return false;
    Partner current = formValue();
    Partner original = m_original;
    // The country is compared after resolution: "Germany" for a stored "DE" is not an edit worth keeping.
    if (!current.country.isEmpty()) {
        const QString code = m_countries.resolve(current.country);
        if (!code.isEmpty())
            current.country = code;
    }
    return !(current == original);
}

void PartnerDetailPanel::setFieldError(QLabel* label, const QString& message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

bool PartnerDetailPanel::validate(Partner* resolved)
{
    Partner p = formValue();
    bool ok = true;
    QString nameError;
    if (p.name.isEmpty())
        nameError = tr("Enter the partner's name.");
    setFieldError(m_nameError, nameError);
    ok = ok && nameError.isEmpty();

    QString keyError;
    if (p.key.isEmpty()) {
        keyError = tr("Enter a short unique key, e.g. a ticker.");
    } else if (p.key.size() > kMaxKeyLength) {
        keyError = tr("The key is longer than %n characters.", nullptr, kMaxKeyLength);
    } else {
        try {
            const std::optional<Partner> other = m_book.partners().findByKey(p.key);
            if (other && other->id != p.id)
                keyError = tr("The key %1 is already used by %2.").arg(p.key, other->name);
        } catch (const StorageError& e) {
            keyError = e.message();
        }
    }
    setFieldError(m_keyError, keyError);
    ok = ok && keyError.isEmpty();

    QString countryError;
    if (!p.country.isEmpty()) {
        const QString code = m_countries.resolve(p.country);
        if (code.isEmpty())
            countryError =
                tr("Unknown country “%1”: enter an ISO 3166 code such as DE, or a country name.").arg(p.country);
        else
            p.country = code;
    }
    setFieldError(m_countryError, countryError);
    ok = ok && countryError.isEmpty();

    QString websiteError;
    if (!p.website.isEmpty()) {
        const QUrl url = QUrl::fromUserInput(p.website);
        if (!url.isValid() || url.host().isEmpty() || !url.host().contains(QLatin1Char('.')))
            websiteError = tr("This is not a web address.");
    }
    setFieldError(m_websiteError, websiteError);
    ok = ok && websiteError.isEmpty();

    if (ok && resolved)
        *resolved = p;
    return ok;
}

bool PartnerDetailPanel::save()
{
    if (!m_editing)
        return false;
    setFieldError(m_formError, {});
    Partner p;
    if (!validate(&p))
        return false;
    QString error;
    auto onError = [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); };
    if (p.id.isEmpty()) {
        auto command = std::make_unique<AddPartnerCommand>(m_book.partners(), p);
        AddPartnerCommand* added = command.get();
        if (!pushCommand(m_book.undoStack(), std::move(command), &error, onError)) {
            setFieldError(m_formError, error);
            return false;
        }
        const QString id = added->partner().id;
        showPartner(id);
        Q_EMIT partnerAdded(id);
        return true;
    }
    if (p == m_original) {
        load(m_original); // e.g. "Germany" → "DE": nothing to store, show the stored value
        return true;
    }
    if (!pushCommand(m_book.undoStack(), std::make_unique<EditPartnerCommand>(m_book.partners(), m_original, p), &error,
                     onError)) {
        setFieldError(m_formError, error);
        return false;
    }
    showPartner(p.id);
    return true;
}

void PartnerDetailPanel::revert()
{
    if (m_original.id.isEmpty() && m_editing)
        load(Partner{});
    else
        showPartner(m_original.id);
}

void PartnerDetailPanel::onPartnersChanged(const QStringList& ids)
{
    if (m_original.id.isEmpty() || !ids.contains(m_original.id))
        return;
    if (isDirty())
        return; // keep the user's edits; saving will report a conflict if the row changed meanwhile
    showPartner(m_original.id);
}

void PartnerDetailPanel::updateButtons()
{
    if (m_loading)
        return;
    const bool saved = !m_original.id.isEmpty();
    m_save->setEnabled(m_editing && (isDirty() || !saved));
    m_revert->setEnabled(m_editing && isDirty());
    const bool hasContact = m_contactsView->selectionModel()->hasSelection();
    m_addContact->setEnabled(saved);
    m_editContact->setEnabled(saved && hasContact);
    m_archiveContact->setEnabled(saved && hasContact);
}

void PartnerDetailPanel::addContact()
{
    if (m_original.id.isEmpty())
        return;
    Contact contact;
    contact.partnerId = m_original.id;
    ContactDialog dialog(contact, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!pushCommand(m_book.undoStack(), std::make_unique<AddContactCommand>(m_book.contacts(), dialog.contact()),
                     &error))
        m_dialogs.warning(this, tr("Add contact"), error);
    updateButtons();
}

void PartnerDetailPanel::editContact()
{
    const QModelIndex current = m_contactsView->currentIndex();
    if (!current.isValid())
        return;
    const Contact before = m_contacts->contactAt(current.row());
    ContactDialog dialog(before, this);
    if (dialog.exec() != QDialog::Accepted || dialog.contact() == before)
        return;
    QString error;
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<EditContactCommand>(m_book.contacts(), before, dialog.contact()), &error))
        m_dialogs.warning(this, tr("Edit contact"), error);
}

void PartnerDetailPanel::archiveContact()
{
    const QModelIndex current = m_contactsView->currentIndex();
    if (!current.isValid())
        return;
    const Contact contact = m_contacts->contactAt(current.row());
    QString error;
    if (!pushCommand(m_book.undoStack(), std::make_unique<ArchiveContactCommand>(m_book.contacts(), contact), &error))
        m_dialogs.warning(this, tr("Archive contact"), error);
    updateButtons();
}

} // namespace pd

#include "widgets/PartnerDetailPanel.h"

#include "models/ContactCommands.h"
#include "models/ContactTableModel.h"
#include "models/PartnerCommands.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/ContactDialog.h"
#include "widgets/DialogService.h"
#include "widgets/PartnerCertificationsView.h"
#include "widgets/PartnerLifecycleView.h"

#include "ui_PartnerDetailPanel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QUrl>

namespace pd {

namespace {
constexpr int kMaxKeyLength = 32; // Partner::key (domain/Partner.h)
} // namespace

PartnerDetailPanel::PartnerDetailPanel(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::PartnerDetailPanel>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this);
    setUpForm();
    connect(&m_book.notifier(), &ChangeNotifier::partnersChanged, this, &PartnerDetailPanel::onPartnersChanged);
    showPartner({});
}

PartnerDetailPanel::~PartnerDetailPanel() = default;

void PartnerDetailPanel::setUpForm()
{
    QFont titleFont = m_ui->partnerTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() *
                            1.3); // relative to the desktop's font: not expressible in the form
    titleFont.setBold(true);
    m_ui->partnerTitle->setFont(titleFont);

    m_ui->partnerKey->setMaxLength(kMaxKeyLength + 1); // one more, so that "too long" can be reported rather than cut
    m_ui->partnerType->addItems(partnerTypeNames());
    m_ui->partnerStage->addItems(lifecycleStageNames());
    m_ui->partnerTier->addItems(defaultTierNames());
    for (QLineEdit* edit : {m_ui->partnerName, m_ui->partnerKey, m_ui->partnerTerritory, m_ui->partnerChannelManager,
                            m_ui->partnerCountry, m_ui->partnerCity, m_ui->partnerWebsite, m_ui->partnerIndustry})
        connect(edit, &QLineEdit::textChanged, this, &PartnerDetailPanel::updateButtons);
    for (QComboBox* combo : {m_ui->partnerType, m_ui->partnerStage, m_ui->partnerTier})
        connect(combo, &QComboBox::currentIndexChanged, this, &PartnerDetailPanel::updateButtons);
    connect(m_ui->partnerFounded, &QSpinBox::valueChanged, this, &PartnerDetailPanel::updateButtons);
    connect(m_ui->partnerEmployees, &QSpinBox::valueChanged, this, &PartnerDetailPanel::updateButtons);
    // The IPP explanation follows the saved profile and the partner's certifications.
    connect(&m_book.notifier(), &ChangeNotifier::ippProfileChanged, this, &PartnerDetailPanel::showIppScore);
    connect(&m_book.notifier(), &ChangeNotifier::certificationsChanged, this, &PartnerDetailPanel::showIppScore);
    connect(m_ui->savePartner, &QPushButton::clicked, this, &PartnerDetailPanel::save);
    connect(m_ui->revertPartner, &QPushButton::clicked, this, &PartnerDetailPanel::revert);
    connect(m_ui->partnerName, &QLineEdit::returnPressed, this, &PartnerDetailPanel::save);

    m_contacts = new ContactTableModel(m_book.contacts(), &m_book.notifier(), this);
    QTableView* view = m_ui->contactsView;
    view->setModel(m_contacts);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    connect(view, &QTableView::doubleClicked, this, &PartnerDetailPanel::editContact);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PartnerDetailPanel::updateButtons);
    connect(m_contacts, &QAbstractItemModel::modelReset, this, &PartnerDetailPanel::updateButtons);
    connect(m_ui->addContact, &QPushButton::clicked, this, &PartnerDetailPanel::addContact);
    connect(m_ui->editContact, &QPushButton::clicked, this, &PartnerDetailPanel::editContact);
    connect(m_ui->archiveContact, &QPushButton::clicked, this, &PartnerDetailPanel::archiveContact);

    m_lifecycle = new PartnerLifecycleView(m_book, this);
    m_lifecycle->setObjectName(QStringLiteral("partnerLifecycle"));
    m_ui->lifecycleSlot->addWidget(m_lifecycle);
    m_certifications = new PartnerCertificationsView(m_book, m_dialogs, this);
    m_certifications->setObjectName(QStringLiteral("partnerCertifications"));
    m_ui->certificationsSlot->addWidget(m_certifications);
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
    m_ui->partnerName->setFocus();
}

void PartnerDetailPanel::load(const Partner& partner)
{
    m_loading = true;
    m_original = partner;
    m_ui->partnerTitle->setText(!m_editing             ? tr("No partner selected")
                                : partner.id.isEmpty() ? tr("New partner")
                                                       : partner.name);
    m_ui->partnerKey->setText(partner.key);
    m_ui->partnerName->setText(partner.name);
    m_ui->partnerType->setCurrentText(toString(partner.type));
    m_ui->partnerStage->setCurrentText(toString(partner.stage));
    if (m_ui->partnerTier->findText(partner.tier) < 0 && !partner.tier.isEmpty())
        m_ui->partnerTier->addItem(partner.tier);
    m_ui->partnerTier->setCurrentText(partner.tier);
    m_ui->partnerTerritory->setText(partner.territory);
    m_ui->partnerChannelManager->setText(partner.channelManager);
    m_ui->partnerCountry->setText(partner.country);
    m_ui->partnerCity->setText(partner.city);
    m_ui->partnerFounded->setValue(partner.founded);
    m_ui->partnerWebsite->setText(partner.website);
    m_ui->partnerIndustry->setText(partner.industry);
    m_ui->partnerEmployees->setValue(partner.employees);
    showIppScore();
    for (QLineEdit* edit : {m_ui->partnerKey, m_ui->partnerName, m_ui->partnerTerritory, m_ui->partnerChannelManager,
                            m_ui->partnerCountry, m_ui->partnerCity, m_ui->partnerWebsite})
        edit->setCursorPosition(0); // show the start of long values
    for (QLabel* label : {m_ui->partnerKeyError, m_ui->partnerNameError, m_ui->partnerCountryError,
                          m_ui->partnerWebsiteError, m_ui->partnerFormError})
        setFieldError(label, {});
    m_contacts->setPartner(partner.id);
    // Stage changes go through "Change stage…" (issue 9); an offboarded partner is read-only.
    m_readOnly = m_editing && partner.stage == LifecycleStage::Offboarded;
    m_ui->partnerStage->setEnabled(partner.id.isEmpty());
    m_ui->partnerReadOnlyNote->setVisible(m_readOnly);
    m_lifecycle->setPartner(partner.id);
    m_certifications->setPartner(partner.id, m_readOnly);
    m_ui->partnerForm->setEnabled(m_editing && !m_readOnly);
    m_loading = false;
    updateButtons();
}

Partner PartnerDetailPanel::formValue() const
{
    Partner p = m_original;
    p.key = m_ui->partnerKey->text().trimmed();
    p.name = m_ui->partnerName->text().trimmed();
    p.type = partnerTypeFromString(m_ui->partnerType->currentText()).value_or(PartnerType::VAR);
    p.stage = lifecycleStageFromString(m_ui->partnerStage->currentText()).value_or(LifecycleStage::Prospect);
    p.tier = m_ui->partnerTier->currentText();
    p.territory = m_ui->partnerTerritory->text().trimmed();
    p.channelManager = m_ui->partnerChannelManager->text().trimmed();
    p.country = m_ui->partnerCountry->text().trimmed();
    p.city = m_ui->partnerCity->text().trimmed();
    p.founded = m_ui->partnerFounded->value();
    p.website = m_ui->partnerWebsite->text().trimmed();
    p.industry = m_ui->partnerIndustry->text().trimmed();
    p.employees = m_ui->partnerEmployees->value();
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
    setFieldError(m_ui->partnerNameError, nameError);
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
    setFieldError(m_ui->partnerKeyError, keyError);
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
    setFieldError(m_ui->partnerCountryError, countryError);
    ok = ok && countryError.isEmpty();

    QString websiteError;
    if (!p.website.isEmpty()) {
        const QUrl url = QUrl::fromUserInput(p.website);
        if (!url.isValid() || url.host().isEmpty() || !url.host().contains(QLatin1Char('.')))
            websiteError = tr("This is not a web address.");
    }
    setFieldError(m_ui->partnerWebsiteError, websiteError);
    ok = ok && websiteError.isEmpty();

    if (ok && resolved)
        *resolved = p;
    return ok;
}

bool PartnerDetailPanel::save()
{
    if (!m_editing || m_readOnly)
        return false;
    setFieldError(m_ui->partnerFormError, {});
    Partner p;
    if (!validate(&p))
        return false;
    QString error;
    auto onError = [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); };
    if (p.id.isEmpty()) {
        auto command = std::make_unique<AddPartnerCommand>(m_book.partners(), p);
        AddPartnerCommand* added = command.get();
        if (!pushCommand(m_book.undoStack(), std::move(command), &error, onError)) {
            setFieldError(m_ui->partnerFormError, error);
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
        setFieldError(m_ui->partnerFormError, error);
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
    const bool editable = m_editing && !m_readOnly;
    m_ui->savePartner->setEnabled(editable && (isDirty() || !saved));
    m_ui->revertPartner->setEnabled(editable && isDirty());
    const bool hasContact = m_ui->contactsView->selectionModel()->hasSelection();
    m_ui->addContact->setEnabled(saved && editable);
    m_ui->editContact->setEnabled(saved && editable && hasContact);
    m_ui->archiveContact->setEnabled(saved && editable && hasContact);
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
    const QModelIndex current = m_ui->contactsView->currentIndex();
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
    const QModelIndex current = m_ui->contactsView->currentIndex();
    if (!current.isValid())
        return;
    const Contact contact = m_contacts->contactAt(current.row());
    QString error;
    if (!pushCommand(m_book.undoStack(), std::make_unique<ArchiveContactCommand>(m_book.contacts(), contact), &error))
        m_dialogs.warning(this, tr("Archive contact"), error);
    updateButtons();
}

void PartnerDetailPanel::showIppScore()
{
    if (m_original.id.isEmpty()) {
        m_ui->partnerIppScore->clear();
        return;
    }
    try {
        const IdealPartnerProfile profile = m_book.ippProfile().load();
        const int certified = m_book.certifications().certifiedContactCount(m_original.id, m_book.clock().todayUtc());
        const IppScore score = profile.score(m_original, certified);
        QStringList lines{tr("IPP score: %1").arg(QString::number(score.score, 'f', 1))};
        for (const IppContribution& c : score.contributions) {
            if (c.met)
                lines << tr("%1: +%2").arg(c.criterion.description(), QString::number(c.points, 'f', 1));
            else if (c.actual.isEmpty())
                lines << tr("%1: 0 (unknown)").arg(c.criterion.description());
            else
                lines << tr("%1: 0 (has %2)").arg(c.criterion.description(), c.actual);
        }
        m_ui->partnerIppScore->setText(lines.join(QLatin1Char('\n')));
    } catch (const StorageError& e) {
        m_ui->partnerIppScore->setText(e.message());
    }
}

} // namespace pd

#include "widgets/RegisterDealDialog.h"

#include "domain/Money.h"
#include "models/ConflictListModel.h"
#include "models/DealCommands.h"
#include "storage/AccountRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace pd {

RegisterDealDialog::RegisterDealDialog(Book& book, DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_book(book), m_dialogs(dialogs)
{
    setObjectName(QStringLiteral("registerDealDialog"));
    setWindowTitle(tr("Register deal"));
    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(liveCheckDelayMs());
    connect(&m_liveTimer, &QTimer::timeout, this, &RegisterDealDialog::runLiveCheck);
    connect(&m_liveWatcher, &QFutureWatcher<BackgroundResult<QList<LiveWarning>>>::finished, this,
            &RegisterDealDialog::onLiveCheck);
    buildForm();
    loadChoices();
}

QLabel* RegisterDealDialog::errorLabel(const QString& name)
{
    auto* label = new QLabel(this);
    label->setObjectName(name);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

void RegisterDealDialog::buildForm()
{
    auto* form = new QFormLayout;
    auto addField = [form](const QString& label, QWidget* field, QLabel* error) {
        auto* box = new QVBoxLayout;
        box->setContentsMargins(0, 0, 0, 0);
        box->setSpacing(2);
        box->addWidget(field);
        if (error)
            box->addWidget(error);
        form->addRow(label, box);
    };

    m_partner = new QComboBox(this);
    m_partner->setObjectName(QStringLiteral("dealPartner"));
    m_partner->setEditable(true);
    m_partner->setInsertPolicy(QComboBox::NoInsert);
    m_partner->completer()->setFilterMode(Qt::MatchContains);
    m_partner->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_partnerError = errorLabel(QStringLiteral("partnerError"));
    addField(tr("Partner"), m_partner, m_partnerError);

    m_contact = new QComboBox(this);
    m_contact->setObjectName(QStringLiteral("dealContact"));
    addField(tr("Registering contact"), m_contact, nullptr);

    m_customer = new QLineEdit(this);
    m_customer->setObjectName(QStringLiteral("dealCustomer"));
    m_customer->setPlaceholderText(tr("Existing account or a new end customer"));
    m_customerError = errorLabel(QStringLiteral("customerError"));
    m_customerKind = new QLabel(this);
    m_customerKind->setObjectName(QStringLiteral("customerKind"));
    auto* customerBox = new QVBoxLayout;
    customerBox->setSpacing(2);
    customerBox->addWidget(m_customer);
    customerBox->addWidget(m_customerKind);
    customerBox->addWidget(m_customerError);
    form->addRow(tr("End customer"), customerBox);

    m_domain = new QLineEdit(this);
    m_domain->setObjectName(QStringLiteral("dealDomain"));
    m_domain->setPlaceholderText(tr("e.g. acme.com"));
    addField(tr("Web domain"), m_domain, nullptr);
    m_country = new QLineEdit(this);
    m_country->setObjectName(QStringLiteral("dealCountry"));
    m_country->setPlaceholderText(tr("Country name or code"));
    m_countryError = errorLabel(QStringLiteral("countryError"));
    addField(tr("Country"), m_country, m_countryError);

    m_product = new QComboBox(this);
    m_product->setObjectName(QStringLiteral("dealProduct"));
    m_productError = errorLabel(QStringLiteral("productError"));
    addField(tr("Product"), m_product, m_productError);

    auto* amountRow = new QHBoxLayout;
    m_amount = new QLineEdit(this);
    m_amount->setObjectName(QStringLiteral("dealAmount"));
    m_amount->setPlaceholderText(tr("e.g. 12,500.00"));
    m_currency = new QComboBox(this);
    m_currency->setObjectName(QStringLiteral("dealCurrency"));
    m_currency->setEditable(true);
    m_currency->addItems({QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"), QStringLiteral("JPY"),
                          QStringLiteral("CAD"), QStringLiteral("AUD")});
    amountRow->addWidget(m_amount, 1);
    amountRow->addWidget(m_currency);
    m_amountError = errorLabel(QStringLiteral("amountError"));
    auto* amountBox = new QVBoxLayout;
    amountBox->setSpacing(2);
    amountBox->addLayout(amountRow);
    amountBox->addWidget(m_amountError);
    form->addRow(tr("Amount"), amountBox);

    m_expectedClose = new QDateEdit(m_book.clock().todayUtc().addDays(90), this);
    m_expectedClose->setObjectName(QStringLiteral("dealExpectedClose"));
    m_expectedClose->setCalendarPopup(true);
    m_expectedClose->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    addField(tr("Expected close"), m_expectedClose, nullptr);

    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("dealNotes"));
    m_notes->setMaximumHeight(70);
    addField(tr("Notes"), m_notes, nullptr);

    m_warnings = new QListWidget(this);
    m_warnings->setObjectName(QStringLiteral("dealWarnings"));
    m_warnings->setMinimumHeight(80);
    m_warnings->setWordWrap(true);
    auto* warningsLabel = new QLabel(tr("Conflicts and possible duplicates (checked while you type)"), this);

    m_formError = errorLabel(QStringLiteral("formError"));

    auto* buttons = new QDialogButtonBox(this);
    m_submit = buttons->addButton(tr("Submit registration"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("submitDeal"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_submit, &QPushButton::clicked, this, &RegisterDealDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(warningsLabel);
    layout->addWidget(m_warnings, 1);
    layout->addWidget(m_formError);
    layout->addWidget(buttons);
    resize(560, 680);

    connect(m_partner, &QComboBox::currentIndexChanged, this, &RegisterDealDialog::onPartnerChanged);
    connect(m_customer, &QLineEdit::textChanged, this, &RegisterDealDialog::onCustomerChanged);
    connect(m_domain, &QLineEdit::textChanged, this, &RegisterDealDialog::scheduleLiveCheck);
    connect(m_product, &QComboBox::currentIndexChanged, this, &RegisterDealDialog::scheduleLiveCheck);
}

// Never waits for the background reads: they end on their own connections and their results are dropped.
RegisterDealDialog::~RegisterDealDialog() = default;

void RegisterDealDialog::loadChoices()
{
    m_submit->setEnabled(false);
    m_partner->setPlaceholderText(tr("Loading…"));
    connect(&m_choicesWatcher, &QFutureWatcher<BackgroundResult<Choices>>::finished, this,
            &RegisterDealDialog::onChoices);
    m_choicesWatcher.setFuture(
        runInBackground<Choices>(m_book.config(), m_book.clock().nowUtc(), [](Database& db, const Clock& clock) {
            Choices c;
            for (const PartnerRef& r : PartnerRepository(db, clock).listRefs()) // ordered by key
                c.partners.append({r.id, QStringLiteral("%1 — %2").arg(r.key, r.name)});
            c.products = ProductRepository(db).list();
            std::sort(c.products.begin(), c.products.end(),
                      [](const Product& a, const Product& b) { return a.name < b.name; });
            for (const Account& a : AccountRepository(db).list())
                c.accountNames << a.name;
            c.accountNames.sort(Qt::CaseInsensitive);
            return c;
        }));
}

void RegisterDealDialog::onChoices()
{
    const BackgroundResult<Choices> result = m_choicesWatcher.result();
    if (!result.error.isEmpty()) {
        m_formError->setText(result.error);
        m_formError->show();
        return;
    }
    {
        const QSignalBlocker block(m_partner);
        for (const auto& [id, label] : result.value.partners)
            m_partner->addItem(label, id);
        m_partner->setCurrentIndex(-1);
    }
    {
        const QSignalBlocker block(m_product);
        for (const Product& p : result.value.products)
            m_product->addItem(p.name, p.id);
        m_product->setCurrentIndex(-1);
    }
    m_partner->setPlaceholderText(tr("Type a partner key or name")); // (an empty placeholder selects row 0)
    auto* completer = new QCompleter(result.value.accountNames, m_customer);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_customer->setCompleter(completer);
    m_submit->setEnabled(true);
    m_choicesLoaded = true;
    Q_EMIT choicesLoaded();
}

bool RegisterDealDialog::selectPartner(const QString& key)
{
    for (int i = 0; i < m_partner->count(); ++i) {
        if (m_partner->itemText(i).startsWith(key + QStringLiteral(" — "))) {
            m_partner->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void RegisterDealDialog::onPartnerChanged()
{
    m_contact->clear();
    m_contact->addItem(tr("(none)"), QString());
    const QString partnerId = m_partner->currentData().toString();
    if (!partnerId.isEmpty()) {
        try {
            for (const Contact& c : m_book.contacts().listForPartner(partnerId))
                m_contact->addItem(c.role.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.role), c.id);
            if (m_contact->count() == 2) // the partner's only contact registers its deals
                m_contact->setCurrentIndex(1);
        } catch (const StorageError& e) {
            m_formError->setText(e.message());
            m_formError->show();
        }
    }
    scheduleLiveCheck();
}

void RegisterDealDialog::onCustomerChanged()
{
    std::optional<Account> existing;
    const QString name = m_customer->text().trimmed();
    if (!name.isEmpty()) {
        try {
            existing = m_book.accounts().findByName(name);
        } catch (const StorageError&) {
            existing.reset();
        }
    }
    m_existingAccountId = existing ? existing->id : QString();
    if (existing) {
        m_customerKind->setText(tr("Existing account: %1").arg(existing->name));
        m_domain->setText(existing->webDomain);
        m_country->setText(existing->country);
    } else {
        m_customerKind->setText(name.isEmpty() ? QString() : tr("New end customer: enter its web domain and country"));
    }
    m_domain->setEnabled(!existing);
    m_country->setEnabled(!existing);
    scheduleLiveCheck();
}

void RegisterDealDialog::scheduleLiveCheck()
{
    ++m_liveGeneration;
    m_liveTimer.start();
}

QString RegisterDealDialog::warningText(const LiveWarning& w) const
{
    const QDateTime now = m_book.clock().nowUtc();
    const qint64 earlier = w.other.registeredAt.isValid() ? w.other.registeredAt.secsTo(now) : 0;
    if (w.kind == LiveWarning::Kind::Conflict) {
        const ProgramRules rules = m_book.programSettings().load().rules;
        QDateTime until = w.other.registeredAt.addDays(rules.protectionDays);
        if (until <= now)
            until = until.addDays(rules.extensionDays); // still protected, so it was extended
        return tr("Conflicts with #%1 by %2 for %3, registered %4 earlier; protected until %5.")
            .arg(w.other.registrationNumber)
            .arg(w.other.partnerKey, w.customer, ConflictListModel::durationText(earlier),
                 until.date().toString(Qt::ISODate));
    }
    return tr("Possible duplicate: #%1 by %2 for %3 (%4, name %5% similar), registered %6 earlier.")
        .arg(w.other.registrationNumber)
        .arg(w.other.partnerKey, w.customer, w.other.status)
        .arg(qRound(w.similarity * 100))
        .arg(ConflictListModel::durationText(earlier));
}

void RegisterDealDialog::runLiveCheck()
{
    m_liveTimer.stop();
    if (m_liveWatcher.isRunning()) {
        m_liveQueued = true;
        return;
    }
    const QString partnerId = m_partner->currentData().toString();
    const QString productId = m_product->currentData().toString();
    const QString customer = m_customer->text().trimmed();
    const QString domain = m_domain->text().trimmed().toLower();
    if (partnerId.isEmpty() || productId.isEmpty() || (customer.isEmpty() && domain.isEmpty())) {
        m_warnings->clear();
        Q_EMIT warningsUpdated(0);
        return;
    }
    const QString accountId = m_existingAccountId;
    const QDateTime now = m_book.clock().nowUtc();
    m_liveRunning = m_liveGeneration;
    m_liveWatcher.setFuture(runInBackground<QList<LiveWarning>>(
        m_book.config(), now,
        [partnerId, productId, customer, domain, accountId, now](Database& db, const Clock& clock) {
            const ProgramSettings settings = ProgramSettingsRepository(db, clock).load();
            return ConflictRepository(db).liveCheck(partnerId, customer, domain, productId, now, settings.rules,
                                                    accountId);
        }));
}

void RegisterDealDialog::onLiveCheck()
{
    const BackgroundResult<QList<LiveWarning>> result = m_liveWatcher.result();
    if (m_liveQueued || m_liveRunning != m_liveGeneration) {
        m_liveQueued = false;
        runLiveCheck(); // the fields changed meanwhile: check what is there now
        return;
    }
    m_warnings->clear();
    if (!result.error.isEmpty()) {
        new QListWidgetItem(tr("The check failed: %1").arg(result.error), m_warnings);
        Q_EMIT warningsUpdated(0);
        return;
    }
    for (const LiveWarning& w : result.value) {
        auto* item = new QListWidgetItem(warningText(w), m_warnings);
        item->setForeground(w.kind == LiveWarning::Kind::Conflict ? QColor(0xb0, 0x00, 0x20) : QColor(0x8a, 0x5a, 0));
        item->setData(Qt::UserRole, w.other.dealId);
    }
    if (result.value.isEmpty())
        new QListWidgetItem(tr("No conflicts or possible duplicates."), m_warnings);
    Q_EMIT warningsUpdated(int(result.value.size()));
}

QStringList RegisterDealDialog::warningTexts() const
{
    QStringList out;
    for (int i = 0; i < m_warnings->count(); ++i)
        if (!m_warnings->item(i)->data(Qt::UserRole).toString().isEmpty())
            out << m_warnings->item(i)->text();
    return out;
}

bool RegisterDealDialog::validate(Deal* deal, Account* newAccount)
{
    bool ok = true;
    auto fail = [&ok](QLabel* label, const QString& text) {
        label->setText(text);
        label->setVisible(!text.isEmpty());
        if (!text.isEmpty())
            ok = false;
    };
    fail(m_partnerError, m_partner->currentData().toString().isEmpty() ||
                                 m_partner->currentText() != m_partner->itemText(m_partner->currentIndex())
                             ? tr("Choose a partner from the list.")
                             : QString());
    fail(m_productError, m_product->currentData().toString().isEmpty() ? tr("Choose a product.") : QString());
    const QString customer = m_customer->text().trimmed();
    fail(m_customerError, customer.isEmpty() ? tr("Enter the end customer.") : QString());
    QString country;
    if (m_existingAccountId.isEmpty() && !m_country->text().trimmed().isEmpty()) {
        country = m_countries.resolve(m_country->text().trimmed());
        fail(m_countryError, country.isEmpty()
                                 ? tr("“%1” is not a country; enter a name or ISO code, e.g. Germany or DE.")
                                       .arg(m_country->text().trimmed())
                                 : QString());
    } else {
        fail(m_countryError, QString());
    }
    const QString currency = m_currency->currentText().trimmed().toUpper();
    qint64 amount = -1;
    if (!isCurrencyCode(currency)) {
        fail(m_amountError, tr("“%1” is not an ISO 4217 currency code.").arg(m_currency->currentText()));
    } else if (!m_amount->text().trimmed().isEmpty()) {
        const std::optional<qint64> minor = parseMinorUnits(m_amount->text().trimmed(), currency);
        fail(m_amountError,
             !minor || *minor < 0 ? tr("Enter a positive amount in %1, e.g. 12,500.00.").arg(currency) : QString());
        amount = minor.value_or(-1);
    } else {
        fail(m_amountError, QString());
    }
    if (!ok)
        return false;
    deal->partnerId = m_partner->currentData().toString();
    deal->contactId = m_contact->currentData().toString();
    deal->productId = m_product->currentData().toString();
    deal->accountId = m_existingAccountId;
    deal->amountMinor = amount;
    deal->currency = currency;
    deal->expectedClose = m_expectedClose->date();
    deal->notes = m_notes->toPlainText().trimmed();
    if (m_existingAccountId.isEmpty()) {
        newAccount->name = customer;
        newAccount->webDomain = m_domain->text().trimmed().toLower();
        newAccount->country = country;
    }
    return true;
}

bool RegisterDealDialog::submit()
{
    m_formError->hide();
    Deal deal;
    Account account;
    if (!validate(&deal, &account))
        return false;
    QString error;
    ProgramSettings settings;
    try {
        settings = m_book.programSettings().load();
    } catch (const StorageError& e) {
        m_formError->setText(e.message());
        m_formError->show();
        return false;
    }
    // A new end customer is created by the same command and transaction: undoing the registration removes it too.
    auto command = std::make_unique<RegisterDealCommand>(m_book.database(), m_book.workflow(), deal, settings);
    const bool newCustomer = deal.accountId.isEmpty();
    if (newCustomer)
        command->createCustomer(m_book.accounts(), m_book.clock(), account);
    RegisterDealCommand* raw = command.get();
    const QPointer<QWidget> owner(parentWidget()); // the dialog itself is gone when a later undo fails
    DialogService* dialogs = &m_dialogs;
    if (!pushCommand(m_book.undoStack(), std::move(command), &error, [dialogs, owner](const QString& message) {
            dialogs->warning(owner.data(), RegisterDealDialog::tr("Undo"), message);
        })) {
        m_formError->setText(error);
        m_formError->show();
        return false;
    }
    if (newCustomer) {
        m_existingAccountId = raw->createdAccountId();
        Q_EMIT m_book.notifier().accountsChanged({m_existingAccountId}); // AccountRepository has no notifier
    }
    const DealState& s = raw->submitted();
    Q_EMIT registered(raw->deal().id, s.registrationNumber, s.decidedBy);
    accept();
    return true;
}

} // namespace pd

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

#include "ui_RegisterDealDialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>

namespace pd {

RegisterDealDialog::RegisterDealDialog(Book& book, DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RegisterDealDialog>()), m_book(book), m_dialogs(dialogs)
{
    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(liveCheckDelayMs());
    connect(&m_liveTimer, &QTimer::timeout, this, &RegisterDealDialog::runLiveCheck);
    connect(&m_liveWatcher, &QFutureWatcher<BackgroundResult<QList<LiveWarning>>>::finished, this,
            &RegisterDealDialog::onLiveCheck);
    buildForm();
    loadChoices();
}

void RegisterDealDialog::buildForm()
{
    m_ui->setupUi(this);
    // The submit button joins the button box as its accept button (the form places it beside the box).
    m_ui->buttons->addButton(m_ui->submitDeal, QDialogButtonBox::AcceptRole);
    for (QLabel* error : {m_ui->partnerError, m_ui->customerError, m_ui->countryError, m_ui->productError,
                          m_ui->amountError, m_ui->formError})
        error->hide();
    m_ui->dealPartner->completer()->setFilterMode(Qt::MatchContains);
    m_ui->dealPartner->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_ui->dealExpectedClose->setDate(m_book.clock().todayUtc().addDays(90));

    connect(m_ui->submitDeal, &QPushButton::clicked, this, &RegisterDealDialog::submit);
    connect(m_ui->dealPartner, &QComboBox::currentIndexChanged, this, &RegisterDealDialog::onPartnerChanged);
    connect(m_ui->dealCustomer, &QLineEdit::textChanged, this, &RegisterDealDialog::onCustomerChanged);
    connect(m_ui->dealDomain, &QLineEdit::textChanged, this, &RegisterDealDialog::scheduleLiveCheck);
    connect(m_ui->dealProduct, &QComboBox::currentIndexChanged, this, &RegisterDealDialog::scheduleLiveCheck);
}

// Never waits for the background reads: they end on their own connections and their results are dropped.
RegisterDealDialog::~RegisterDealDialog() = default;

void RegisterDealDialog::loadChoices()
{
    m_ui->submitDeal->setEnabled(false);
    m_ui->dealPartner->setPlaceholderText(tr("Loading…"));
    connect(&m_choicesWatcher, &QFutureWatcher<BackgroundResult<Choices>>::finished, this,
            &RegisterDealDialog::onChoices);
    m_choicesWatcher.setFuture(runInBackground<Choices>(
        m_book.config(), m_book.clock().nowUtc(),
        [](Database& db, const Clock& clock) {
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
        },
        m_book.workers()));
}

void RegisterDealDialog::onChoices()
{
    const BackgroundResult<Choices> result = m_choicesWatcher.result();
    if (!result.error.isEmpty()) {
        m_ui->formError->setText(result.error);
        m_ui->formError->show();
        return;
    }
    {
        const QSignalBlocker block(m_ui->dealPartner);
        for (const auto& [id, label] : result.value.partners)
            m_ui->dealPartner->addItem(label, id);
        m_ui->dealPartner->setCurrentIndex(-1);
    }
    {
        const QSignalBlocker block(m_ui->dealProduct);
        for (const Product& p : result.value.products)
            m_ui->dealProduct->addItem(p.name, p.id);
        m_ui->dealProduct->setCurrentIndex(-1);
    }
    m_ui->dealPartner->setPlaceholderText(tr("Type a partner key or name")); // (an empty placeholder selects row 0)
    auto* completer = new QCompleter(result.value.accountNames, m_ui->dealCustomer);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_ui->dealCustomer->setCompleter(completer);
    m_ui->submitDeal->setEnabled(true);
    m_choicesLoaded = true;
    Q_EMIT choicesLoaded();
}

bool RegisterDealDialog::selectPartner(const QString& key)
{
    for (int i = 0; i < m_ui->dealPartner->count(); ++i) {
        if (m_ui->dealPartner->itemText(i).startsWith(key + QStringLiteral(" — "))) {
            m_ui->dealPartner->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void RegisterDealDialog::onPartnerChanged()
{
    m_ui->dealContact->clear();
    m_ui->dealContact->addItem(tr("(none)"), QString());
    const QString partnerId = m_ui->dealPartner->currentData().toString();
    if (!partnerId.isEmpty()) {
        try {
            for (const Contact& c : m_book.contacts().listForPartner(partnerId))
                m_ui->dealContact->addItem(c.role.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.role),
                                           c.id);
            if (m_ui->dealContact->count() == 2) // the partner's only contact registers its deals
                m_ui->dealContact->setCurrentIndex(1);
        } catch (const StorageError& e) {
            m_ui->formError->setText(e.message());
            m_ui->formError->show();
        }
    }
    scheduleLiveCheck();
}

void RegisterDealDialog::onCustomerChanged()
{
    std::optional<Account> existing;
    const QString name = m_ui->dealCustomer->text().trimmed();
    if (!name.isEmpty()) {
        try {
            existing = m_book.accounts().findByName(name);
        } catch (const StorageError&) {
            existing.reset();
        }
    }
    m_existingAccountId = existing ? existing->id : QString();
    if (existing) {
        m_ui->customerKind->setText(tr("Existing account: %1").arg(existing->name));
        m_ui->dealDomain->setText(existing->webDomain);
        m_ui->dealCountry->setText(existing->country);
    } else {
        m_ui->customerKind->setText(name.isEmpty() ? QString()
                                                   : tr("New end customer: enter its web domain and country"));
    }
    m_ui->dealDomain->setEnabled(!existing);
    m_ui->dealCountry->setEnabled(!existing);
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
    const QString partnerId = m_ui->dealPartner->currentData().toString();
    const QString productId = m_ui->dealProduct->currentData().toString();
    const QString customer = m_ui->dealCustomer->text().trimmed();
    const QString domain = m_ui->dealDomain->text().trimmed().toLower();
    if (partnerId.isEmpty() || productId.isEmpty() || (customer.isEmpty() && domain.isEmpty())) {
        m_ui->dealWarnings->clear();
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
        },
        m_book.workers()));
}

void RegisterDealDialog::onLiveCheck()
{
    const BackgroundResult<QList<LiveWarning>> result = m_liveWatcher.result();
    if (m_liveQueued || m_liveRunning != m_liveGeneration) {
        m_liveQueued = false;
        runLiveCheck(); // the fields changed meanwhile: check what is there now
        return;
    }
    m_ui->dealWarnings->clear();
    if (!result.error.isEmpty()) {
        new QListWidgetItem(tr("The check failed: %1").arg(result.error), m_ui->dealWarnings);
        Q_EMIT warningsUpdated(0);
        return;
    }
    for (const LiveWarning& w : result.value) {
        auto* item = new QListWidgetItem(warningText(w), m_ui->dealWarnings);
        item->setForeground(w.kind == LiveWarning::Kind::Conflict ? QColor(0xb0, 0x00, 0x20) : QColor(0x8a, 0x5a, 0));
        item->setData(Qt::UserRole, w.other.dealId);
    }
    if (result.value.isEmpty())
        new QListWidgetItem(tr("No conflicts or possible duplicates."), m_ui->dealWarnings);
    Q_EMIT warningsUpdated(int(result.value.size()));
}

QStringList RegisterDealDialog::warningTexts() const
{
    QStringList out;
    for (int i = 0; i < m_ui->dealWarnings->count(); ++i)
        if (!m_ui->dealWarnings->item(i)->data(Qt::UserRole).toString().isEmpty())
            out << m_ui->dealWarnings->item(i)->text();
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
    fail(m_ui->partnerError,
         m_ui->dealPartner->currentData().toString().isEmpty() ||
                 m_ui->dealPartner->currentText() != m_ui->dealPartner->itemText(m_ui->dealPartner->currentIndex())
             ? tr("Choose a partner from the list.")
             : QString());
    fail(m_ui->productError,
         m_ui->dealProduct->currentData().toString().isEmpty() ? tr("Choose a product.") : QString());
    const QString customer = m_ui->dealCustomer->text().trimmed();
    fail(m_ui->customerError, customer.isEmpty() ? tr("Enter the end customer.") : QString());
    QString country;
    if (m_existingAccountId.isEmpty() && !m_ui->dealCountry->text().trimmed().isEmpty()) {
        country = m_countries.resolve(m_ui->dealCountry->text().trimmed());
        fail(m_ui->countryError, country.isEmpty()
                                     ? tr("“%1” is not a country; enter a name or ISO code, e.g. Germany or DE.")
                                           .arg(m_ui->dealCountry->text().trimmed())
                                     : QString());
    } else {
        fail(m_ui->countryError, QString());
    }
    const QString currency = m_ui->dealCurrency->currentText().trimmed().toUpper();
    qint64 amount = -1;
    if (!isCurrencyCode(currency)) {
        fail(m_ui->amountError, tr("“%1” is not an ISO 4217 currency code.").arg(m_ui->dealCurrency->currentText()));
    } else if (!m_ui->dealAmount->text().trimmed().isEmpty()) {
        const std::optional<qint64> minor = parseMinorUnits(m_ui->dealAmount->text().trimmed(), currency);
        fail(m_ui->amountError,
             !minor || *minor < 0 ? tr("Enter a positive amount in %1, e.g. 12,500.00.").arg(currency) : QString());
        amount = minor.value_or(-1);
    } else {
        fail(m_ui->amountError, QString());
    }
    if (!ok)
        return false;
    deal->partnerId = m_ui->dealPartner->currentData().toString();
    deal->contactId = m_ui->dealContact->currentData().toString();
    deal->productId = m_ui->dealProduct->currentData().toString();
    deal->accountId = m_existingAccountId;
    deal->amountMinor = amount;
    deal->currency = currency;
    deal->expectedClose = m_ui->dealExpectedClose->date();
    deal->notes = m_ui->dealNotes->toPlainText().trimmed();
    if (m_existingAccountId.isEmpty()) {
        newAccount->name = customer;
        newAccount->webDomain = m_ui->dealDomain->text().trimmed().toLower();
        newAccount->country = country;
    }
    return true;
}

bool RegisterDealDialog::submit()
{
    m_ui->formError->hide();
    Deal deal;
    Account account;
    if (!validate(&deal, &account))
        return false;
    QString error;
    ProgramSettings settings;
    try {
        settings = m_book.programSettings().load();
    } catch (const StorageError& e) {
        m_ui->formError->setText(e.message());
        m_ui->formError->show();
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
        m_ui->formError->setText(error);
        m_ui->formError->show();
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

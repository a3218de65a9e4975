#include "widgets/DealDetailPanel.h"

#include "domain/Attribution.h"
#include "domain/DealWorkflow.h"
#include "domain/Money.h"
#include "models/DealPartnerCommand.h"
#include "models/MdfDealLinkCommand.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include "ui_DealDetailPanel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>

namespace pd {

DealDetailPanel::DealDetailPanel(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::DealDetailPanel>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this);
    m_ui->dealPartnerRole->addItems(DealPartnerRepository::roles());
    m_ui->touchType->addItems(DealPartnerRepository::touchTypes());
    m_ui->touchDate->setDate(m_book.clock().todayUtc());
    m_ui->dealAttribution->verticalHeader()->setDefaultSectionSize(m_ui->dealAttribution->fontMetrics().height() + 6);
    connect(m_ui->addDealPartner, &QPushButton::clicked, this, &DealDetailPanel::addPartner);
    connect(m_ui->removeDealPartner, &QPushButton::clicked, this, &DealDetailPanel::removePartner);
    connect(m_ui->addTouch, &QPushButton::clicked, this, &DealDetailPanel::addTouch);
    connect(m_ui->removeTouch, &QPushButton::clicked, this, &DealDetailPanel::removeTouch);
    connect(m_ui->linkMdfActivity, &QPushButton::clicked, this, &DealDetailPanel::linkMdfActivity);

    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(0);
    connect(&m_reloadTimer, &QTimer::timeout, this, &DealDetailPanel::reload);
    connect(&m_book.notifier(), &ChangeNotifier::dealsChanged, this, [this](const QStringList& ids) {
        if (!m_dealId.isEmpty() && (ids.isEmpty() || ids.contains(m_dealId)))
            m_reloadTimer.start();
    });
    connect(&m_book.notifier(), &ChangeNotifier::bookReset, &m_reloadTimer, qOverload<>(&QTimer::start));
    connect(&m_choicesWatcher, &QFutureWatcher<BackgroundResult<QList<PartnerRef>>>::finished, this, [this] {
        const BackgroundResult<QList<PartnerRef>> result = m_choicesWatcher.result();
        for (const PartnerRef& r : result.value) {
            const QString label = QStringLiteral("%1 — %2").arg(r.key, r.name);
            m_ui->dealPartnerChoice->addItem(label, r.id);
            m_ui->touchPartner->addItem(label, r.id);
        }
    });
}

DealDetailPanel::~DealDetailPanel() = default;

QTableWidget* DealDetailPanel::attributionTable() const
{
    return m_ui->dealAttribution;
}

QListWidget* DealDetailPanel::partnerList() const
{
    return m_ui->dealPartners;
}

QListWidget* DealDetailPanel::touchList() const
{
    return m_ui->dealTouches;
}

QComboBox* DealDetailPanel::partnerChoice() const
{
    return m_ui->dealPartnerChoice;
}

QComboBox* DealDetailPanel::touchPartnerChoice() const
{
    return m_ui->touchPartner;
}

QDateEdit* DealDetailPanel::touchDate() const
{
    return m_ui->touchDate;
}

void DealDetailPanel::setDeal(const QString& id)
{
    if (id == m_dealId)
        return;
    m_dealId = id;
    m_touchDateSet = false; // the next touch defaults to this deal's registration date
    if (m_ui->dealPartnerChoice->count() == 0 && !m_choicesWatcher.isRunning()) {
        // 100,000 partners are read on a pool thread; the combos fill when they arrive.
        m_choicesWatcher.setFuture(runInBackground<QList<PartnerRef>>(
            m_book.config(), m_book.clock().nowUtc(),
            [](Database& db, const Clock& clock) { return PartnerRepository(db, clock).listRefs(); },
            m_book.workers()));
    }
    reload();
}

void DealDetailPanel::reload()
{
    m_reloadTimer.stop();
    m_ui->dealPartners->clear();
    m_ui->dealTouches->clear();
    m_ui->dealAttribution->clear();
    m_ui->dealAttribution->setRowCount(0);
    m_ui->dealAttribution->setColumnCount(0);
    m_ui->attributionNote->clear();
    if (m_dealId.isEmpty()) {
        m_ui->dealSummary->setText(tr("Select a registration to see its details."));
        m_ui->editors->setEnabled(false);
        return;
    }
    try {
        DealFilter f;
        f.dealId = m_dealId;
        const QList<DealListRow> rows = m_book.pipeline().list(f, 1);
        if (rows.isEmpty()) {
            m_ui->dealSummary->setText(tr("This registration no longer exists."));
            m_ui->editors->setEnabled(false);
            return;
        }
        const DealListRow& r = rows.first();
        const Deal& d = r.deal;
        if (!m_touchDateSet) {
            // A touch is usually recorded for the deal's own time, not for today (issue 8, item 5).
            m_ui->touchDate->setDate(d.registeredAt.isValid() ? d.registeredAt.date() : m_book.clock().todayUtc());
            m_touchDateSet = true;
        }
        const DealState s = m_book.workflow().state(m_dealId);
        const ProgramRules rules = m_book.programSettings().load().rules;
        QString protectedUntil;
        if (d.registeredAt.isValid() && protectedStatuses().contains(s.status)) {
            const QDateTime end = d.registeredAt.addDays(protectionWindowDays(rules, s.extended));
            protectedUntil = end <= m_book.clock().nowUtc()
                                 ? tr("overdue since %1").arg(end.date().toString(Qt::ISODate))
                                 : tr("protected until %1").arg(end.date().toString(Qt::ISODate));
        }
        QStringList lines;
        lines << tr("<b>Registration %1</b> — %2")
                     .arg(d.registrationNumber > 0 ? QStringLiteral("#%1").arg(d.registrationNumber) : tr("(draft)"),
                          toString(s.status).toHtmlEscaped());
        lines << tr("Partner: %1 (%2)").arg(r.partnerName.toHtmlEscaped(), r.partnerKey.toHtmlEscaped());
        lines << tr("Customer: %1").arg(r.accountName.isEmpty() ? tr("not known") : r.accountName.toHtmlEscaped());
        lines << tr("Product: %1").arg(r.productName.toHtmlEscaped());
        lines << tr("Amount: %1").arg(d.amountMinor < 0 ? tr("none") : formatMoney(Money{d.amountMinor, d.currency}));
        if (d.registeredAt.isValid())
            lines << tr("Registered: %1 UTC").arg(d.registeredAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        if (!protectedUntil.isEmpty())
            lines << protectedUntil;
        if (d.expectedClose.isValid())
            lines << tr("Expected close: %1").arg(d.expectedClose.toString(Qt::ISODate));
        if (d.closedOn.isValid())
            lines << tr("Closed: %1").arg(d.closedOn.toString(Qt::ISODate));
        if (!s.decidedBy.isEmpty())
            lines << tr("Decision: %1").arg(s.decidedBy.toHtmlEscaped());
        if (!s.rejectReason.isEmpty())
            lines << tr("Reject reason: %1").arg(s.rejectReason.toHtmlEscaped());
        if (!d.notes.isEmpty())
            lines << tr("Notes: %1").arg(d.notes.toHtmlEscaped());
        if (const auto mdf = m_book.mdfRequests().linkedRequest(m_dealId))
            lines << tr("MDF activity: request %1, %2 (%3)")
                         .arg(mdf->number)
                         .arg(mdf->activityType.toHtmlEscaped(), mdf->description.toHtmlEscaped());
        m_ui->dealSummary->setText(lines.join(QStringLiteral("<br>")));

        for (const DealPartner& p : m_book.dealPartners().partners(m_dealId)) {
            auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(p.partnerKey, p.role), m_ui->dealPartners);
            item->setData(Qt::UserRole, p.id);
        }
        for (const StoredTouch& t : m_book.dealPartners().touches(m_dealId)) {
            auto* item = new QListWidgetItem(
                QStringLiteral("%1  %2 — %3").arg(t.date.toString(Qt::ISODate), t.partnerKey, t.type),
                m_ui->dealTouches);
            item->setData(Qt::UserRole, t.id); // empty for the registration touch (not removable)
        }
        m_ui->editors->setEnabled(true);

        if (s.status != DealStatus::Won) {
            m_ui->attributionNote->setText(tr("Attribution is shown once the deal is won."));
            return;
        }
        const QList<AttributionModel> models = allAttributionModels();
        QStringList partnerOrder;
        QHash<QString, QString> keys;
        QHash<QString, bool> sourced;
        QList<QList<AttributedCredit>> perModel;
        for (AttributionModel m : models) {
            const QList<AttributedCredit> credits = m_book.dealPartners().attribution(m_dealId, m);
            for (const AttributedCredit& c : credits) {
                if (!partnerOrder.contains(c.partnerId))
                    partnerOrder << c.partnerId;
                keys.insert(c.partnerId, c.partnerKey);
                sourced[c.partnerId] = sourced.value(c.partnerId) || c.sourced;
            }
            perModel << credits;
        }
        // One row per model, one column per partner (deals rarely have more than a few partners).
        m_ui->dealAttribution->setRowCount(int(models.size()));
        m_ui->dealAttribution->setColumnCount(int(partnerOrder.size()));
        QStringList modelNames;
        for (AttributionModel m : models)
            modelNames << toString(m);
        m_ui->dealAttribution->setVerticalHeaderLabels(modelNames);
        QStringList partnerLabels;
        for (const QString& id : std::as_const(partnerOrder))
            partnerLabels << (sourced.value(id) ? tr("%1 (sourced)").arg(keys.value(id))
                                                : tr("%1 (influenced)").arg(keys.value(id)));
        m_ui->dealAttribution->setHorizontalHeaderLabels(partnerLabels);
        for (int r = 0; r < perModel.size(); ++r)
            for (const AttributedCredit& credit : perModel[r]) {
                auto* item = new QTableWidgetItem(formatMoney(Money{credit.amountMinor, s.currency}));
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(QStringLiteral("%1%").arg(credit.share * 100, 0, 'f', 1));
                m_ui->dealAttribution->setItem(r, int(partnerOrder.indexOf(credit.partnerId)), item);
            }
        m_ui->dealAttribution->resizeColumnsToContents();
        m_ui->attributionNote->setText(tr("The sourcing partner gets partner-sourced credit for the full amount under "
                                          "every model; the others' credits are partner-influenced."));
    } catch (const StorageError& e) {
        m_ui->dealSummary->setText(tr("The registration could not be read: %1").arg(e.message().toHtmlEscaped()));
    }
}

bool DealDetailPanel::push(std::unique_ptr<RepositoryCommand> command, const QString& title)
{
    QString error;
    const QPointer<QWidget> owner(this);
    DialogService* dialogs = &m_dialogs;
    if (!pushCommand(m_book.undoStack(), std::move(command), &error, [dialogs, owner](const QString& message) {
            dialogs->warning(owner.data(), DealDetailPanel::tr("Undo"), message);
        })) {
        m_dialogs.warning(this, title, error);
        return false;
    }
    return true;
}

bool DealDetailPanel::linkMdfActivity()
{
    if (m_dealId.isEmpty())
        return false;
    const QString title = tr("MDF activity");
    try {
        DealFilter f;
        f.dealId = m_dealId;
        const QList<DealListRow> rows = m_book.pipeline().list(f, 1);
        if (rows.isEmpty())
            return false;
        const std::optional<MdfRequest> current = m_book.mdfRequests().linkedRequest(m_dealId);
        MdfFilter filter;
        filter.partnerId = rows.first().deal.partnerId;
        filter.statuses = {toString(MdfRequestStatus::Approved)};
        const QList<MdfRequest> requests = m_book.mdfRequests().requests(filter);
        if (requests.isEmpty() && !current) {
            m_dialogs.information(this, title,
                                  tr("Partner %1 has no approved MDF request to link this registration to.")
                                      .arg(rows.first().partnerKey));
            return false;
        }
        QStringList items{tr("No MDF activity")};
        for (const MdfRequest& r : requests)
            items << tr("Request %1: %2, %3 (%4)").arg(r.number).arg(r.activityType, r.description, r.budgetName);
        const std::optional<int> chosen =
            m_dialogs.choice(this, title, tr("The MDF activity that produced this registration:"), items);
        if (!chosen)
            return false;
        const QString from = current ? current->id : QString();
        const QString to = *chosen == 0 ? QString() : requests.at(*chosen - 1).id;
        if (from == to)
            return false;
        return push(
            std::make_unique<MdfDealLinkCommand>(m_book.mdfRequests(), m_dealId, from, to,
                                                 to.isEmpty() ? tr("Unlink MDF activity") : tr("Link MDF activity")),
            title);
    } catch (const StorageError& e) {
        m_dialogs.warning(this, title, e.message());
        return false;
    }
}

bool DealDetailPanel::addPartner()
{
    const QString partnerId = m_ui->dealPartnerChoice->currentData().toString();
    if (m_dealId.isEmpty() || partnerId.isEmpty())
        return false;
    return push(DealPartnerCommand::addPartner(m_book.dealPartners(), m_dealId, partnerId,
                                               m_ui->dealPartnerRole->currentText()),
                tr("Add partner"));
}

bool DealDetailPanel::removePartner()
{
    QListWidgetItem* item = m_ui->dealPartners->currentItem();
    if (!item)
        return false;
    return push(DealPartnerCommand::remove(m_book.dealPartners(), DealPartnerCommand::Kind::RemovePartner,
                                           item->data(Qt::UserRole).toString()),
                tr("Remove partner"));
}

bool DealDetailPanel::addTouch()
{
    const QString partnerId = m_ui->touchPartner->currentData().toString();
    if (m_dealId.isEmpty() || partnerId.isEmpty())
        return false;
    return push(DealPartnerCommand::addTouch(m_book.dealPartners(), m_dealId, partnerId, m_ui->touchType->currentText(),
                                             m_ui->touchDate->date()),
                tr("Add touch"));
}

bool DealDetailPanel::removeTouch()
{
    QListWidgetItem* item = m_ui->dealTouches->currentItem();
    if (!item)
        return false;
    const QString id = item->data(Qt::UserRole).toString();
    if (id.isEmpty()) {
        m_dialogs.information(this, tr("Remove touch"), tr("The registration touch belongs to the deal itself."));
        return false;
    }
    return push(DealPartnerCommand::remove(m_book.dealPartners(), DealPartnerCommand::Kind::RemoveTouch, id),
                tr("Remove touch"));
}

} // namespace pd

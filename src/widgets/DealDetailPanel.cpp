#include "widgets/DealDetailPanel.h"

#include "domain/Attribution.h"
#include "domain/DealWorkflow.h"
#include "domain/Money.h"
#include "models/DealPartnerCommand.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pd {

DealDetailPanel::DealDetailPanel(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_book(book), m_dialogs(dialogs)
{
    setObjectName(QStringLiteral("dealDetailPanel"));
    m_summary = new QLabel(tr("Select a registration to see its details."), this);
    m_summary->setObjectName(QStringLiteral("dealSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_editors = new QWidget(this);
    auto* editors = new QVBoxLayout(m_editors);
    editors->setContentsMargins(0, 0, 0, 0);

    auto* partnersBox = new QGroupBox(tr("Further partners"), m_editors);
    auto* pl = new QVBoxLayout(partnersBox);
    m_partners = new QListWidget(partnersBox);
    m_partners->setObjectName(QStringLiteral("dealPartners"));
    m_partners->setMaximumHeight(90);
    m_partnerChoice = new QComboBox(partnersBox);
    m_partnerChoice->setObjectName(QStringLiteral("dealPartnerChoice"));
    m_partnerChoice->setEditable(true);
    m_partnerChoice->setInsertPolicy(QComboBox::NoInsert);
    m_roleChoice = new QComboBox(partnersBox);
    m_roleChoice->setObjectName(QStringLiteral("dealPartnerRole"));
    m_roleChoice->addItems(DealPartnerRepository::roles());
    for (QComboBox* combo : {m_partnerChoice, m_roleChoice}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
    auto* addP = new QPushButton(tr("Add"), partnersBox);
    addP->setObjectName(QStringLiteral("addDealPartner"));
    auto* removeP = new QPushButton(tr("Remove"), partnersBox);
    removeP->setObjectName(QStringLiteral("removeDealPartner"));
    auto* prow = new QHBoxLayout;
    prow->addWidget(m_roleChoice, 1);
    prow->addWidget(addP);
    prow->addWidget(removeP);
    pl->addWidget(m_partners);
    pl->addWidget(m_partnerChoice);
    pl->addLayout(prow);
    connect(addP, &QPushButton::clicked, this, &DealDetailPanel::addPartner);
    connect(removeP, &QPushButton::clicked, this, &DealDetailPanel::removePartner);

    auto* touchesBox = new QGroupBox(tr("Partner touches"), m_editors);
    auto* tl = new QVBoxLayout(touchesBox);
    m_touches = new QListWidget(touchesBox);
    m_touches->setObjectName(QStringLiteral("dealTouches"));
    m_touches->setMaximumHeight(110);
    m_touchPartner = new QComboBox(touchesBox);
    m_touchPartner->setObjectName(QStringLiteral("touchPartner"));
    m_touchType = new QComboBox(touchesBox);
    m_touchType->setObjectName(QStringLiteral("touchType"));
    m_touchType->addItems(DealPartnerRepository::touchTypes());
    for (QComboBox* combo : {m_touchPartner, m_touchType}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
    m_touchDate = new QDateEdit(m_book.clock().todayUtc(), touchesBox);
    m_touchDate->setObjectName(QStringLiteral("touchDate"));
    m_touchDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_touchDate->setCalendarPopup(true);
    auto* addT = new QPushButton(tr("Add"), touchesBox);
    addT->setObjectName(QStringLiteral("addTouch"));
    auto* removeT = new QPushButton(tr("Remove"), touchesBox);
    removeT->setObjectName(QStringLiteral("removeTouch"));
    auto* trow2 = new QHBoxLayout;
    trow2->addWidget(m_touchDate);
    trow2->addStretch(1);
    trow2->addWidget(addT);
    trow2->addWidget(removeT);
    tl->addWidget(m_touches);
    tl->addWidget(m_touchPartner);
    tl->addWidget(m_touchType);
    tl->addLayout(trow2);
    connect(addT, &QPushButton::clicked, this, &DealDetailPanel::addTouch);
    connect(removeT, &QPushButton::clicked, this, &DealDetailPanel::removeTouch);

    auto* attributionBox = new QGroupBox(tr("Attribution of the won amount"), m_editors);
    auto* al = new QVBoxLayout(attributionBox);
    m_attribution = new QTableWidget(attributionBox);
    m_attribution->setObjectName(QStringLiteral("dealAttribution"));
    m_attribution->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attribution->verticalHeader()->setDefaultSectionSize(m_attribution->fontMetrics().height() + 6);
    m_attributionNote = new QLabel(attributionBox);
    m_attributionNote->setWordWrap(true);
    al->addWidget(m_attribution);
    al->addWidget(m_attributionNote);

    editors->addWidget(partnersBox);
    editors->addWidget(touchesBox);
    editors->addWidget(attributionBox, 1);
    m_editors->setEnabled(false);

    auto* inner = new QWidget(this);
    auto* layout = new QVBoxLayout(inner);
    layout->addWidget(m_summary);
    layout->addWidget(m_editors, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(inner);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    setMinimumWidth(260);

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
            m_partnerChoice->addItem(label, r.id);
            m_touchPartner->addItem(label, r.id);
        }
    });
}

void DealDetailPanel::setDeal(const QString& id)
{
    if (id == m_dealId)
        return;
    m_dealId = id;
    m_touchDateSet = false; // the next touch defaults to this deal's registration date
    if (m_partnerChoice->count() == 0 && !m_choicesWatcher.isRunning()) {
        // 100,000 partners are read on a pool thread; the combos fill when they arrive.
        m_choicesWatcher.setFuture(runInBackground<QList<PartnerRef>>(
            m_book.config(), m_book.clock().nowUtc(),
            [](Database& db, const Clock& clock) { return PartnerRepository(db, clock).listRefs(); }));
    }
    reload();
}

void DealDetailPanel::reload()
{
    m_reloadTimer.stop();
    m_partners->clear();
    m_touches->clear();
    m_attribution->clear();
    m_attribution->setRowCount(0);
    m_attribution->setColumnCount(0);
    m_attributionNote->clear();
    if (m_dealId.isEmpty()) {
        m_summary->setText(tr("Select a registration to see its details."));
        m_editors->setEnabled(false);
        return;
    }
    try {
        DealFilter f;
        f.dealId = m_dealId;
        const QList<DealListRow> rows = m_book.pipeline().list(f, 1);
        if (rows.isEmpty()) {
            m_summary->setText(tr("This registration no longer exists."));
            m_editors->setEnabled(false);
            return;
        }
        const DealListRow& r = rows.first();
        const Deal& d = r.deal;
        if (!m_touchDateSet) {
            // A touch is usually recorded for the deal's own time, not for today (issue 8, item 5).
            m_touchDate->setDate(d.registeredAt.isValid() ? d.registeredAt.date() : m_book.clock().todayUtc());
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
        m_summary->setText(lines.join(QStringLiteral("<br>")));

        for (const DealPartner& p : m_book.dealPartners().partners(m_dealId)) {
            auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(p.partnerKey, p.role), m_partners);
            item->setData(Qt::UserRole, p.id);
        }
        for (const StoredTouch& t : m_book.dealPartners().touches(m_dealId)) {
            auto* item = new QListWidgetItem(
                QStringLiteral("%1  %2 — %3").arg(t.date.toString(Qt::ISODate), t.partnerKey, t.type), m_touches);
            item->setData(Qt::UserRole, t.id); // empty for the registration touch (not removable)
        }
        m_editors->setEnabled(true);

        if (s.status != DealStatus::Won) {
            m_attributionNote->setText(tr("Attribution is shown once the deal is won."));
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
        m_attribution->setRowCount(int(models.size()));
        m_attribution->setColumnCount(int(partnerOrder.size()));
        QStringList modelNames;
        for (AttributionModel m : models)
            modelNames << toString(m);
        m_attribution->setVerticalHeaderLabels(modelNames);
        QStringList partnerLabels;
        for (const QString& id : std::as_const(partnerOrder))
            partnerLabels << (sourced.value(id) ? tr("%1 (sourced)").arg(keys.value(id))
                                                : tr("%1 (influenced)").arg(keys.value(id)));
        m_attribution->setHorizontalHeaderLabels(partnerLabels);
        for (int r = 0; r < perModel.size(); ++r)
            for (const AttributedCredit& credit : perModel[r]) {
                auto* item = new QTableWidgetItem(formatMoney(Money{credit.amountMinor, s.currency}));
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(QStringLiteral("%1%").arg(credit.share * 100, 0, 'f', 1));
                m_attribution->setItem(r, int(partnerOrder.indexOf(credit.partnerId)), item);
            }
        m_attribution->resizeColumnsToContents();
        m_attributionNote->setText(tr("The sourcing partner gets partner-sourced credit for the full amount under "
                                      "every model; the others' credits are partner-influenced."));
    } catch (const StorageError& e) {
        m_summary->setText(tr("The registration could not be read: %1").arg(e.message().toHtmlEscaped()));
    }
}

bool DealDetailPanel::push(std::unique_ptr<DealPartnerCommand> command, const QString& title)
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

bool DealDetailPanel::addPartner()
{
    const QString partnerId = m_partnerChoice->currentData().toString();
    if (m_dealId.isEmpty() || partnerId.isEmpty())
        return false;
    return push(DealPartnerCommand::addPartner(m_book.dealPartners(), m_dealId, partnerId, m_roleChoice->currentText()),
                tr("Add partner"));
}

bool DealDetailPanel::removePartner()
{
    QListWidgetItem* item = m_partners->currentItem();
    if (!item)
        return false;
    return push(DealPartnerCommand::remove(m_book.dealPartners(), DealPartnerCommand::Kind::RemovePartner,
                                           item->data(Qt::UserRole).toString()),
                tr("Remove partner"));
}

bool DealDetailPanel::addTouch()
{
    const QString partnerId = m_touchPartner->currentData().toString();
    if (m_dealId.isEmpty() || partnerId.isEmpty())
        return false;
    return push(DealPartnerCommand::addTouch(m_book.dealPartners(), m_dealId, partnerId, m_touchType->currentText(),
                                             m_touchDate->date()),
                tr("Add touch"));
}

bool DealDetailPanel::removeTouch()
{
    QListWidgetItem* item = m_touches->currentItem();
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

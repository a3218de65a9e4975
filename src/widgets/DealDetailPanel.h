#pragma once

#include "domain/Partner.h"
#include "models/BackgroundQuery.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>
#include <memory>

class QComboBox;
class QDateEdit;
class QListWidget;
class QTableWidget;

namespace Ui {
class DealDetailPanel;
}

namespace pd {

class Book;
class DialogService;

/// The deal detail (issue 3, item 5): the registration (number, status, partner, customer, product, amount,
/// registered and protected until, who decided), its further partners with their roles and its dated partner
/// touches (add and remove through DealPartnerRepository, which logs and audits), and — for a won deal — the
/// attribution of its amount across partners under every model (first, last, linear, U-shaped, W-shaped,
/// time-decay), the sourcing partner marked as partner-sourced (DESIGN.md section 3). Refreshes on dealsChanged.
/// The layout is ui/DealDetailPanel.ui; its queries run on the book's worker pool (Book::workers()).
class DealDetailPanel : public QWidget
{
    Q_OBJECT
public:
    DealDetailPanel(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~DealDetailPanel() override;

    /// Shows the deal `id` (empty: nothing).
    void setDeal(const QString& id);
    QString dealId() const { return m_dealId; }
    /// The attribution table (rows: models; columns: partners), empty unless the deal is Won.
    QTableWidget* attributionTable() const;
    /// The further partners and the touches as listed (one line each; the touches' first is the registration).
    QListWidget* partnerList() const;
    QListWidget* touchList() const;
    /// The editors' inputs (partner, role; touch partner, type, date), for the buttons and for tests.
    QComboBox* partnerChoice() const;
    QComboBox* touchPartnerChoice() const;
    QDateEdit* touchDate() const;

    /// The buttons' actions, each an undoable DealPartnerCommand on the book's stack; a refusal is shown. Return
    /// whether something changed. Remove acts on the current item of its list.
    bool addPartner();
    bool removePartner();
    bool addTouch();
    bool removeTouch();
    /// Links the deal to one of its sourcing partner's approved MDF requests, or unlinks it (asks which through
    /// DialogService::choice); one undo step. False when nothing changed.
    bool linkMdfActivity();

private:
    void reload();
    bool push(std::unique_ptr<class RepositoryCommand> command, const QString& title);

    std::unique_ptr<Ui::DealDetailPanel> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    QString m_dealId;
    bool m_touchDateSet = false; ///< the touch date was set for the current deal (a user change then stays)
    QTimer m_reloadTimer;
    QFutureWatcher<BackgroundResult<QList<PartnerRef>>>
        m_choicesWatcher; ///< partner choices, loaded off the GUI thread
};

} // namespace pd

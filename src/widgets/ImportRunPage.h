#pragma once

#include "widgets/ImportWizardPage.h"

#include <memory>

namespace Ui {
class ImportRunPage;
}

namespace pd {

/// The import wizard's last page: the import's progress, Cancel, its result and invalid rows. The layout is
/// ui/ImportRunPage.ui; the behaviour is the ImportWizard's.
class ImportRunPage : public ImportWizardPage
{
    Q_OBJECT
public:
    explicit ImportRunPage(QWidget* parent = nullptr);
    ~ImportRunPage() override;
    /// The page's widgets, named as in the form.
    Ui::ImportRunPage* form() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::ImportRunPage> m_ui;
};

} // namespace pd

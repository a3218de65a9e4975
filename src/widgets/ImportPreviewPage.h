#pragma once

#include "widgets/ImportWizardPage.h"

#include <memory>

namespace Ui {
class ImportPreviewPage;
}

namespace pd {

/// The import wizard's preview page: the first rows as they will be imported and the dry run's
/// invalid rows. The layout is ui/ImportPreviewPage.ui; the behaviour is the ImportWizard's.
class ImportPreviewPage : public ImportWizardPage
{
    Q_OBJECT
public:
    explicit ImportPreviewPage(QWidget* parent = nullptr);
    ~ImportPreviewPage() override;
    /// The page's widgets, named as in the form.
    Ui::ImportPreviewPage* form() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::ImportPreviewPage> m_ui;
};

} // namespace pd

#pragma once

#include "widgets/ImportWizardPage.h"

#include <memory>

namespace Ui {
class ImportMappingPage;
}

namespace pd {

/// The import wizard's mapping page: a column or constant per field, value maps, a row filter, the
/// import mode and "skip invalid rows". The layout is ui/ImportMappingPage.ui; the behaviour is the ImportWizard's.
class ImportMappingPage : public ImportWizardPage
{
    Q_OBJECT
public:
    explicit ImportMappingPage(QWidget* parent = nullptr);
    ~ImportMappingPage() override;
    /// The page's widgets, named as in the form.
    Ui::ImportMappingPage* form() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::ImportMappingPage> m_ui;
};

} // namespace pd

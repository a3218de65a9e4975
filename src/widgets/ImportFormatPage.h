#pragma once

#include "widgets/ImportWizardPage.h"

#include <memory>

namespace Ui {
class ImportFormatPage;
}

namespace pd {

/// The import wizard's format page: the detected encoding and delimiter (changeable), how numbers and
/// dates are written, and the raw first rows. The layout is ui/ImportFormatPage.ui; the behaviour is the
/// ImportWizard's.
class ImportFormatPage : public ImportWizardPage
{
    Q_OBJECT
public:
    explicit ImportFormatPage(QWidget* parent = nullptr);
    ~ImportFormatPage() override;
    /// The page's widgets, named as in the form.
    Ui::ImportFormatPage* form() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::ImportFormatPage> m_ui;
};

} // namespace pd

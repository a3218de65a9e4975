#pragma once

#include "widgets/ImportWizardPage.h"

#include <memory>

namespace Ui {
class ImportFilePage;
}

namespace pd {

/// The import wizard's first page: the CSV file, what it holds and an optional mapping profile. The layout is
/// ui/ImportFilePage.ui; the behaviour is the ImportWizard's.
class ImportFilePage : public ImportWizardPage
{
    Q_OBJECT
public:
    explicit ImportFilePage(QWidget* parent = nullptr);
    ~ImportFilePage() override;
    /// The page's widgets, named as in the form.
    Ui::ImportFilePage* form() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::ImportFilePage> m_ui;
};

} // namespace pd

#include "widgets/ImportPreviewPage.h"

#include "ui_ImportPreviewPage.h"

namespace pd {

ImportPreviewPage::ImportPreviewPage(QWidget* parent)
    : ImportWizardPage(parent), m_ui(std::make_unique<Ui::ImportPreviewPage>())
{
    m_ui->setupUi(this);
}

ImportPreviewPage::~ImportPreviewPage() = default;

} // namespace pd

#include "widgets/ImportFormatPage.h"

#include "ui_ImportFormatPage.h"

namespace pd {

ImportFormatPage::ImportFormatPage(QWidget* parent)
    : ImportWizardPage(parent), m_ui(std::make_unique<Ui::ImportFormatPage>())
{
    m_ui->setupUi(this);
}

ImportFormatPage::~ImportFormatPage() = default;

} // namespace pd

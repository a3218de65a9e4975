#include "widgets/ImportMappingPage.h"

#include "ui_ImportMappingPage.h"

namespace pd {

ImportMappingPage::ImportMappingPage(QWidget* parent)
    : ImportWizardPage(parent), m_ui(std::make_unique<Ui::ImportMappingPage>())
{
    m_ui->setupUi(this);
}

ImportMappingPage::~ImportMappingPage() = default;

} // namespace pd

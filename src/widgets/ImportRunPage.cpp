#include "widgets/ImportRunPage.h"

#include "ui_ImportRunPage.h"

namespace pd {

ImportRunPage::ImportRunPage(QWidget* parent) : ImportWizardPage(parent), m_ui(std::make_unique<Ui::ImportRunPage>())
{
    m_ui->setupUi(this);
}

ImportRunPage::~ImportRunPage() = default;

} // namespace pd

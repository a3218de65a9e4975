#include "widgets/ImportFilePage.h"

#include "ui_ImportFilePage.h"

namespace pd {

ImportFilePage::ImportFilePage(QWidget* parent) : ImportWizardPage(parent), m_ui(std::make_unique<Ui::ImportFilePage>())
{
    m_ui->setupUi(this);
}

ImportFilePage::~ImportFilePage() = default;

} // namespace pd

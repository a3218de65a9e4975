#pragma once

#include <QWizardPage>
#include <functional>

namespace pd {

/// A page of the ImportWizard whose behaviour the wizard gives through three hooks (keeps the steps' logic in one
/// class, the wizard); each page's static layout is its own Designer form (ImportFilePage, ImportFormatPage, …).
class ImportWizardPage : public QWizardPage
{
    Q_OBJECT
public:
    using QWizardPage::QWizardPage;

    std::function<void()> onInit;     ///< runs when the page is shown (initializePage())
    std::function<bool()> onValidate; ///< Next/Import may leave the page when it returns true (validatePage())
    std::function<bool()> onComplete; ///< whether Next/Import is enabled (isComplete())

    void initializePage() override
    {
        if (onInit)
            onInit();
    }
    bool validatePage() override { return onValidate ? onValidate() : true; }
    bool isComplete() const override { return onComplete ? onComplete() : QWizardPage::isComplete(); }
};

} // namespace pd

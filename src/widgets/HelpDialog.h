#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class HelpDialog;
}
class QTextBrowser;

namespace pd {

/// Help → User guide: the Markdown guide shipped in the application (resources/help/user-guide.md, embedded as
/// ":/shell/help/user-guide.md") rendered in a QTextBrowser. The form is ui/HelpDialog.ui.
class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(QWidget* parent = nullptr);
    ~HelpDialog() override;

    /// The browser showing the guide.
    QTextBrowser* browser() const;
    /// The guide's Markdown text from the resources; empty only when the resource is missing (a build error).
    static QString guideMarkdown();

private:
    std::unique_ptr<Ui::HelpDialog> m_ui;
};

} // namespace pd

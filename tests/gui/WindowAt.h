#pragma once

#include "domain/Clock.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"

#include <memory>

namespace pd::test {

/// A main window for GUI tests whose clock is fixed at `now` (DESIGN.md section 8), answering dialogs
/// non-interactively, writing no settings and offering no demo book.
struct WindowAt
{
    explicit WindowAt(const QDateTime& now) : clock(now), window(dialogs, options(&clock))
    {
        dialogs.setNonInteractive(true);
    }
    static MainWindow::Options options(const Clock* clock)
    {
        MainWindow::Options o;
        o.offerDemoBook = false;
        o.persistSettings = false;
        o.clock = clock;
        return o;
    }
    FixedClock clock;
    DialogService dialogs;
    MainWindow window;
};

/// Opens `config` in a new WindowAt(now), 1280×800, shown on the pane `pane` ("partners", "onboarding", …; see
/// MainWindow::showPane). nullptr and `error` set when the book did not open or there is no such pane.
inline std::unique_ptr<WindowAt> openWindowAt(const DatabaseConfig& config, const QDateTime& now, const QString& pane,
                                              QString* error)
{
    auto at = std::make_unique<WindowAt>(now);
    if (!at->window.openBook(config)) {
        *error = QStringLiteral("the book did not open");
        return nullptr;
    }
    at->window.resize(1280, 800);
    at->window.show();
    if (!at->window.showPane(pane)) {
        *error = QStringLiteral("no pane named %1").arg(pane);
        return nullptr;
    }
    return at;
}

} // namespace pd::test

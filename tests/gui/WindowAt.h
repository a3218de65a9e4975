#pragma once

#include "domain/Clock.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"

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

} // namespace pd::test

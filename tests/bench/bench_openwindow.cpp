// Open-to-usable benchmark (issue 7, section 3): the time from the start of the process to a usable main window on a
// book, the way the app opens it (MainWindow::openBookInBackground). Prints, in ms from the start of main():
// the book opened (panes built), the roster's first rows (its first model reset), the pipeline table's first page, the
// roster complete (with its counts), the integrity check finished, "usable" (roster and pipeline both show rows) and
// the longest stall of the GUI thread's event loop (a 5 ms timer's largest gap). Not a CTest test; run it 3 times and
// take the median. Usage: bench_openwindow BOOK (QT_QPA_PLATFORM defaults to offscreen)
#include "models/PartnerTableModel.h"
#include "models/PipelineTableModel.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"
#include "widgets/PartnersPane.h"
#include "widgets/PipelinePane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace pd;

int main(int argc, char* argv[])
{
    QElapsedTimer clock;
    clock.start();
    if (argc != 2) {
        std::fputs("Usage: bench_open BOOK\n", stderr);
        return 1;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(storage); // the migration scripts, in pd_storage (a static library)
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false, false});
    window.resize(1280, 800);
    window.show();

    double opened = -1, rosterRows = -1, rosterDone = -1, pipelinePage = -1, checked = -1, usable = -1;
    double longestStall = 0;
    QElapsedTimer tick;
    QTimer stallProbe;
    stallProbe.setInterval(5);
    QObject::connect(&stallProbe, &QTimer::timeout, [&] {
        if (tick.isValid())
            longestStall = std::max(longestStall, tick.nsecsElapsed() / 1e6 - 5);
        tick.start();
    });
    stallProbe.start();
    auto ms = [&clock] { return clock.nsecsElapsed() / 1e6; };
    auto finishWhenDone = [&] {
        if (usable < 0 && rosterRows >= 0 && pipelinePage >= 0)
            usable = ms();
        if (usable >= 0 && rosterDone >= 0 && checked >= 0)
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
    };
    QObject::connect(&window, &MainWindow::bookOpened, [&] {
        opened = ms();
        PartnerTableModel* roster = window.partnersPane()->model();
        QObject::connect(roster, &QAbstractItemModel::modelReset, [&, roster] {
            if (rosterRows < 0) {
                rosterRows = ms();
                finishWhenDone();
            }
        });
        QObject::connect(window.pipelinePane()->tableModel(), &PipelineTableModel::reloaded, [&] {
            if (pipelinePage < 0) {
                pipelinePage = ms();
                finishWhenDone();
            }
        });
        if (window.isBookChecked())
            checked = opened;
        else
            QObject::connect(&window, &MainWindow::bookChecked, [&] {
                checked = ms();
                finishWhenDone();
            });
    });
    QObject::connect(&window, &MainWindow::rosterLoaded, [&] {
        rosterDone = ms();
        finishWhenDone();
    });
    const std::optional<DatabaseConfig> config = DatabaseConfig::fromString(QString::fromLocal8Bit(argv[1]));
    if (!config)
        return 1;
    window.openBookInBackground(*config);
    QTimer::singleShot(120000, &app, [] {
        std::fputs("Not usable within 2 minutes\n", stderr);
        QCoreApplication::exit(1);
    });
    const int rc = app.exec();
    std::printf("book opened %.0f ms, roster rows %.0f ms, pipeline page %.0f ms, roster complete %.0f ms, integrity "
                "checked %.0f ms\nusable %.0f ms, longest GUI stall %.0f ms\n",
                opened, rosterRows, pipelinePage, rosterDone, checked, usable, longestStall);
    return rc;
}

// partnerdesk: the desktop application (DESIGN.md section 1: main.cpp only; everything else lives in pd_widgets).
#include "models/ConflictListModel.h"
#include "models/OnboardingListModel.h"
#include "models/PipelineTableModel.h"
#include "storage/DefaultDatabase.h"
#include "widgets/Book.h"
#include "widgets/ConflictsPane.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"
#include "widgets/MdfPane.h"
#include "widgets/OnboardingPane.h"
#include "widgets/PipelinePane.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <memory>

static void initResources()
{
    Q_INIT_RESOURCE(storage); // the migration scripts, in pd_storage (a static library)
}

namespace {

/// The database to open: --db, else the last opened file book (when it still exists), else the default book.
QString chooseDatabase(const QCommandLineParser& parser)
{
    if (parser.isSet(QStringLiteral("db")))
        return parser.value(QStringLiteral("db"));
    const QString last = QSettings().value(QStringLiteral("book/last")).toString();
    if (!last.isEmpty() && !last.startsWith(QLatin1String("postgres")) && QFileInfo::exists(last))
        return last;
    return pd::defaultDatabasePath();
}

/// --screenshot: renders the window once the roster has loaded and the layout has settled, then quits.
void scheduleScreenshot(pd::MainWindow& window, const QString& path)
{
    auto grab = [&window, path]() {
        // Let the pending layout and paint events run first (a short timer; no nested event loop).
        QTimer::singleShot(50, &window, [&window, path]() {
            const bool ok = window.grab().save(path, "PNG");
            if (!ok)
                qCritical("Could not write the screenshot %s", qPrintable(path));
            QCoreApplication::exit(ok ? 0 : 1);
        });
    };
    // The pipeline and conflicts panes load on worker threads too: wait for the one shown.
    auto whenPaneReady = [&window, grab]() {
        pd::PipelinePane* pipeline = window.pipelinePane();
        pd::ConflictsPane* conflicts = window.conflictsPane();
        if (pipeline && pipeline->isVisible() && !pipeline->isReady())
            QObject::connect(pipeline, &pd::PipelinePane::ready, &window, grab, Qt::SingleShotConnection);
        else if (conflicts && conflicts->isVisible() &&
                 (conflicts->model()->isLoading() || conflicts->model()->isStale()))
            QObject::connect(conflicts, &pd::ConflictsPane::loaded, &window, grab, Qt::SingleShotConnection);
        else if (pd::OnboardingPane* onboarding = window.onboardingPane();
                 onboarding && onboarding->isVisible() &&
                 (onboarding->model()->isLoading() || onboarding->model()->isStale()))
            QObject::connect(onboarding, &pd::OnboardingPane::loaded, &window, grab, Qt::SingleShotConnection);
        else if (pd::MdfPane* mdf = window.mdfPane(); mdf && mdf->isVisible() && mdf->isLoading())
            QObject::connect(mdf, &pd::MdfPane::loaded, &window, grab, Qt::SingleShotConnection);
        else
            grab();
    };
    if (window.isRosterLoaded())
        whenPaneReady();
    else
        QObject::connect(&window, &pd::MainWindow::rosterLoaded, &window, whenPaneReady, Qt::SingleShotConnection);
    QTimer::singleShot(120000, &window, []() {
        qCritical("The roster did not load within 2 minutes; no screenshot written");
        QCoreApplication::exit(1);
    });
}

/// PD_BENCH_EXIT_WHEN_READY (tests/bench/bench_open, issue 7): once the window is usable — the book is open, the
/// roster shows its partners and the pipeline table its first page (the roster's contact and open-deal counts, the
/// board and the totals may still be coming, each in its own cells) — prints "ready <ms> ms, <n> partners (book open
/// <ms> ms, roster <ms> ms, pipeline <ms> ms)" to stdout, every time in ms since main() began, and quits with 0; quits
/// with 1 after 2 minutes.
void exitWhenReady(pd::MainWindow& window, const QElapsedTimer& sinceStart)
{
    struct Progress
    {
        int partners = -1;
        qint64 opened = -1, roster = -1, pipeline = -1;
    };
    auto progress = std::make_shared<Progress>();
    auto check = [&window, &sinceStart, progress]() {
        if (progress->partners < 0 || progress->pipeline < 0)
            return;
        std::printf("ready %lld ms, %d partners (book open %lld ms, roster %lld ms, pipeline %lld ms)\n",
                    static_cast<long long>(sinceStart.elapsed()), progress->partners,
                    static_cast<long long>(progress->opened), static_cast<long long>(progress->roster),
                    static_cast<long long>(progress->pipeline));
        std::fflush(stdout);
        QCoreApplication::exit(0);
    };
    auto rosterShown = [&sinceStart, progress, check](int rows) {
        if (progress->partners >= 0)
            return;
        progress->partners = rows;
        progress->roster = sinceStart.elapsed();
        check();
    };
    QObject::connect(&window, &pd::MainWindow::rosterShown, &window, rosterShown);
    QObject::connect(&window, &pd::MainWindow::rosterLoaded, &window, rosterShown);
    QObject::connect(&window, &pd::MainWindow::bookOpened, &window, [&window, &sinceStart, progress, check]() {
        progress->opened = sinceStart.elapsed();
        QObject::connect(
            window.pipelinePane()->tableModel(), &pd::PipelineTableModel::reloaded, &window,
            [&sinceStart, progress, check]() {
                if (progress->pipeline < 0)
                    progress->pipeline = sinceStart.elapsed();
                check();
            },
            Qt::SingleShotConnection);
    });
    QTimer::singleShot(120000, &window, []() {
        qCritical("The book did not open to a usable window within 2 minutes");
        QCoreApplication::exit(1);
    });
}

/// The command line of the app; `--help` and `--version` print from it.
void addOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Offline-first channel partner management.\n\nTesting aid: the environment "
                                            "variable PD_NOW=2017-12-31T12:00:00Z fixes \"now\"."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("db"),
                      QCoreApplication::translate("main", "The database: an SQLite file or a postgresql:// URL."),
                      QStringLiteral("DATABASE")});
    parser.addOption({QStringLiteral("screenshot"),
                      QCoreApplication::translate("main", "Render the main window (1280×800) to FILE.png and exit."),
                      QStringLiteral("FILE.png")});
    parser.addOption({QStringLiteral("pane"),
                      QCoreApplication::translate(
                          "main", "Show the pane NAME: partners, onboarding, pipeline, board, conflicts or mdf."),
                      QStringLiteral("NAME")});
}

/// True when the command line asks for --help or --version: those print and exit without a display, so they are
/// answered before the QApplication (which aborts without DISPLAY or QT_QPA_PLATFORM) exists.
bool asksForHelpOrVersion(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView a(argv[i]);
        if (a == "-h" || a == "-?" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version")
            return true;
        if (a == "--db" || a == "--screenshot" || a == "--pane")
            ++i; // the option's value, which may look like anything
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        pd::setApplicationIdentity();
        QCoreApplication::setApplicationVersion(QStringLiteral(PD_VERSION));
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(app); // prints the help or the version and exits with 0 (an unknown option: 1)
        return 0;
    }
    QApplication app(argc, argv);
    pd::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("PartnerDesk"));
    QApplication::setApplicationVersion(QStringLiteral(PD_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/partnerdesk.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral(PD_APP_ID)); // matches packaging/ .desktop entry

    // Translations for the user's locale: Qt's own (standard dialogs) and PartnerDesk's (embedded under :/i18n).
    // Installed before any widget exists, so nothing needs retranslating.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("partnerdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);
    initResources();

    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);

    // The one clock of the application (DESIGN.md section 8); PD_NOW (an ISO 8601 instant) fixes "now" for tests.
    QString clockError;
    const std::unique_ptr<pd::Clock> clock = pd::makeClock(qEnvironmentVariable("PD_NOW"), &clockError);
    if (!clock) {
        qCritical("%s", qPrintable(clockError));
        return 1;
    }

    const QString screenshot = parser.value(QStringLiteral("screenshot"));
    const bool benchmark = qEnvironmentVariableIsSet("PD_BENCH_EXIT_WHEN_READY");
    const bool toolMode = !screenshot.isEmpty() || benchmark; // no questions, no settings written
    pd::DialogService dialogs;
    dialogs.setNonInteractive(toolMode);
    pd::MainWindow::Options options;
    options.offerDemoBook = !toolMode;
    options.persistSettings = !toolMode;
    options.clock = clock.get();
    pd::MainWindow window(dialogs, options);

    QString error;
    const std::optional<pd::DatabaseConfig> config = pd::DatabaseConfig::fromString(chooseDatabase(parser), &error);
    if (!config) {
        qCritical("%s", qPrintable(error));
        return 1;
    }
    if (!screenshot.isEmpty()) {
        // A tool mode: open at once, fail with exit code 1.
        if (!window.openBook(*config)) {
            for (const QString& message : dialogs.messages())
                qCritical("%s", qPrintable(message));
            return 1;
        }
        if (parser.isSet(QStringLiteral("pane")) && !window.showPane(parser.value(QStringLiteral("pane")))) {
            qCritical("No pane named %s", qPrintable(parser.value(QStringLiteral("pane"))));
            return 1;
        }
        window.resize(1280, 800);
        window.show();
        scheduleScreenshot(window, screenshot);
        return app.exec();
    }
    // The window shows at once; connecting and migrating the book run on a worker (a large file book is copied
    // before it is migrated, and a PostgreSQL server may be slow to answer).
    if (parser.isSet(QStringLiteral("pane"))) {
        const QString pane = parser.value(QStringLiteral("pane"));
        QObject::connect(
            &window, &pd::MainWindow::bookOpened, &window, [&window, pane] { window.showPane(pane); },
            Qt::SingleShotConnection);
    }
    if (benchmark)
        exitWhenReady(window, sinceStart);
    window.show();
    window.openBookInBackground(*config);
    return app.exec();
}

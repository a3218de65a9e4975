// The desktop app's --help and --version work without a display (issue 6, section 4): they print and exit 0
// when neither DISPLAY, WAYLAND_DISPLAY nor QT_QPA_PLATFORM is set (a QApplication would abort there).
#include <QProcess>
#include <QTest>

class TestAppCommandLine : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        bool finished = false;
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Result app(const QStringList& args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PD_APP_PATH), args);
        Result r;
        r.finished = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private Q_SLOTS:
    void help_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("--help") << "--help";
        QTest::newRow("-h") << "-h";
    }
    void help()
    {
        QFETCH(QString, option);
        const Result r = app({option});
        QVERIFY2(r.finished, qPrintable(r.err)); // an abort is not a normal exit
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("Offline-first channel partner management.")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("--db <DATABASE>")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("--screenshot <FILE.png>")), qPrintable(r.out));
    }

    void version_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("--version") << "--version";
        QTest::newRow("-v") << "-v";
    }
    void version()
    {
        QFETCH(QString, option);
        const Result r = app({option});
        QVERIFY2(r.finished, qPrintable(r.err));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.trimmed().endsWith(QLatin1String(" " PD_VERSION)), qPrintable(r.out));
    }

    void helpAfterAnOptionValue()
    {
        // --help given after --db VALUE still prints the help without opening anything.
        const Result r =
            app({QStringLiteral("--db"), QStringLiteral("/nonexistent/book.partnerdesk"), QStringLiteral("--help")});
        QVERIFY2(r.finished, qPrintable(r.err));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("--pane <NAME>")));
    }
};

QTEST_GUILESS_MAIN(TestAppCommandLine)
#include "tst_appcommandline.moc"

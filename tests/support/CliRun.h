#pragma once

// Running the built partnerdesk-cli from tests (DESIGN.md section 6): the test defines PD_CLI_PATH.

#include "support/TestDatabases.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace pd::test {

/// What one run of partnerdesk-cli printed and returned; exitCode -1 when it crashed or timed out.
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

/// Runs `program` with `args` and waits for it (at most 5 minutes); `environment` ("NAME" → value, e.g. PD_NOW) is
/// added to this process's environment.
inline CliResult runProgram(const QString& program, const QStringList& args,
                            const QHash<QString, QString>& environment = {})
{
    QProcess p;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = environment.cbegin(); it != environment.cend(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
    }
    p.start(program, args);
    CliResult r;
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// Imports the reference scenario of ../shared/data (README "The reference scenario": steps 1–5, and step 6, the
/// 8,800 deals, when `withDeals`) into `db` through `cli` (the partnerdesk-cli path). Returns empty, or the profile
/// and output of the step that failed.
inline QString importReferenceScenario(const QString& cli, const QString& db, bool withDeals = true)
{
    for (const ScenarioStep& step : referenceScenarioSteps(withDeals)) {
        const CliResult r =
            runProgram(cli, {QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                             step.entity, QStringLiteral("--file"), sharedData(step.file), QStringLiteral("--profile"),
                             testData(QStringLiteral("profiles/") + step.profile)});
        if (r.exitCode != 0)
            return step.profile + QLatin1Char(' ') + r.out + r.err;
    }
    return {};
}

} // namespace pd::test

// `onboarding start|tick|status|attach|offboard`: partner checklists from the command line (issue 9, items 3, 4, 6
// and 8).
#include "cli/CliContext.h"

#include "domain/Checklist.h"
#include "models/ChecklistCommands.h"
#include "storage/AttachmentRepository.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pd {

namespace {

const char* const kOnboardingUsage =
    "Usage: partnerdesk-cli [--db DATABASE] onboarding SUBCOMMAND [options]\n"
    "\n"
    "  start --partner KEY [--date D]       move the partner to Onboarding (unless it is there) and create its\n"
    "                                       onboarding checklist from the template of its type and tier\n"
    "  tick --partner KEY --task N          mark task N (its position) done [--date D] [--notes TEXT];\n"
    "                                       --undo reopens it; --kind offboarding ticks the offboarding checklist\n"
    "  status [--partner KEY]               every partner in Onboarding with its progress; with --partner, the\n"
    "                                       tasks of its checklist (--kind offboarding: the offboarding one)\n"
    "  attach --partner KEY --task N --file F (--copy | --link)\n"
    "                                       attach a file: copied into the book with its SHA-256, or kept as a path\n"
    "  offboard --partner KEY [--date D]    create the partner's offboarding checklist (then tick its tasks; the\n"
    "                                       move to Offboarded is refused until the required ones are done)\n"
    "\n"
    "Dates are YYYY-MM-DD (default: today). Every subcommand accepts --json.\n";

int exitCodeFor(const StorageError& e)
{
    const bool refused = e.kind() == StorageError::Kind::NotAllowed || e.kind() == StorageError::Kind::NotFound;
    return refused ? ExitInvalidInput : ExitDatabase;
}

QString dateText(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QJsonValue dateJson(const QDate& d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject taskObject(const PartnerTask& t, const QDate& today)
{
    return QJsonObject{{QLatin1String("task"), t.position},
                       {QLatin1String("id"), t.id},
                       {QLatin1String("kind"), toString(t.kind)},
                       {QLatin1String("title"), t.title},
                       {QLatin1String("owner"), toString(t.owner)},
                       {QLatin1String("required"), t.required},
                       {QLatin1String("document"), t.document},
                       {QLatin1String("started_on"), dateJson(t.startedOn)},
                       {QLatin1String("due_on"), dateJson(t.dueOn)},
                       {QLatin1String("done_on"), dateJson(t.doneOn)},
                       {QLatin1String("done_by"), t.doneBy},
                       {QLatin1String("notes"), t.notes},
                       {QLatin1String("attachments"), t.attachmentCount},
                       {QLatin1String("overdue"), t.isOverdue(today)}};
}

QJsonObject progressObject(const OnboardingRow& r)
{
    const ChecklistProgress& g = r.progress;
    return QJsonObject{{QLatin1String("partner"), r.key},
                       {QLatin1String("name"), r.name},
                       {QLatin1String("type"), r.partnerType},
                       {QLatin1String("channel_manager"), r.channelManager},
                       {QLatin1String("territory"), r.territory},
                       {QLatin1String("stage_since"), dateJson(r.stageSince)},
                       {QLatin1String("started"), r.started},
                       {QLatin1String("started_on"), dateJson(g.startedOn)},
                       {QLatin1String("tasks"), g.tasks},
                       {QLatin1String("done"), g.done},
                       {QLatin1String("required"), g.required},
                       {QLatin1String("required_done"), g.requiredDone},
                       {QLatin1String("overdue"), g.overdue},
                       {QLatin1String("next_task"), g.nextTaskTitle},
                       {QLatin1String("next_due_on"), dateJson(g.nextDueOn)}};
}

/// One run of `onboarding SUB`.
class OnboardingCommand
{
public:
    OnboardingCommand(CliContext& context, QCommandLineParser& parser) : m_ctx(context), m_p(parser) {}

    int run(const QString& sub);

private:
    int fail(const QString& message, int code)
    {
        m_ctx.err() << message << "\n";
        return code;
    }
    bool json() const { return m_p.isSet(QStringLiteral("json")); }
    QString value(const char* name) const { return m_p.value(QString::fromLatin1(name)); }
    bool isSet(const char* name) const { return m_p.isSet(QString::fromLatin1(name)); }
    int start(Database& db, const Partner& partner, ChecklistKind kind, const QDate& on);
    int tick(Database& db, const Partner& partner, ChecklistKind kind, const PartnerTask& task, const QDate& on);
    int status(Database& db, const std::optional<Partner>& partner, ChecklistKind kind);
    int attach(Database& db, const Partner& partner, const PartnerTask& task);
    void printTasks(const QList<PartnerTask>& tasks);

    CliContext& m_ctx;
    QCommandLineParser& m_p;
};

int OnboardingCommand::run(const QString& sub)
{
    // Checks of the command line first: nothing is opened for a usage error.
    const bool needsPartner = sub != QLatin1String("status");
    if (needsPartner && !isSet("partner"))
        return fail(QStringLiteral("onboarding %1 needs --partner KEY").arg(sub), ExitUsage);
    const bool needsTask = sub == QLatin1String("tick") || sub == QLatin1String("attach");
    int position = 0;
    if (needsTask) {
        bool ok = false;
        position = value("task").toInt(&ok);
        if (!isSet("task") || !ok || position < 1)
            return fail(QStringLiteral("onboarding %1 needs --task N (the task's position, 1 or more)").arg(sub),
                        ExitUsage);
    }
    std::optional<ChecklistKind> kind = ChecklistKind::Onboarding;
    if (isSet("kind")) {
        kind = checklistKindFromString(value("kind"));
        if (!kind)
            return fail(QStringLiteral("--kind: '%1' is not onboarding or offboarding").arg(value("kind")), ExitUsage);
    }
    if (sub == QLatin1String("offboard"))
        kind = ChecklistKind::Offboarding;
    QDate on;
    if (isSet("date")) {
        on = QDate::fromString(value("date"), Qt::ISODate);
        if (!on.isValid())
            return fail(QStringLiteral("--date: '%1' is not a date (expected YYYY-MM-DD)").arg(value("date")),
                        ExitUsage);
    }
    if (sub == QLatin1String("attach")) {
        if (!isSet("file"))
            return fail(QStringLiteral("onboarding attach needs --file F"), ExitUsage);
        if (isSet("copy") == isSet("link"))
            return fail(QStringLiteral("onboarding attach needs either --copy (keep the file in the book) or --link "
                                       "(keep its path)"),
                        ExitUsage);
    }
    int exitCode = ExitOk;
    auto db = m_ctx.openDatabase(&exitCode,
                                 sub == QLatin1String("status") ? CliContext::Access::Read : CliContext::Access::Write);
    if (!db)
        return exitCode;
    try {
        PartnerRepository partners(*db, m_ctx.clock());
        std::optional<Partner> partner;
        if (isSet("partner")) {
            partner = partners.findByKey(value("partner"));
            if (!partner || partners.listRowsByIds({partner->id}).isEmpty())
                return fail(QStringLiteral("--partner: no partner with key '%1'").arg(value("partner")),
                            ExitInvalidInput);
        }
        if (sub == QLatin1String("status"))
            return status(*db, partner, *kind);
        if (sub == QLatin1String("start") || sub == QLatin1String("offboard"))
            return start(*db, *partner, *kind, on);
        ChecklistRepository checklists(*db, m_ctx.clock());
        const QList<PartnerTask> tasks = checklists.tasks(partner->id, *kind);
        if (tasks.isEmpty())
            return fail(QStringLiteral("%1 has no %2 checklist").arg(partner->key, toString(*kind)), ExitInvalidInput);
        const auto task = std::find_if(tasks.cbegin(), tasks.cend(),
                                       [position](const PartnerTask& t) { return t.position == position; });
        if (task == tasks.cend())
            return fail(QStringLiteral("--task: the %1 checklist of %2 has no task %3 (1 to %4)")
                            .arg(toString(*kind), partner->key)
                            .arg(position)
                            .arg(tasks.last().position),
                        ExitInvalidInput);
        if (sub == QLatin1String("tick"))
            return tick(*db, *partner, *kind, *task, on);
        return attach(*db, *partner, *task);
    } catch (const StorageError& e) {
        return fail(e.message(), exitCodeFor(e));
    }
}

int OnboardingCommand::start(Database& db, const Partner& partner, ChecklistKind kind, const QDate& on)
{
    LifecycleRepository lifecycle(db, m_ctx.clock());
    ChecklistRepository checklists(db, m_ctx.clock());
    StartChecklistCommand command(lifecycle, checklists, partner.id, kind, on, partner.key);
    command.execute();
    const QDate today = m_ctx.clock().todayUtc();
    if (json()) {
        QJsonArray list;
        for (const PartnerTask& t : command.tasks())
            list.append(taskObject(t, today));
        m_ctx.printJson(QJsonObject{{QLatin1String("partner"), partner.key},
                                    {QLatin1String("kind"), toString(kind)},
                                    {QLatin1String("moved_to_onboarding"), command.moved()},
                                    {QLatin1String("started_on"), dateJson(command.tasks().first().startedOn)},
                                    {QLatin1String("tasks"), list}});
        return ExitOk;
    }
    if (command.moved())
        m_ctx.out() << partner.key << " moved to Onboarding\n";
    m_ctx.out() << partner.key << ": " << toString(kind) << " checklist started on "
                << dateText(command.tasks().first().startedOn) << " with " << command.tasks().size() << " task(s)\n";
    printTasks(command.tasks());
    return ExitOk;
}

int OnboardingCommand::tick(Database& db, const Partner& partner, ChecklistKind kind, const PartnerTask& task,
                            const QDate& on)
{
    const bool undo = isSet("undo");
    if (!undo && task.doneOn.isValid() && !isSet("notes"))
        return fail(QStringLiteral("Task %1 of %2 (%3) is already done (on %4); --undo reopens it")
                        .arg(task.position)
                        .arg(partner.key, task.title, dateText(task.doneOn)),
                    ExitInvalidInput);
    if (undo && !task.doneOn.isValid())
        return fail(QStringLiteral("Task %1 of %2 (%3) is not done").arg(task.position).arg(partner.key, task.title),
                    ExitInvalidInput);
    ChecklistRepository checklists(db, m_ctx.clock());
    PartnerTask after = task;
    {
        Transaction tx(db);
        if (undo || !task.doneOn.isValid()) {
            TickTaskCommand command(checklists, after, !undo, on);
            command.execute();
            after = command.task();
        }
        if (isSet("notes")) {
            TaskNotesCommand command(checklists, after, value("notes"));
            command.execute();
            after = command.task();
        }
        tx.commit();
    }
    const QList<PartnerTask> all = checklists.tasks(partner.id, kind);
    const bool requiredDone =
        std::all_of(all.cbegin(), all.cend(), [](const PartnerTask& t) { return !t.required || t.doneOn.isValid(); });
    if (json()) {
        QJsonObject o = taskObject(after, m_ctx.clock().todayUtc());
        o.insert(QLatin1String("partner"), partner.key);
        o.insert(QLatin1String("all_required_done"), requiredDone);
        m_ctx.printJson(o);
        return ExitOk;
    }
    m_ctx.out() << partner.key << ": task " << after.position << " (" << after.title << ") "
                << (after.doneOn.isValid() ? QStringLiteral("done on %1").arg(dateText(after.doneOn))
                                           : QStringLiteral("reopened"))
                << "\n";
    if (requiredDone && !undo)
        m_ctx.out() << "Every required " << toString(kind) << " task of " << partner.key << " is done: "
                    << (kind == ChecklistKind::Onboarding
                            ? QStringLiteral("activate it with partners stage --partner %1 --to Active")
                            : QStringLiteral("offboard it with partners stage --partner %1 --to Offboarded"))
                           .arg(partner.key)
                    << "\n";
    return ExitOk;
}

int OnboardingCommand::status(Database& db, const std::optional<Partner>& partner, ChecklistKind kind)
{
    ChecklistRepository checklists(db, m_ctx.clock());
    const QDate today = m_ctx.clock().todayUtc();
    if (partner) {
        const QList<PartnerTask> tasks = checklists.tasks(partner->id, kind);
        if (json()) {
            QJsonArray list;
            for (const PartnerTask& t : tasks)
                list.append(taskObject(t, today));
            m_ctx.printJson(QJsonObject{{QLatin1String("partner"), partner->key},
                                        {QLatin1String("kind"), toString(kind)},
                                        {QLatin1String("stage"), toString(partner->stage)},
                                        {QLatin1String("started"), !tasks.isEmpty()},
                                        {QLatin1String("tasks"), list}});
            return ExitOk;
        }
        if (tasks.isEmpty()) {
            m_ctx.out() << partner->key << " has no " << toString(kind) << " checklist\n";
            return ExitOk;
        }
        m_ctx.out() << partner->key << ": " << toString(kind) << " checklist started on "
                    << dateText(tasks.first().startedOn) << "\n";
        printTasks(tasks);
        return ExitOk;
    }
    const QList<OnboardingRow> rows = checklists.onboardingRows(today);
    if (json()) {
        QJsonArray list;
        for (const OnboardingRow& r : rows)
            list.append(progressObject(r));
        m_ctx.printJson(QJsonObject{{QLatin1String("count"), rows.size()}, {QLatin1String("partners"), list}});
        return ExitOk;
    }
    for (const OnboardingRow& r : rows) {
        const ChecklistProgress& g = r.progress;
        m_ctx.out() << r.key << "\t" << r.name << "\t";
        if (!r.started)
            m_ctx.out() << "not started\n";
        else
            m_ctx.out() << g.requiredDone << "/" << g.required << " required done\t" << g.overdue << " overdue\tnext: "
                        << (g.nextTaskTitle.isEmpty()
                                ? QStringLiteral("-")
                                : QStringLiteral("%1 (due %2)").arg(g.nextTaskTitle, dateText(g.nextDueOn)))
                        << "\n";
    }
    m_ctx.out() << rows.size() << " partner(s) in onboarding\n";
    return ExitOk;
}

int OnboardingCommand::attach(Database& db, const Partner& partner, const PartnerTask& task)
{
    AttachmentRepository attachments(db, m_ctx.clock());
    AttachFileCommand command(attachments, task.id, value("file"), isSet("copy"));
    command.execute();
    const Attachment& a = command.attachment();
    if (json()) {
        m_ctx.printJson(QJsonObject{{QLatin1String("partner"), partner.key},
                                    {QLatin1String("task"), task.position},
                                    {QLatin1String("id"), a.id},
                                    {QLatin1String("file_name"), a.fileName},
                                    {QLatin1String("path"), a.path},
                                    {QLatin1String("size_bytes"), double(a.sizeBytes)},
                                    {QLatin1String("sha256"), a.sha256},
                                    {QLatin1String("stored_in_book"), a.storedInBook}});
        return ExitOk;
    }
    m_ctx.out() << a.fileName << " attached to task " << task.position << " of " << partner.key << " ("
                << (a.storedInBook ? "copied into the book" : "linked") << ", " << a.sizeBytes << " bytes, SHA-256 "
                << a.sha256 << ")\n";
    return ExitOk;
}

void OnboardingCommand::printTasks(const QList<PartnerTask>& tasks)
{
    const QDate today = m_ctx.clock().todayUtc();
    for (const PartnerTask& t : tasks) {
        m_ctx.out() << "  " << t.position << ". [" << (t.doneOn.isValid() ? "x" : " ") << "] " << t.title << "\t"
                    << toString(t.owner) << (t.required ? ", required" : ", optional") << "\tdue " << dateText(t.dueOn);
        if (t.doneOn.isValid())
            m_ctx.out() << "\tdone " << dateText(t.doneOn);
        else if (t.isOverdue(today))
            m_ctx.out() << "\tOVERDUE";
        m_ctx.out() << "\n";
    }
}

} // namespace

/// `onboarding SUBCOMMAND …` (see kOnboardingUsage). `status` only reads and never creates a book; the others write
/// through the checklist undo commands (one transaction each, audited, logged for sync). A refusal (unknown partner or
/// task, a checklist started twice, a file too large) is invalid input: exit 2, nothing written.
int runOnboardingCommand(CliContext& context, const QStringList& args)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? context.err() : context.out()) << kOnboardingUsage;
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    const QString sub = args.at(1);
    const QStringList known = {QStringLiteral("start"), QStringLiteral("tick"), QStringLiteral("status"),
                               QStringLiteral("attach"), QStringLiteral("offboard")};
    if (!known.contains(sub)) {
        context.err() << "Unknown onboarding subcommand '" << sub << "'\n" << kOnboardingUsage;
        return ExitUsage;
    }
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kOnboardingUsage));
    context.addCommonOptions(p);
    p.addOptions({{QStringLiteral("json"), QStringLiteral("Print JSON.")},
                  {QStringLiteral("partner"), QStringLiteral("The partner's key."), QStringLiteral("KEY")},
                  {QStringLiteral("task"), QStringLiteral("The task's position."), QStringLiteral("N")},
                  {QStringLiteral("kind"), QStringLiteral("onboarding or offboarding."), QStringLiteral("KIND")},
                  {QStringLiteral("date"), QStringLiteral("The date (YYYY-MM-DD)."), QStringLiteral("D")},
                  {QStringLiteral("undo"), QStringLiteral("Reopen the task.")},
                  {QStringLiteral("notes"), QStringLiteral("The task's notes."), QStringLiteral("TEXT")},
                  {QStringLiteral("file"), QStringLiteral("The file to attach."), QStringLiteral("F")},
                  {QStringLiteral("copy"), QStringLiteral("Copy the file into the book.")},
                  {QStringLiteral("link"), QStringLiteral("Keep the file's path only.")}});
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    if (!p.parse(rest)) {
        context.err() << p.errorText() << "\n" << kOnboardingUsage;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        context.out() << kOnboardingUsage;
        return ExitOk;
    }
    if (p.isSet(QStringLiteral("db")))
        context.databaseText = p.value(QStringLiteral("db"));
    if (!p.positionalArguments().isEmpty()) {
        context.err() << "onboarding " << sub << " takes no positional arguments\n" << kOnboardingUsage;
        return ExitUsage;
    }
    return OnboardingCommand(context, p).run(sub);
}

} // namespace pd

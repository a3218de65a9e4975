#pragma once

#include <QDate>
#include <QString>
#include <optional>

namespace pd {

/// Which checklist a task belongs to (issue 9, items 3 and 6): the partner's onboarding or its offboarding.
enum class ChecklistKind { Onboarding, Offboarding };
/// Who does a task: the vendor (the channel manager's side) or the partner.
enum class TaskOwner { Vendor, Partner };

/// Stored text: "onboarding" / "offboarding" (checklist_template_tasks.kind, partner_tasks.kind; schema v7).
QString toString(ChecklistKind kind);
/// Stored text: "vendor" / "partner" (the owner columns of schema v7). UI text comes from tr() in the GUI.
QString toString(TaskOwner owner);
/// Parses the stored text (case-insensitive, surrounding spaces ignored); nullopt when unknown.
std::optional<ChecklistKind> checklistKindFromString(const QString& text);
/// Parses the stored text (case-insensitive, surrounding spaces ignored); nullopt when unknown.
std::optional<TaskOwner> taskOwnerFromString(const QString& text);

/// One task of a checklist template (table checklist_template_tasks). `partnerType` and `tier` empty mean "any";
/// `dueOffsetDays` counts days from the start of the checklist (0 or more).
struct TemplateTask
{
    qint64 pk = 0; ///< row key; 0 for a task not saved yet
    ChecklistKind kind = ChecklistKind::Onboarding;
    QString partnerType; ///< canonical partner type text ("VAR"), or empty for every type
    QString tier;        ///< tier name, or empty for every tier
    int position = 0;    ///< 1-based order in the checklist
    QString title;       ///< non-empty
    int dueOffsetDays = 0;
    TaskOwner owner = TaskOwner::Vendor;
    bool required = true;
    QString document; ///< what to attach as proof ("Signed partner agreement"), or empty
};

/// One task of a partner's checklist (table partner_tasks), copied from its template when the checklist started.
struct PartnerTask
{
    QString id;        ///< UUID text
    QString partnerId; ///< UUID text of the partner
    ChecklistKind kind = ChecklistKind::Onboarding;
    int position = 0; ///< 1-based, as in the template
    QString title;
    TaskOwner owner = TaskOwner::Vendor;
    bool required = true;
    QString document;
    QDate startedOn; ///< the checklist's start date
    QDate dueOn;     ///< startedOn + the template's due offset
    QDate doneOn;    ///< invalid while the task is open
    QString doneBy;  ///< who ticked it (Database::actor()), empty while open
    QString notes;
    int attachmentCount = 0; ///< attachments not removed
    int version = 0;

    /// True when the task is open and its due date lies before `today` (a task due today is not overdue).
    bool isOverdue(const QDate& today) const { return !doneOn.isValid() && dueOn.isValid() && dueOn < today; }
};

/// The figures of one checklist (onboarding pane, `onboarding status`). All zero / invalid when not started.
struct ChecklistProgress
{
    int tasks = 0;        ///< every task
    int done = 0;         ///< tasks done
    int required = 0;     ///< required tasks
    int requiredDone = 0; ///< required tasks done
    int overdue = 0;      ///< open tasks whose due date is before today
    QDate startedOn;
    QString nextTaskTitle; ///< the open task with the earliest due date, then the smallest position; empty when none
    QDate nextDueOn;       ///< that task's due date
};

/// A partner in the Onboarding stage with its onboarding checklist's progress (a row of the onboarding pane).
struct OnboardingRow
{
    QString partnerId; ///< UUID text
    QString key;
    QString name;
    QString partnerType; ///< canonical text
    QString channelManager;
    QString territory;
    QDate stageSince;     ///< the date the partner entered Onboarding
    bool started = false; ///< the partner has an onboarding checklist
    ChecklistProgress progress;
};

} // namespace pd

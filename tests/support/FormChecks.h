#pragma once

// Checks of a widget tree built from a Designer form (issue 8, item 1): accelerators are unique within a dialog and
// every label with an accelerator has a buddy that the accelerator focuses.

#include <QAbstractButton>
#include <QGroupBox>
#include <QKeySequence>
#include <QLabel>
#include <QStringList>
#include <QWidget>

namespace pd::test {

/// The accelerator of `text` as a key sequence string ("&Partner" → "Alt+P"); empty when it has none ("&&" is a
/// literal "&").
inline QString accelerator(const QString& text)
{
    return QKeySequence::mnemonic(text).toString();
}

/// The accelerators used more than once (each listed once) among the labels, buttons and group boxes under `root`
/// and `extraTexts` (e.g. a wizard's button texts); empty when every accelerator is unique.
inline QStringList duplicateAccelerators(const QWidget* root, const QStringList& extraTexts = {})
{
    QStringList texts = extraTexts;
    for (const QLabel* label : root->findChildren<QLabel*>())
        texts << label->text();
    for (const QAbstractButton* button : root->findChildren<QAbstractButton*>())
        texts << button->text();
    for (const QGroupBox* box : root->findChildren<QGroupBox*>())
        texts << box->title();
    QStringList seen, duplicates;
    for (const QString& text : std::as_const(texts)) {
        const QString key = accelerator(text);
        if (key.isEmpty())
            continue;
        if (seen.contains(key) && !duplicates.contains(key))
            duplicates << key;
        seen << key;
    }
    return duplicates;
}

/// The object names of the labels under `root` that have an accelerator but no buddy (the accelerator would do
/// nothing); empty when every such label has one.
inline QStringList labelsWithoutBuddy(const QWidget* root)
{
    QStringList names;
    for (const QLabel* label : root->findChildren<QLabel*>())
        if (!accelerator(label->text()).isEmpty() && !label->buddy())
            names << label->objectName();
    return names;
}

} // namespace pd::test

#include "io/MappingProfile.h"

#include "io/CsvReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSaveFile>

namespace pd {

namespace {

QString squash(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.isSpace() || c == QLatin1Char('_') || c == QLatin1Char('-'))
            continue;
        out.append(c.toCaseFolded());
    }
    return out;
}

QMap<QString, QString> stringMap(const QJsonValue& value, const QString& key, bool* ok, QString* error)
{
    QMap<QString, QString> out;
    if (value.isUndefined() || value.isNull())
        return out;
    if (!value.isObject()) {
        *ok = false;
        *error = QStringLiteral("\"%1\" must be an object").arg(key);
        return out;
    }
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString()) {
            *ok = false;
            *error = QStringLiteral("\"%1\".\"%2\" must be a string").arg(key, it.key());
            return out;
        }
        out.insert(it.key(), it.value().toString());
    }
    return out;
}

} // namespace

std::optional<MappingProfile> MappingProfile::load(const QString& path, QString* error)
{
    QString dummy;
    QString& err = error ? *error : dummy;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err = QStringLiteral("Cannot read the profile %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject()) {
        err = QStringLiteral("The profile %1 is not a JSON object: %2").arg(path, parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    auto fail = [&](const QString& what) {
        err = QStringLiteral("The profile %1 is invalid: %2").arg(path, what);
        return std::nullopt;
    };
    MappingProfile p;
    p.name = o.value(QLatin1String("name")).toString(QFileInfo(path).completeBaseName());
    const auto entity = importEntityFromString(o.value(QLatin1String("entity")).toString());
    if (!entity)
        return fail(QStringLiteral("\"entity\" must be one of products, partners, contacts, accounts, deals"));
    p.entity = *entity;
    const QString mode = o.value(QLatin1String("mode")).toString(QStringLiteral("insert"));
    if (mode == QLatin1String("insert"))
        p.mode = Mode::InsertOnly;
    else if (mode == QLatin1String("upsert"))
        p.mode = Mode::Upsert;
    else
        return fail(QStringLiteral("\"mode\" must be \"insert\" or \"upsert\", not \"%1\"").arg(mode));
    p.encoding = o.value(QLatin1String("encoding")).toString(QStringLiteral("auto"));
    static const QStringList encodings = {QStringLiteral("auto"),           QStringLiteral("UTF-8"),
                                          QStringLiteral("UTF-8 with BOM"), QStringLiteral("Windows-1252"),
                                          QStringLiteral("UTF-16LE"),       QStringLiteral("UTF-16BE")};
    if (!encodings.contains(p.encoding))
        return fail(QStringLiteral("\"encoding\" must be one of %1").arg(encodings.join(QLatin1String(", "))));
    p.delimiter = o.value(QLatin1String("delimiter")).toString(QStringLiteral("auto"));
    if (p.delimiter == QLatin1String("tab") || p.delimiter == QLatin1String("\\t"))
        p.delimiter = QStringLiteral("\t");
    if (p.delimiter != QLatin1String("auto") && p.delimiter != QLatin1String(",") &&
        p.delimiter != QLatin1String(";") && p.delimiter != QLatin1String("\t"))
        return fail(QStringLiteral("\"delimiter\" must be \"auto\", \",\", \";\" or a tab"));

    const QJsonValue number = o.value(QLatin1String("number_format"));
    if (number.isString()) {
        const auto f = NumberFormat::fromExample(number.toString());
        if (!f)
            return fail(QStringLiteral("\"number_format\" must be one of %1, or an object")
                            .arg(NumberFormat::presets().join(QLatin1String(", "))));
        p.numberFormat = *f;
    } else if (number.isObject()) {
        const QJsonObject no = number.toObject();
        if (no.contains(QLatin1String("locale"))) {
            const QString name = no.value(QLatin1String("locale")).toString();
            const QLocale locale(name);
            if (name.isEmpty() || (locale.language() == QLocale::C && name != QLatin1String("C")))
                return fail(
                    QStringLiteral("\"number_format\".\"locale\" \"%1\" is not a locale (e.g. de_DE)").arg(name));
            p.numberFormat = NumberFormat::fromLocale(locale);
        } else {
            QString why;
            const auto f = NumberFormat::fromSeparators(no.value(QLatin1String("decimal")).toString(),
                                                        no.value(QLatin1String("grouping")).toString(), &why);
            if (!f)
                return fail(QStringLiteral("\"number_format\": ") + why);
            p.numberFormat = *f;
        }
    } else if (!number.isUndefined() && !number.isNull()) {
        return fail(QStringLiteral("\"number_format\" must be a string or an object"));
    }
    const QJsonValue date = o.value(QLatin1String("date_format"));
    if (!date.isUndefined() && !date.isNull()) {
        QString why;
        const auto f = date.isString() ? DateFormat::fromPattern(date.toString(), &why) : std::nullopt;
        if (!f)
            return fail(date.isString() ? why : QStringLiteral("\"date_format\" must be a string"));
        p.dateFormat = *f;
    }

    bool ok = true;
    QString what;
    p.columns = stringMap(o.value(QLatin1String("columns")), QStringLiteral("columns"), &ok, &what);
    if (ok)
        p.constants = stringMap(o.value(QLatin1String("constants")), QStringLiteral("constants"), &ok, &what);
    if (!ok)
        return fail(what);

    QStringList known;
    for (const ImportField& f : importFields(p.entity))
        known.append(f.name);
    auto checkField = [&](const QString& field) { return known.contains(field); };
    for (const QString& f : p.columns.keys() + p.constants.keys()) {
        if (!checkField(f))
            return fail(QStringLiteral("\"%1\" is not a field of %2 (fields: %3)")
                            .arg(f, toString(p.entity), known.join(QLatin1String(", "))));
    }

    const QJsonValue files = o.value(QLatin1String("valueMapFiles"));
    const QMap<QString, QString> mapFiles = stringMap(files, QStringLiteral("valueMapFiles"), &ok, &what);
    if (!ok)
        return fail(what);
    const QDir base = QFileInfo(path).absoluteDir();
    for (auto it = mapFiles.begin(); it != mapFiles.end(); ++it) {
        if (!checkField(it.key()))
            return fail(QStringLiteral("\"%1\" is not a field of %2").arg(it.key(), toString(p.entity)));
        const QString mapPath = QDir::cleanPath(base.absoluteFilePath(it.value()));
        CsvReader reader;
        if (!reader.open(mapPath))
            return fail(QStringLiteral("value map file for \"%1\": %2").arg(it.key(), reader.error()));
        if (reader.header().size() < 2)
            return fail(QStringLiteral("value map file %1 must have two columns").arg(mapPath));
        QMap<QString, QString>& map = p.valueMaps[it.key()];
        QStringList row;
        while (reader.next(row)) {
            if (row.size() < 2 || row.at(0).trimmed().isEmpty())
                continue;
            map.insert(row.at(0).trimmed(), row.at(1).trimmed());
        }
        if (!reader.error().isEmpty())
            return fail(QStringLiteral("value map file %1: %2").arg(mapPath, reader.error()));
    }
    const QJsonValue maps = o.value(QLatin1String("valueMaps"));
    if (!maps.isUndefined() && !maps.isNull()) {
        if (!maps.isObject())
            return fail(QStringLiteral("\"valueMaps\" must be an object"));
        const QJsonObject mo = maps.toObject();
        for (auto it = mo.begin(); it != mo.end(); ++it) {
            if (!checkField(it.key()))
                return fail(QStringLiteral("\"%1\" is not a field of %2").arg(it.key(), toString(p.entity)));
            const auto inline_ = stringMap(it.value(), QStringLiteral("valueMaps.") + it.key(), &ok, &what);
            if (!ok)
                return fail(what);
            QMap<QString, QString>& map = p.valueMaps[it.key()];
            for (auto v = inline_.begin(); v != inline_.end(); ++v)
                map.insert(v.key(), v.value());
        }
    }
    const QJsonValue scales = o.value(QLatin1String("scales"));
    if (!scales.isUndefined() && !scales.isNull()) {
        if (!scales.isObject())
            return fail(QStringLiteral("\"scales\" must be an object"));
        const QJsonObject so = scales.toObject();
        for (auto it = so.begin(); it != so.end(); ++it) {
            const double v = it.value().toDouble(-1);
            if (!it.value().isDouble() || v < 1 || v != qint64(v))
                return fail(QStringLiteral("\"scales\".\"%1\" must be a positive whole number").arg(it.key()));
            p.scales.insert(it.key(), qint64(v));
        }
    }
    const QJsonValue filter = o.value(QLatin1String("filter"));
    if (!filter.isUndefined() && !filter.isNull()) {
        const QJsonObject fo = filter.toObject();
        p.filterColumn = fo.value(QLatin1String("column")).toString();
        p.filterValue = fo.value(QLatin1String("equals")).toString();
        if (p.filterColumn.isEmpty())
            return fail(QStringLiteral("\"filter\" needs a \"column\" and an \"equals\" value"));
    }
    return p;
}

bool MappingProfile::save(const QString& path, QString* error) const
{
    QJsonObject o;
    o.insert(QLatin1String("name"), name);
    o.insert(QLatin1String("entity"), toString(entity));
    o.insert(QLatin1String("mode"), mode == Mode::Upsert ? QStringLiteral("upsert") : QStringLiteral("insert"));
    o.insert(QLatin1String("encoding"), encoding);
    o.insert(QLatin1String("delimiter"), delimiter);
    QJsonObject number;
    if (!numberFormat.locale.isEmpty()) {
        number.insert(QLatin1String("locale"), numberFormat.locale);
    } else {
        number.insert(QLatin1String("decimal"), QString(numberFormat.decimal));
        number.insert(QLatin1String("grouping"),
                      numberFormat.grouping.isNull() ? QString() : QString(numberFormat.grouping));
    }
    o.insert(QLatin1String("number_format"), number);
    o.insert(QLatin1String("date_format"), dateFormat.pattern());
    auto toObject = [](const QMap<QString, QString>& map) {
        QJsonObject out;
        for (auto it = map.begin(); it != map.end(); ++it)
            out.insert(it.key(), it.value());
        return out;
    };
    o.insert(QLatin1String("columns"), toObject(columns));
    if (!constants.isEmpty())
        o.insert(QLatin1String("constants"), toObject(constants));
    if (!valueMaps.isEmpty()) {
        QJsonObject maps;
        for (auto it = valueMaps.begin(); it != valueMaps.end(); ++it)
            maps.insert(it.key(), toObject(it.value()));
        o.insert(QLatin1String("valueMaps"), maps);
    }
    if (!scales.isEmpty()) {
        QJsonObject so;
        for (auto it = scales.begin(); it != scales.end(); ++it)
            so.insert(it.key(), double(it.value()));
        o.insert(QLatin1String("scales"), so);
    }
    if (!filterColumn.isEmpty()) {
        QJsonObject fo;
        fo.insert(QLatin1String("column"), filterColumn);
        fo.insert(QLatin1String("equals"), filterValue);
        o.insert(QLatin1String("filter"), fo);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("Cannot write the profile %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write the profile %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

MappingProfile MappingProfile::autoMatch(ImportEntity entity, const QStringList& header)
{
    MappingProfile p;
    p.entity = entity;
    p.name = toString(entity);
    for (const ImportField& field : importFields(entity)) {
        const QString wanted = squash(field.name);
        for (const QString& column : header) {
            if (squash(column) == wanted || column.trimmed() == field.label) {
                p.columns.insert(field.name, column);
                break;
            }
        }
    }
    return p;
}

} // namespace pd

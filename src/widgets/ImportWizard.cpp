#include "widgets/ImportWizard.h"
#include "ui_ImportWizard.h"

#include "domain/Money.h"
#include "io/ImportEntity.h"
#include "io/ImportWorker.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/ImportFilePage.h"
#include "widgets/ImportFormatPage.h"
#include "widgets/ImportMappingPage.h"
#include "widgets/ImportPreviewPage.h"
#include "widgets/ImportRunPage.h"
#include "widgets/TableExportAction.h"
#include "widgets/UnfocusedWheelGuard.h"

#include "ui_ImportFilePage.h"
#include "ui_ImportFormatPage.h"
#include "ui_ImportMappingPage.h"
#include "ui_ImportPreviewPage.h"
#include "ui_ImportRunPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>

namespace pd {

namespace {
constexpr int kSampleRows = 20;

QString delimiterName(QChar d)
{
    if (d == QLatin1Char(';'))
        return QObject::tr("semicolon");
    if (d == QLatin1Char('\t'))
        return QObject::tr("tab");
    return QObject::tr("comma");
}
} // namespace

ImportWizard::ImportWizard(Book& book, DialogService& dialogs, QWidget* parent)
    : QWizard(parent), m_ui(std::make_unique<Ui::ImportWizard>()), m_book(book), m_dialogs(dialogs)
{
    // The window (title, style, options, size) is ui/ImportWizard.ui; each page has its own form. A form cannot name
    // the commit button's text.
    m_ui->setupUi(this);
    setButtonText(QWizard::CommitButton, tr("Import"));
    m_exporter = new TableExportAction(m_dialogs, tr("Export invalid rows"), QStringLiteral("invalid-rows.csv"), this);

    m_filePage = new ImportFilePage;
    m_formatPage = new ImportFormatPage;
    m_mappingPage = new ImportMappingPage;
    m_previewPage = new ImportPreviewPage;
    m_runPage = new ImportRunPage;
    setPage(FilePage, m_filePage);
    setPage(FormatPage, m_formatPage);
    setPage(MappingPage, m_mappingPage);
    setPage(PreviewPage, m_previewPage);
    setPage(RunPage, m_runPage);
    setUpFilePage();
    setUpFormatPage();
    setUpMappingPage();
    setUpPreviewPage();
    setUpRunPage();
}

ImportWizard::~ImportWizard()
{
    if (m_worker)
        m_worker->cancel();
    delete m_worker; // waits for its thread
}

// ---- File page ---------------------------------------------------------------------------------------------------

void ImportWizard::setUpFilePage()
{
    m_filePage->onComplete = [this] { return fileComplete(); };
    m_filePage->onValidate = [this] { return acceptFile(); };
    connect(m_filePage->form()->importFile, &QLineEdit::textChanged, m_filePage, &QWizardPage::completeChanged);
    connect(m_filePage->form()->importBrowse, &QPushButton::clicked, this, &ImportWizard::browse);
    const QList<std::pair<ImportEntity, QString>> entities = {
        {ImportEntity::Products, tr("Products")},         {ImportEntity::Partners, tr("Partners")},
        {ImportEntity::Contacts, tr("Partner contacts")}, {ImportEntity::Accounts, tr("End-customer accounts")},
        {ImportEntity::Deals, tr("Deal registrations")},
    };
    for (const auto& [e, label] : entities)
        m_filePage->form()->importEntity->addItem(label, int(e));
    m_filePage->form()->importEntity->setCurrentIndex(1);
    connect(m_filePage->form()->loadProfile, &QPushButton::clicked, this, &ImportWizard::loadProfile);
}

void ImportWizard::browse()
{
    const QString path =
        m_dialogs.openFileName(this, tr("Choose a CSV file"), tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        m_filePage->form()->importFile->setText(path);
}

void ImportWizard::loadProfile()
{
    const QString path = m_dialogs.openFileName(this, tr("Load mapping profile"), tr("Mapping profiles (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    std::optional<MappingProfile> profile = MappingProfile::load(path, &error);
    if (!profile) {
        m_dialogs.warning(this, tr("Load mapping profile"), error);
        return;
    }
    m_loadedProfile = profile;
    m_filePage->form()->profileLabel->setText(tr("Profile “%1” (%2)").arg(profile->name, QFileInfo(path).fileName()));
    m_filePage->form()->importEntity->setCurrentIndex(m_filePage->form()->importEntity->findData(int(profile->entity)));
}

bool ImportWizard::fileComplete() const
{
    const QFileInfo info(m_filePage->form()->importFile->text().trimmed());
    return info.isFile() && info.isReadable();
}

bool ImportWizard::acceptFile()
{
    QString error;
    std::optional<CsvFormat> format;
    if (m_loadedProfile) {
        // A profile that names its encoding or delimiter wins over detection.
        CsvReader probe;
        if (probe.open(m_filePage->form()->importFile->text().trimmed())) {
            CsvFormat f = probe.format();
            if (const auto enc = CsvFormat::encodingFromName(m_loadedProfile->encoding))
                f.encoding = *enc;
            if (m_loadedProfile->delimiter != QLatin1String("auto") && !m_loadedProfile->delimiter.isEmpty())
                f.delimiter = m_loadedProfile->delimiter.at(0);
            format = f;
        }
    }
    if (!readSample(format, &error)) {
        m_dialogs.warning(this, tr("Import"), error);
        return false;
    }
    m_detected = CsvFormat();
    CsvReader detector;
    if (detector.open(m_filePage->form()->importFile->text().trimmed()))
        m_detected = detector.format();
    return true;
}

bool ImportWizard::readSample(std::optional<CsvFormat> format, QString* error)
{
    CsvReader reader;
    if (!reader.open(m_filePage->form()->importFile->text().trimmed(), format)) {
        *error = reader.error();
        return false;
    }
    m_header = reader.header();
    m_sample.clear();
    QStringList fields;
    while (m_sample.size() < kSampleRows && reader.next(fields))
        m_sample.append(fields);
    if (!reader.error().isEmpty() && m_sample.isEmpty()) {
        *error = reader.error();
        return false;
    }
    return true;
}

// ---- Format page -------------------------------------------------------------------------------------------------

void ImportWizard::setUpFormatPage()
{
    m_formatPage->onInit = [this] { initFormat(); };
    m_formatPage->onValidate = [this] {
        QString error;
        if (!chosenDateFormat(&error) || !readSample(chosenFormat(), &error)) {
            m_dialogs.warning(this, tr("Import"), error);
            return false;
        }
        return true;
    };
    for (auto e : {CsvFormat::Encoding::Utf8, CsvFormat::Encoding::Utf8Bom, CsvFormat::Encoding::Windows1252,
                   CsvFormat::Encoding::Utf16LE, CsvFormat::Encoding::Utf16BE})
        m_formatPage->form()->importEncoding->addItem(CsvFormat::encodingName(e), int(e));
    // How amounts and dates are written (DESIGN.md section 2: stated, never guessed).
    for (const QString& example : NumberFormat::presets())
        m_formatPage->form()->importNumberFormat->addItem(example, example);
    const NumberFormat system = NumberFormat::fromLocale(QLocale());
    m_formatPage->form()->importNumberFormat->addItem(tr("Locale %1 (%2)").arg(system.locale, system.example()),
                                                      QStringLiteral("locale:") + system.locale);
    m_formatPage->form()->importDateFormat->addItems(DateFormat::presets());
    m_formatPage->form()->importDelimiter->addItem(tr("Comma"), QStringLiteral(","));
    m_formatPage->form()->importDelimiter->addItem(tr("Semicolon"), QStringLiteral(";"));
    m_formatPage->form()->importDelimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    auto refresh = [this] {
        QString error;
        if (readSample(chosenFormat(), &error))
            fillFormatPreview();
        else
            m_formatPage->form()->detectedFormat->setText(error);
    };
    connect(m_formatPage->form()->importEncoding, &QComboBox::activated, this, refresh);
    connect(m_formatPage->form()->importDelimiter, &QComboBox::activated, this, refresh);
}

NumberFormat ImportWizard::chosenNumberFormat() const
{
    const QString data = m_formatPage->form()->importNumberFormat->currentData().toString();
    if (data.startsWith(QLatin1String("locale:")))
        return NumberFormat::fromLocale(QLocale(data.mid(7)));
    return NumberFormat::fromExample(data).value_or(NumberFormat());
}

std::optional<DateFormat> ImportWizard::chosenDateFormat(QString* error) const
{
    return DateFormat::fromPattern(m_formatPage->form()->importDateFormat->currentText().trimmed(), error);
}

QString ImportWizard::parsedPreview(const QString& field, const QString& value, const QString& currency,
                                    const MappingProfile& profile) const
{
    static const QStringList amounts = {QStringLiteral("list_price"), QStringLiteral("annual_revenue"),
                                        QStringLiteral("amount")};
    static const QStringList dates = {QStringLiteral("registered_at"), QStringLiteral("expected_close"),
                                      QStringLiteral("closed_on")};
    if (value.isEmpty())
        return value;
    QString reason;
    if (amounts.contains(field)) {
        const std::optional<QString> canonical = profile.numberFormat.canonical(value, &reason);
        const std::optional<qint64> minor =
            canonical ? parseMinorUnits(*canonical, currency, profile.scales.value(field, 1), &reason) : std::nullopt;
        return minor ? formatMoney(Money{*minor, currency}) : QStringLiteral("⚠ ") + reason;
    }
    if (dates.contains(field)) {
        if (field == QLatin1String("registered_at") && value.contains(QLatin1Char('T')))
            return value;
        const QDate day = profile.dateFormat.parse(value);
        return day.isValid() ? day.toString(Qt::ISODate)
                             : QStringLiteral("⚠ ") + tr("not a date (expected %1)").arg(profile.dateFormat.expected());
    }
    return value;
}

CsvFormat ImportWizard::chosenFormat() const
{
    CsvFormat f;
    f.encoding = CsvFormat::Encoding(m_formatPage->form()->importEncoding->currentData().toInt());
    f.delimiter = m_formatPage->form()->importDelimiter->currentData().toString().at(0);
    return f;
}

void ImportWizard::initFormat()
{
    m_formatPage->form()->detectedFormat->setText(
        tr("%1, %2").arg(CsvFormat::encodingName(m_detected.encoding), delimiterName(m_detected.delimiter)));
    QString error;
    CsvReader reader;
    CsvFormat current = m_detected;
    if (m_loadedProfile && reader.open(m_filePage->form()->importFile->text().trimmed()))
        current = m_detected; // the profile's choice was applied to the sample in acceptFile()
    m_formatPage->form()->importEncoding->setCurrentIndex(
        m_formatPage->form()->importEncoding->findData(int(current.encoding)));
    m_formatPage->form()->importDelimiter->setCurrentIndex(
        m_formatPage->form()->importDelimiter->findData(QString(current.delimiter)));
    if (m_loadedProfile) {
        const int enc = m_formatPage->form()->importEncoding->findText(m_loadedProfile->encoding);
        if (enc >= 0)
            m_formatPage->form()->importEncoding->setCurrentIndex(enc);
        const int del = m_formatPage->form()->importDelimiter->findData(m_loadedProfile->delimiter);
        if (del >= 0)
            m_formatPage->form()->importDelimiter->setCurrentIndex(del);
        const NumberFormat& number = m_loadedProfile->numberFormat;
        const QString data = number.locale.isEmpty() ? number.example() : QStringLiteral("locale:") + number.locale;
        if (m_formatPage->form()->importNumberFormat->findData(data) < 0)
            m_formatPage->form()->importNumberFormat->addItem(
                number.locale.isEmpty() ? number.example() : tr("Locale %1 (%2)").arg(number.locale, number.example()),
                data);
        m_formatPage->form()->importNumberFormat->setCurrentIndex(
            m_formatPage->form()->importNumberFormat->findData(data));
        m_formatPage->form()->importDateFormat->setCurrentText(m_loadedProfile->dateFormat.pattern());
    }
    if (readSample(chosenFormat(), &error))
        fillFormatPreview();
}

void ImportWizard::fillFormatPreview()
{
    m_formatPage->form()->rawPreview->clear();
    m_formatPage->form()->rawPreview->setColumnCount(int(m_header.size()));
    m_formatPage->form()->rawPreview->setHorizontalHeaderLabels(m_header);
    m_formatPage->form()->rawPreview->setRowCount(int(m_sample.size()));
    for (int r = 0; r < m_sample.size(); ++r)
        for (int c = 0; c < m_sample.at(r).size() && c < m_header.size(); ++c)
            m_formatPage->form()->rawPreview->setItem(r, c, new QTableWidgetItem(m_sample.at(r).at(c)));
}

// ---- Mapping page ------------------------------------------------------------------------------------------------

void ImportWizard::setUpMappingPage()
{
    m_mappingPage->onInit = [this] { initMapping(); };
    m_mappingPage->onValidate = [this] { return acceptMapping(); };
    m_wheelGuard = new UnfocusedWheelGuard(m_mappingPage->form()->columnMapping, this);
    m_mappingPage->form()->columnMapping->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_mappingPage->form()->columnMapping->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    const Ui::ImportMappingPage* form = m_mappingPage->form();
    connect(form->addValueMapRow, &QPushButton::clicked, this,
            [this] { m_mappingPage->form()->valueMap->insertRow(m_mappingPage->form()->valueMap->rowCount()); });
    connect(form->removeValueMapRow, &QPushButton::clicked, this, [this] {
        if (m_mappingPage->form()->valueMap->currentRow() >= 0)
            m_mappingPage->form()->valueMap->removeRow(m_mappingPage->form()->valueMap->currentRow());
    });
    connect(form->loadValueMap, &QPushButton::clicked, this, &ImportWizard::loadValueMapCsv);
    connect(m_mappingPage->form()->valueMapField, &QComboBox::currentIndexChanged, this, [this] {
        storeValueMapTable();
        showValueMap();
    });
    m_mappingPage->form()->importMode->addItem(tr("Insert new rows only"), int(MappingProfile::Mode::InsertOnly));
    m_mappingPage->form()->importMode->addItem(tr("Insert new rows and update existing ones by key"),
                                               int(MappingProfile::Mode::Upsert));
    connect(form->saveProfile, &QPushButton::clicked, this, &ImportWizard::saveProfile);
}

ImportEntity ImportWizard::entity() const
{
    return ImportEntity(m_filePage->form()->importEntity->currentData().toInt());
}

void ImportWizard::initMapping()
{
    const bool useLoaded = m_loadedProfile && m_loadedProfile->entity == entity();
    m_base = useLoaded ? *m_loadedProfile : MappingProfile::autoMatch(entity(), m_header);
    const QList<ImportField> fields = importFields(entity());
    m_mappingPage->form()->columnMapping->setRowCount(int(fields.size()));
    const QSignalBlocker blockFields(m_mappingPage->form()->valueMapField);
    m_mappingPage->form()->valueMapField->clear();
    for (int r = 0; r < fields.size(); ++r) {
        const ImportField& field = fields.at(r);
        auto* label = new QTableWidgetItem(field.required ? field.label + QStringLiteral(" *") : field.label);
        label->setToolTip(field.description);
        label->setData(Qt::UserRole, field.name);
        m_mappingPage->form()->columnMapping->setItem(r, 0, label);
        auto* combo = new QComboBox(m_mappingPage->form()->columnMapping);
        combo->setObjectName(QStringLiteral("map_") + field.name);
        combo->addItem(tr("(not mapped)"), QString());
        for (const QString& column : std::as_const(m_header))
            combo->addItem(column, column);
        const int at = combo->findData(m_base.columns.value(field.name));
        combo->setCurrentIndex(m_base.columns.contains(field.name) && at >= 0 ? at : 0);
        m_mappingPage->form()->columnMapping->setCellWidget(r, 1, combo);
        m_wheelGuard->watch(combo); // scrolling the table never changes a mapping
        auto* constant = new QLineEdit(m_base.constants.value(field.name), m_mappingPage->form()->columnMapping);
        constant->setObjectName(QStringLiteral("const_") + field.name);
        constant->setFrame(false);
        m_mappingPage->form()->columnMapping->setCellWidget(r, 2, constant);
        m_mappingPage->form()->valueMapField->addItem(field.label, field.name);
    }
    m_valueMapField.clear();
    showValueMap();

    const QSignalBlocker blockFilter(m_mappingPage->form()->filterColumn);
    m_mappingPage->form()->filterColumn->clear();
    m_mappingPage->form()->filterColumn->addItem(tr("(every row)"), QString());
    for (const QString& column : std::as_const(m_header))
        m_mappingPage->form()->filterColumn->addItem(column, column);
    m_mappingPage->form()->filterColumn->setCurrentIndex(
        std::max(0, m_mappingPage->form()->filterColumn->findData(m_base.filterColumn)));
    m_mappingPage->form()->filterValue->setText(m_base.filterValue);
    m_mappingPage->form()->importMode->setCurrentIndex(m_mappingPage->form()->importMode->findData(int(m_base.mode)));
}

void ImportWizard::storeValueMapTable()
{
    if (m_valueMapField.isEmpty())
        return;
    QMap<QString, QString> map;
    for (int r = 0; r < m_mappingPage->form()->valueMap->rowCount(); ++r) {
        const QTableWidgetItem* from = m_mappingPage->form()->valueMap->item(r, 0);
        const QTableWidgetItem* to = m_mappingPage->form()->valueMap->item(r, 1);
        if (from && !from->text().isEmpty())
            map.insert(from->text(), to ? to->text() : QString());
    }
    if (map.isEmpty())
        m_base.valueMaps.remove(m_valueMapField);
    else
        m_base.valueMaps.insert(m_valueMapField, map);
}

void ImportWizard::showValueMap()
{
    m_valueMapField = m_mappingPage->form()->valueMapField->currentData().toString();
    const QMap<QString, QString> map = m_base.valueMaps.value(m_valueMapField);
    m_mappingPage->form()->valueMap->setRowCount(0);
    m_mappingPage->form()->valueMap->setRowCount(int(map.size()));
    int r = 0;
    for (auto it = map.cbegin(); it != map.cend(); ++it, ++r) {
        m_mappingPage->form()->valueMap->setItem(r, 0, new QTableWidgetItem(it.key()));
        m_mappingPage->form()->valueMap->setItem(r, 1, new QTableWidgetItem(it.value()));
    }
}

void ImportWizard::loadValueMapCsv()
{
    const QString path =
        m_dialogs.openFileName(this, tr("Load a value map"), tr("Two-column CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    CsvReader reader;
    if (!reader.open(path)) {
        m_dialogs.warning(this, tr("Load a value map"), reader.error());
        return;
    }
    QStringList fields;
    int added = 0;
    while (reader.next(fields)) {
        if (fields.size() < 2)
            continue;
        const int r = m_mappingPage->form()->valueMap->rowCount();
        m_mappingPage->form()->valueMap->insertRow(r);
        m_mappingPage->form()->valueMap->setItem(r, 0, new QTableWidgetItem(fields.at(0)));
        m_mappingPage->form()->valueMap->setItem(r, 1, new QTableWidgetItem(fields.at(1)));
        ++added;
    }
    if (!reader.error().isEmpty())
        m_dialogs.warning(this, tr("Load a value map"), reader.error());
    storeValueMapTable();
    Q_UNUSED(added)
}

MappingProfile ImportWizard::profile() const
{
    MappingProfile p = m_base;
    p.entity = entity();
    const CsvFormat format = chosenFormat();
    p.encoding = CsvFormat::encodingName(format.encoding);
    p.delimiter = QString(format.delimiter);
    p.numberFormat = chosenNumberFormat();
    p.dateFormat = chosenDateFormat(nullptr).value_or(DateFormat());
    p.columns.clear();
    p.constants.clear();
    for (int r = 0; r < m_mappingPage->form()->columnMapping->rowCount(); ++r) {
        const QString field = m_mappingPage->form()->columnMapping->item(r, 0)->data(Qt::UserRole).toString();
        const auto* combo = qobject_cast<QComboBox*>(m_mappingPage->form()->columnMapping->cellWidget(r, 1));
        const auto* constant = qobject_cast<QLineEdit*>(m_mappingPage->form()->columnMapping->cellWidget(r, 2));
        if (combo && !combo->currentData().toString().isEmpty())
            p.columns.insert(field, combo->currentData().toString());
        if (constant && !constant->text().trimmed().isEmpty())
            p.constants.insert(field, constant->text().trimmed());
    }
    p.filterColumn = m_mappingPage->form()->filterColumn->currentData().toString();
    p.filterValue = p.filterColumn.isEmpty() ? QString() : m_mappingPage->form()->filterValue->text();
    p.mode = MappingProfile::Mode(m_mappingPage->form()->importMode->currentData().toInt());
    return p;
}

ImportOptions ImportWizard::options(bool dryRun) const
{
    ImportOptions o;
    o.dryRun = dryRun;
    o.skipInvalid = m_mappingPage->form()->skipInvalid->isChecked();
    return o;
}

bool ImportWizard::acceptMapping()
{
    storeValueMapTable();
    const MappingProfile p = profile();
    // Required fields must be mapped for new rows. When updating existing rows by key, the engine checks row by row
    // (an update may fill only a few fields), so only insert-only imports are checked here.
    QStringList missing;
    if (p.mode == MappingProfile::Mode::InsertOnly) {
        const QStringList names = unmappedRequiredFields(
            entity(), [&p](const QString& name) { return p.columns.contains(name) || p.constants.contains(name); });
        for (const ImportField& field : importFields(entity()))
            if (names.contains(field.name))
                missing << field.label;
    }
    if (!missing.isEmpty()) {
        m_dialogs.warning(this, tr("Import"),
                          tr("Map a column or give a constant for: %1.").arg(missing.join(QStringLiteral(", "))));
        return false;
    }
    return true;
}

void ImportWizard::saveProfile()
{
    storeValueMapTable();
    const QString path = m_dialogs.saveFileName(this, tr("Save mapping profile"), tr("Mapping profiles (*.json)"),
                                                QStringLiteral("%1.json").arg(toString(entity())));
    if (path.isEmpty())
        return;
    MappingProfile p = profile();
    if (p.name.isEmpty())
        p.name = QFileInfo(path).completeBaseName();
    QString error;
    if (!p.save(path, &error))
        m_dialogs.warning(this, tr("Save mapping profile"), error);
}

// ---- Preview page ------------------------------------------------------------------------------------------------

void ImportWizard::setUpPreviewPage()
{
    m_previewPage->onInit = [this] { initPreview(); };
    m_previewPage->onComplete = [this] { return m_worker == nullptr; };
    m_previewPage->setCommitPage(true);
    connect(this, &ImportWizard::dryRunFinished, m_previewPage, &QWizardPage::completeChanged);
    connect(m_previewPage->form()->dryRun, &QPushButton::clicked, this, [this] { startWorker(true); });
    connect(m_previewPage->form()->exportDryRunIssues, &QPushButton::clicked, this, &ImportWizard::exportIssues);
}

void ImportWizard::initPreview()
{
    const MappingProfile p = profile();
    m_previewPage->form()->previewFormats->setText(
        tr("Amounts are read in the number format %1 and dates as %2; ⚠ marks a value that will be "
           "refused (the reason shows on hover and in the dry run).")
            .arg(p.numberFormat.example(), p.dateFormat.pattern()));
    QStringList fieldNames, labels;
    for (const ImportField& field : importFields(entity())) {
        if (p.columns.contains(field.name) || p.constants.contains(field.name)) {
            fieldNames << field.name;
            labels << field.label;
        }
    }
    m_previewPage->form()->mappedPreview->clear();
    m_previewPage->form()->mappedPreview->setColumnCount(int(labels.size()));
    m_previewPage->form()->mappedPreview->setHorizontalHeaderLabels(labels);
    const int filterIndex = int(m_header.indexOf(p.filterColumn));
    QList<QList<std::pair<QString, QString>>> rows; // (text, tooltip) per cell
    for (const QStringList& raw : std::as_const(m_sample)) {
        if (filterIndex >= 0 && raw.value(filterIndex) != p.filterValue)
            continue;
        QList<std::pair<QString, QString>> out;
        QHash<QString, QString> values;
        for (const QString& field : std::as_const(fieldNames)) {
            QString value = p.constants.value(field);
            if (p.columns.contains(field)) {
                const QString cell = raw.value(int(m_header.indexOf(p.columns.value(field)))).trimmed();
                if (!cell.isEmpty())
                    value = cell;
            }
            const QMap<QString, QString> map = p.valueMaps.value(field);
            if (map.contains(value))
                value = map.value(value);
            values.insert(field, value);
        }
        // Amounts and dates as the import reads them (in the row's currency), or why they are invalid.
        for (const QString& field : std::as_const(fieldNames)) {
            QString currency = values
                                   .value(field == QLatin1String("annual_revenue") ? QStringLiteral("revenue_currency")
                                                                                   : QStringLiteral("currency"))
                                   .toUpper();
            if (currency.isEmpty())
                currency = QStringLiteral("USD");
            const QString parsed = parsedPreview(field, values.value(field), currency, p);
            if (parsed.startsWith(QStringLiteral("⚠ "))) // the value as written, the reason on hover
                out.append({QStringLiteral("⚠ ") + values.value(field), parsed.mid(2)});
            else
                out.append({parsed, QString()});
        }
        rows << out;
    }
    m_previewPage->form()->mappedPreview->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows.at(r).size(); ++c) {
            auto* item = new QTableWidgetItem(rows.at(r).at(c).first);
            item->setToolTip(rows.at(r).at(c).second);
            m_previewPage->form()->mappedPreview->setItem(r, c, item);
        }
    m_previewPage->form()->mappedPreview->resizeColumnsToContents();
    m_previewPage->form()->dryRunSummary->clear();
    m_previewPage->form()->dryRunIssues->setRowCount(0);
    m_previewPage->form()->exportDryRunIssues->setEnabled(false);
}

// ---- Run page ----------------------------------------------------------------------------------------------------

void ImportWizard::setUpRunPage()
{
    m_runPage->onInit = [this] { initRun(); };
    m_runPage->onComplete = [this] { return runComplete(); };
    connect(this, &ImportWizard::importFinished, m_runPage, &QWizardPage::completeChanged);
    connect(m_runPage->form()->cancelImport, &QPushButton::clicked, this, [this] {
        if (m_worker)
            m_worker->cancel();
    });
    connect(m_runPage->form()->exportImportIssues, &QPushButton::clicked, this, &ImportWizard::exportIssues);
}

void ImportWizard::initRun()
{
    m_done = false;
    m_runPage->form()->importResult->setText(tr("Importing…"));
    m_runPage->form()->importIssues->setRowCount(0);
    m_runPage->form()->exportImportIssues->setEnabled(false);
    m_runPage->form()->importProgress->setValue(0);
    m_runPage->form()->cancelImport->setEnabled(true);
    startWorker(false);
}

void ImportWizard::startWorker(bool dryRun)
{
    if (m_worker)
        return;
    storeValueMapTable();
    m_workerDryRun = dryRun;
    m_worker = new ImportWorker(m_book.config(), m_filePage->form()->importFile->text().trimmed(), profile(),
                                options(dryRun), this);
    m_worker->setClock(m_book.clock()); // the window's clock stamps the imported rows (DESIGN.md section 8)
    connect(m_worker, &ImportWorker::progress, m_runPage->form()->importProgress, &QProgressBar::setValue);
    connect(m_worker, &ImportWorker::finished, this, &ImportWizard::onWorkerFinished);
    m_previewPage->form()->dryRun->setEnabled(false);
    if (dryRun)
        m_previewPage->form()->dryRunSummary->setText(tr("Checking every row…"));
    Q_EMIT m_previewPage->completeChanged();
    m_worker->start();
}

void ImportWizard::onWorkerFinished(const ImportReport& report)
{
    m_report = report;
    if (m_worker) {
        m_worker->deleteLater();
        m_worker = nullptr;
    }
    m_previewPage->form()->dryRun->setEnabled(true);
    if (m_workerDryRun) {
        m_previewPage->form()->dryRunSummary->setText(summary(report));
        fillIssues(m_previewPage->form()->dryRunIssues, report);
        m_previewPage->form()->exportDryRunIssues->setEnabled(!report.issues.isEmpty());
        Q_EMIT dryRunFinished(report);
        return;
    }
    m_done = true;
    m_runPage->form()->cancelImport->setEnabled(false);
    m_runPage->form()->importProgress->setValue(1000);
    m_runPage->form()->importResult->setText(summary(report));
    fillIssues(m_runPage->form()->importIssues, report);
    m_runPage->form()->exportImportIssues->setEnabled(!report.issues.isEmpty());
    if (report.committed)
        Q_EMIT m_book.notifier().bookReset();
    Q_EMIT importFinished(report);
}

bool ImportWizard::exportIssues()
{
    ExportTable table;
    table.name = QStringLiteral("invalid rows");
    table.headers = {tr("Row"), tr("Column"), tr("Value"), tr("Reason")};
    for (const ImportIssue& issue : m_report.issues)
        table.rows.append({ExportCell::ofInteger(issue.row), ExportCell::ofText(issue.column),
                           ExportCell::ofText(issue.value), ExportCell::ofText(issue.reason)});
    return m_exporter->exportTable(table);
}

void ImportWizard::fillIssues(QTableWidget* table, const ImportReport& report)
{
    table->setRowCount(int(report.issues.size()));
    for (int r = 0; r < report.issues.size(); ++r) {
        const ImportIssue& issue = report.issues.at(r);
        table->setItem(r, 0, new QTableWidgetItem(QString::number(issue.row)));
        table->setItem(r, 1, new QTableWidgetItem(issue.column));
        table->setItem(r, 2, new QTableWidgetItem(CsvReader::shown(issue.value)));
        table->setItem(r, 3, new QTableWidgetItem(CsvReader::shown(issue.reason, 400)));
    }
    table->resizeColumnsToContents();
}

QString ImportWizard::summary(const ImportReport& report) const
{
    if (!report.fatalError.isEmpty())
        return tr("The import failed: %1. Nothing was written.").arg(report.fatalError);
    if (report.cancelled)
        return tr("The import was cancelled. Nothing was written.");
    if (report.dryRun)
        return tr("Dry run: %1 rows read, %2 filtered out; %3 would be inserted, %4 updated, %5 invalid. Nothing was "
                  "written.")
            .arg(report.rowsRead)
            .arg(report.filteredOut)
            .arg(report.inserted)
            .arg(report.updated)
            .arg(report.rejected);
    const QString counts = tr("%1 rows read, %2 filtered out; %3 inserted, %4 updated, %5 invalid.")
                               .arg(report.rowsRead)
                               .arg(report.filteredOut)
                               .arg(report.inserted)
                               .arg(report.updated)
                               .arg(report.rejected);
    if (report.committed)
        return tr("Imported: %1").arg(counts);
    return tr("Nothing was written: %1 Fix the rows listed below, or choose “Skip invalid rows”.").arg(counts);
}

void ImportWizard::reject()
{
    if (m_worker) {
        m_worker->cancel(); // finished() arrives later and reports "cancelled"; the wizard closes now
        m_worker->disconnect(this);
        m_worker->setParent(nullptr);
        connect(m_worker, &ImportWorker::finished, m_worker, &QObject::deleteLater);
        m_worker = nullptr;
    }
    QWizard::reject();
}

} // namespace pd

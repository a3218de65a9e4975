#include "widgets/ImportWizard.h"

#include "domain/Money.h"
#include "io/ImportEntity.h"
#include "io/ImportWorker.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/TableExportAction.h"
#include "widgets/UnfocusedWheelGuard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pd {

/// A wizard page whose behaviour is given by the wizard (keeps the steps' logic in one class).
class ImportWizardPage : public QWizardPage
{
public:
    std::function<void()> onInit;
    std::function<bool()> onValidate;
    std::function<bool()> onComplete;
    void initializePage() override
    {
        if (onInit)
            onInit();
    }
    bool validatePage() override { return onValidate ? onValidate() : true; }
    bool isComplete() const override { return onComplete ? onComplete() : QWizardPage::isComplete(); }
};

namespace {
constexpr int kSampleRows = 20;

QTableWidget* makeTable(QWidget* parent, const QString& objectName, const QStringList& headers)
{
    auto* table = new QTableWidget(parent);
    table->setObjectName(objectName);
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    return table;
}

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
    : QWizard(parent), m_book(book), m_dialogs(dialogs)
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import CSV"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, false);
    setButtonText(QWizard::CommitButton, tr("Import"));
    setMinimumSize(940, 700);
    m_exporter = new TableExportAction(m_dialogs, tr("Export invalid rows"), QStringLiteral("invalid-rows.csv"), this);

    auto addPage = [this](int id, const QString& title, const QString& subtitle, QWidget* content) {
        auto* page = new ImportWizardPage;
        page->setTitle(title);
        page->setSubTitle(subtitle);
        auto* layout = new QVBoxLayout(page);
        layout->setContentsMargins(0, 0, 0, 0);
        content->setParent(page);
        layout->addWidget(content);
        setPage(id, page);
        return page;
    };
    ImportWizardPage* file =
        addPage(FilePage, tr("Choose a file"), tr("Pick the CSV file and what it holds."), buildFilePage());
    file->onComplete = [this] { return fileComplete(); };
    file->onValidate = [this] { return acceptFile(); };
    connect(m_path, &QLineEdit::textChanged, file, &QWizardPage::completeChanged);

    ImportWizardPage* format = addPage(FormatPage, tr("Format"),
                                       tr("The encoding and delimiter were detected; change them if the preview "
                                          "looks wrong. State how the file writes numbers and dates: a value that "
                                          "does not match is refused, never guessed."),
                                       buildFormatPage());
    format->onInit = [this] { initFormat(); };
    format->onValidate = [this] {
        QString error;
        if (!chosenDateFormat(&error) || !readSample(chosenFormat(), &error)) {
            m_dialogs.warning(this, tr("Import"), error);
            return false;
        }
        return true;
    };

    ImportWizardPage* mapping =
        addPage(MappingPage, tr("Map columns"),
                tr("Choose the column for each field (* required), constants and value maps."), buildMappingPage());
    mapping->onInit = [this] { initMapping(); };
    mapping->onValidate = [this] { return acceptMapping(); };

    ImportWizardPage* preview = addPage(PreviewPage, tr("Preview"),
                                        tr("The first rows as they will be imported. A dry run checks every row "
                                           "without writing anything."),
                                        buildPreviewPage());
    preview->onInit = [this] { initPreview(); };
    preview->onComplete = [this] { return m_worker == nullptr; };
    preview->setCommitPage(true);
    connect(this, &ImportWizard::dryRunFinished, preview, &QWizardPage::completeChanged);

    ImportWizardPage* run =
        addPage(RunPage, tr("Import"), tr("The rows are written in one transaction."), buildRunPage());
    run->onInit = [this] { initRun(); };
    run->onComplete = [this] { return runComplete(); };
    connect(this, &ImportWizard::importFinished, run, &QWizardPage::completeChanged);
}

ImportWizard::~ImportWizard()
{
    if (m_worker)
        m_worker->cancel();
    delete m_worker; // waits for its thread
}

// ---- File page ---------------------------------------------------------------------------------------------------

QWidget* ImportWizard::buildFilePage()
{
    auto* page = new QWidget;
    m_path = new QLineEdit(page);
    m_path->setObjectName(QStringLiteral("importFile"));
    auto* browse = new QPushButton(tr("Browse…"), page);
    browse->setObjectName(QStringLiteral("importBrowse"));
    connect(browse, &QPushButton::clicked, this, &ImportWizard::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_entity = new QComboBox(page);
    m_entity->setObjectName(QStringLiteral("importEntity"));
    const QList<std::pair<ImportEntity, QString>> entities = {
        {ImportEntity::Products, tr("Products")},         {ImportEntity::Partners, tr("Partners")},
        {ImportEntity::Contacts, tr("Partner contacts")}, {ImportEntity::Accounts, tr("End-customer accounts")},
        {ImportEntity::Deals, tr("Deal registrations")},
    };
    for (const auto& [e, label] : entities)
        m_entity->addItem(label, int(e));
    m_entity->setCurrentIndex(1);

    m_profileLabel = new QLabel(tr("No profile: columns are matched by name."), page);
    auto* loadProfileButton = new QPushButton(tr("Load profile…"), page);
    loadProfileButton->setObjectName(QStringLiteral("loadProfile"));
    connect(loadProfileButton, &QPushButton::clicked, this, &ImportWizard::loadProfile);
    auto* profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileLabel, 1);
    profileRow->addWidget(loadProfileButton);

    auto* form = new QFormLayout(page);
    form->addRow(tr("CSV file"), pathRow);
    form->addRow(tr("The file holds"), m_entity);
    form->addRow(tr("Mapping profile"), profileRow);
    return page;
}

void ImportWizard::browse()
{
    const QString path =
        m_dialogs.openFileName(this, tr("Choose a CSV file"), tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        m_path->setText(path);
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
    m_profileLabel->setText(tr("Profile “%1” (%2)").arg(profile->name, QFileInfo(path).fileName()));
    m_entity->setCurrentIndex(m_entity->findData(int(profile->entity)));
}

bool ImportWizard::fileComplete() const
{
    const QFileInfo info(m_path->text().trimmed());
    return info.isFile() && info.isReadable();
}

bool ImportWizard::acceptFile()
{
    QString error;
    std::optional<CsvFormat> format;
    if (m_loadedProfile) {
        // A profile that names its encoding or delimiter wins over detection.
        CsvReader probe;
        if (probe.open(m_path->text().trimmed())) {
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
    if (detector.open(m_path->text().trimmed()))
        m_detected = detector.format();
    return true;
}

bool ImportWizard::readSample(std::optional<CsvFormat> format, QString* error)
{
    CsvReader reader;
    if (!reader.open(m_path->text().trimmed(), format)) {
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

QWidget* ImportWizard::buildFormatPage()
{
    auto* page = new QWidget;
    m_detectedLabel = new QLabel(page);
    m_detectedLabel->setObjectName(QStringLiteral("detectedFormat"));
    m_encoding = new QComboBox(page);
    m_encoding->setObjectName(QStringLiteral("importEncoding"));
    for (auto e : {CsvFormat::Encoding::Utf8, CsvFormat::Encoding::Utf8Bom, CsvFormat::Encoding::Windows1252,
                   CsvFormat::Encoding::Utf16LE, CsvFormat::Encoding::Utf16BE})
        m_encoding->addItem(CsvFormat::encodingName(e), int(e));
    // How amounts and dates are written (DESIGN.md section 2: stated, never guessed).
    m_numberFormat = new QComboBox(page);
    m_numberFormat->setObjectName(QStringLiteral("importNumberFormat"));
    for (const QString& example : NumberFormat::presets())
        m_numberFormat->addItem(example, example);
    const NumberFormat system = NumberFormat::fromLocale(QLocale());
    m_numberFormat->addItem(tr("Locale %1 (%2)").arg(system.locale, system.example()),
                            QStringLiteral("locale:") + system.locale);
    m_dateFormat = new QComboBox(page);
    m_dateFormat->setObjectName(QStringLiteral("importDateFormat"));
    m_dateFormat->setEditable(true);
    m_dateFormat->addItems(DateFormat::presets());
    m_delimiter = new QComboBox(page);
    m_delimiter->setObjectName(QStringLiteral("importDelimiter"));
    m_delimiter->addItem(tr("Comma"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_rawPreview = makeTable(page, QStringLiteral("rawPreview"), {});
    auto refresh = [this] {
        QString error;
        if (readSample(chosenFormat(), &error))
            fillFormatPreview();
        else
            m_detectedLabel->setText(error);
    };
    connect(m_encoding, &QComboBox::activated, this, refresh);
    connect(m_delimiter, &QComboBox::activated, this, refresh);
    auto* form = new QFormLayout;
    form->addRow(tr("Detected"), m_detectedLabel);
    form->addRow(tr("Encoding"), m_encoding);
    form->addRow(tr("Delimiter"), m_delimiter);
    form->addRow(tr("Numbers"), m_numberFormat);
    form->addRow(tr("Dates"), m_dateFormat);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_rawPreview, 1);
    return page;
}

NumberFormat ImportWizard::chosenNumberFormat() const
{
    const QString data = m_numberFormat->currentData().toString();
    if (data.startsWith(QLatin1String("locale:")))
        return NumberFormat::fromLocale(QLocale(data.mid(7)));
    return NumberFormat::fromExample(data).value_or(NumberFormat());
}

std::optional<DateFormat> ImportWizard::chosenDateFormat(QString* error) const
{
    return DateFormat::fromPattern(m_dateFormat->currentText().trimmed(), error);
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
    f.encoding = CsvFormat::Encoding(m_encoding->currentData().toInt());
    f.delimiter = m_delimiter->currentData().toString().at(0);
    return f;
}

void ImportWizard::initFormat()
{
    m_detectedLabel->setText(
        tr("%1, %2").arg(CsvFormat::encodingName(m_detected.encoding), delimiterName(m_detected.delimiter)));
    QString error;
    CsvReader reader;
    CsvFormat current = m_detected;
    if (m_loadedProfile && reader.open(m_path->text().trimmed()))
        current = m_detected; // the profile's choice was applied to the sample in acceptFile()
    m_encoding->setCurrentIndex(m_encoding->findData(int(current.encoding)));
    m_delimiter->setCurrentIndex(m_delimiter->findData(QString(current.delimiter)));
    if (m_loadedProfile) {
        const int enc = m_encoding->findText(m_loadedProfile->encoding);
        if (enc >= 0)
            m_encoding->setCurrentIndex(enc);
        const int del = m_delimiter->findData(m_loadedProfile->delimiter);
        if (del >= 0)
            m_delimiter->setCurrentIndex(del);
        const NumberFormat& number = m_loadedProfile->numberFormat;
        const QString data = number.locale.isEmpty() ? number.example() : QStringLiteral("locale:") + number.locale;
        if (m_numberFormat->findData(data) < 0)
            m_numberFormat->addItem(number.locale.isEmpty() ? number.example()
                                                            : tr("Locale %1 (%2)").arg(number.locale, number.example()),
                                    data);
        m_numberFormat->setCurrentIndex(m_numberFormat->findData(data));
        m_dateFormat->setCurrentText(m_loadedProfile->dateFormat.pattern());
    }
    if (readSample(chosenFormat(), &error))
        fillFormatPreview();
}

void ImportWizard::fillFormatPreview()
{
    m_rawPreview->clear();
    m_rawPreview->setColumnCount(int(m_header.size()));
    m_rawPreview->setHorizontalHeaderLabels(m_header);
    m_rawPreview->setRowCount(int(m_sample.size()));
    for (int r = 0; r < m_sample.size(); ++r)
        for (int c = 0; c < m_sample.at(r).size() && c < m_header.size(); ++c)
            m_rawPreview->setItem(r, c, new QTableWidgetItem(m_sample.at(r).at(c)));
}

// ---- Mapping page ------------------------------------------------------------------------------------------------

QWidget* ImportWizard::buildMappingPage()
{
    auto* page = new QWidget;
    m_mapping = makeTable(page, QStringLiteral("columnMapping"), {tr("Field"), tr("Column"), tr("Constant")});
    m_wheelGuard = new UnfocusedWheelGuard(m_mapping, this);
    m_mapping->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_mapping->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);

    auto* valueBox = new QGroupBox(tr("Value map"), page);
    m_valueMapFieldCombo = new QComboBox(valueBox);
    m_valueMapFieldCombo->setObjectName(QStringLiteral("valueMapField"));
    m_valueMap = makeTable(valueBox, QStringLiteral("valueMap"), {tr("Value in the file"), tr("Value for the field")});
    m_valueMap->setEditTriggers(QAbstractItemView::AllEditTriggers);
    auto* addRow = new QPushButton(tr("Add row"), valueBox);
    auto* removeRow = new QPushButton(tr("Remove row"), valueBox);
    auto* loadCsv = new QPushButton(tr("Load from CSV…"), valueBox);
    connect(addRow, &QPushButton::clicked, this, [this] { m_valueMap->insertRow(m_valueMap->rowCount()); });
    connect(removeRow, &QPushButton::clicked, this, [this] {
        if (m_valueMap->currentRow() >= 0)
            m_valueMap->removeRow(m_valueMap->currentRow());
    });
    connect(loadCsv, &QPushButton::clicked, this, &ImportWizard::loadValueMapCsv);
    connect(m_valueMapFieldCombo, &QComboBox::currentIndexChanged, this, [this] {
        storeValueMapTable();
        showValueMap();
    });
    auto* valueButtons = new QHBoxLayout;
    valueButtons->addWidget(new QLabel(tr("Field"), valueBox));
    valueButtons->addWidget(m_valueMapFieldCombo, 1);
    valueButtons->addWidget(addRow);
    valueButtons->addWidget(removeRow);
    valueButtons->addWidget(loadCsv);
    auto* valueLayout = new QVBoxLayout(valueBox);
    valueLayout->addLayout(valueButtons);
    valueLayout->addWidget(m_valueMap);

    m_filterColumn = new QComboBox(page);
    m_filterColumn->setObjectName(QStringLiteral("filterColumn"));
    m_filterValue = new QLineEdit(page);
    m_filterValue->setObjectName(QStringLiteral("filterValue"));
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterColumn, 1);
    filterRow->addWidget(new QLabel(tr("equals"), page));
    filterRow->addWidget(m_filterValue, 1);

    m_mode = new QComboBox(page);
    m_mode->setObjectName(QStringLiteral("importMode"));
    m_mode->addItem(tr("Insert new rows only"), int(MappingProfile::Mode::InsertOnly));
    m_mode->addItem(tr("Insert new rows and update existing ones by key"), int(MappingProfile::Mode::Upsert));
    m_skipInvalid = new QCheckBox(tr("Skip invalid rows (import the valid ones and list the others)"), page);
    m_skipInvalid->setObjectName(QStringLiteral("skipInvalid"));
    auto* saveButton = new QPushButton(tr("Save profile…"), page);
    saveButton->setObjectName(QStringLiteral("saveProfile"));
    connect(saveButton, &QPushButton::clicked, this, &ImportWizard::saveProfile);

    auto* form = new QFormLayout;
    form->addRow(tr("Only rows where"), filterRow);
    form->addRow(tr("Mode"), m_mode);
    form->addRow(QString(), m_skipInvalid);
    auto* bottom = new QHBoxLayout;
    bottom->addLayout(form, 1);
    bottom->addWidget(saveButton, 0, Qt::AlignBottom);

    auto* layout = new QVBoxLayout(page);
    valueBox->setMaximumHeight(190);
    layout->addWidget(m_mapping, 1);
    layout->addWidget(valueBox);
    layout->addLayout(bottom);
    return page;
}

ImportEntity ImportWizard::entity() const
{
    return ImportEntity(m_entity->currentData().toInt());
}

void ImportWizard::initMapping()
{
    const bool useLoaded = m_loadedProfile && m_loadedProfile->entity == entity();
    m_base = useLoaded ? *m_loadedProfile : MappingProfile::autoMatch(entity(), m_header);
    const QList<ImportField> fields = importFields(entity());
    m_mapping->setRowCount(int(fields.size()));
    const QSignalBlocker blockFields(m_valueMapFieldCombo);
    m_valueMapFieldCombo->clear();
    for (int r = 0; r < fields.size(); ++r) {
        const ImportField& field = fields.at(r);
        auto* label = new QTableWidgetItem(field.required ? field.label + QStringLiteral(" *") : field.label);
        label->setToolTip(field.description);
        label->setData(Qt::UserRole, field.name);
        m_mapping->setItem(r, 0, label);
        auto* combo = new QComboBox(m_mapping);
        combo->setObjectName(QStringLiteral("map_") + field.name);
        combo->addItem(tr("(not mapped)"), QString());
        for (const QString& column : std::as_const(m_header))
            combo->addItem(column, column);
        const int at = combo->findData(m_base.columns.value(field.name));
        combo->setCurrentIndex(m_base.columns.contains(field.name) && at >= 0 ? at : 0);
        m_mapping->setCellWidget(r, 1, combo);
        m_wheelGuard->watch(combo); // scrolling the table never changes a mapping
        auto* constant = new QLineEdit(m_base.constants.value(field.name), m_mapping);
        constant->setObjectName(QStringLiteral("const_") + field.name);
        constant->setFrame(false);
        m_mapping->setCellWidget(r, 2, constant);
        m_valueMapFieldCombo->addItem(field.label, field.name);
    }
    m_valueMapField.clear();
    showValueMap();

    const QSignalBlocker blockFilter(m_filterColumn);
    m_filterColumn->clear();
    m_filterColumn->addItem(tr("(every row)"), QString());
    for (const QString& column : std::as_const(m_header))
        m_filterColumn->addItem(column, column);
    m_filterColumn->setCurrentIndex(std::max(0, m_filterColumn->findData(m_base.filterColumn)));
    m_filterValue->setText(m_base.filterValue);
    m_mode->setCurrentIndex(m_mode->findData(int(m_base.mode)));
}

void ImportWizard::storeValueMapTable()
{
    if (m_valueMapField.isEmpty())
        return;
    QMap<QString, QString> map;
    for (int r = 0; r < m_valueMap->rowCount(); ++r) {
        const QTableWidgetItem* from = m_valueMap->item(r, 0);
        const QTableWidgetItem* to = m_valueMap->item(r, 1);
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
    m_valueMapField = m_valueMapFieldCombo->currentData().toString();
    const QMap<QString, QString> map = m_base.valueMaps.value(m_valueMapField);
    m_valueMap->setRowCount(0);
    m_valueMap->setRowCount(int(map.size()));
    int r = 0;
    for (auto it = map.cbegin(); it != map.cend(); ++it, ++r) {
        m_valueMap->setItem(r, 0, new QTableWidgetItem(it.key()));
        m_valueMap->setItem(r, 1, new QTableWidgetItem(it.value()));
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
        const int r = m_valueMap->rowCount();
        m_valueMap->insertRow(r);
        m_valueMap->setItem(r, 0, new QTableWidgetItem(fields.at(0)));
        m_valueMap->setItem(r, 1, new QTableWidgetItem(fields.at(1)));
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
    for (int r = 0; r < m_mapping->rowCount(); ++r) {
        const QString field = m_mapping->item(r, 0)->data(Qt::UserRole).toString();
        const auto* combo = qobject_cast<QComboBox*>(m_mapping->cellWidget(r, 1));
        const auto* constant = qobject_cast<QLineEdit*>(m_mapping->cellWidget(r, 2));
        if (combo && !combo->currentData().toString().isEmpty())
            p.columns.insert(field, combo->currentData().toString());
        if (constant && !constant->text().trimmed().isEmpty())
            p.constants.insert(field, constant->text().trimmed());
    }
    p.filterColumn = m_filterColumn->currentData().toString();
    p.filterValue = p.filterColumn.isEmpty() ? QString() : m_filterValue->text();
    p.mode = MappingProfile::Mode(m_mode->currentData().toInt());
    return p;
}

ImportOptions ImportWizard::options(bool dryRun) const
{
    ImportOptions o;
    o.dryRun = dryRun;
    o.skipInvalid = m_skipInvalid->isChecked();
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

QWidget* ImportWizard::buildPreviewPage()
{
    auto* page = new QWidget;
    m_previewFormats = new QLabel(page);
    m_previewFormats->setObjectName(QStringLiteral("previewFormats"));
    m_previewFormats->setWordWrap(true);
    m_preview = makeTable(page, QStringLiteral("mappedPreview"), {});
    m_dryRunButton = new QPushButton(tr("Dry run"), page);
    m_dryRunButton->setObjectName(QStringLiteral("dryRun"));
    connect(m_dryRunButton, &QPushButton::clicked, this, [this] { startWorker(true); });
    m_dryRunSummary = new QLabel(page);
    m_dryRunSummary->setObjectName(QStringLiteral("dryRunSummary"));
    m_dryRunSummary->setWordWrap(true);
    m_dryRunIssues =
        makeTable(page, QStringLiteral("dryRunIssues"), {tr("Row"), tr("Column"), tr("Value"), tr("Reason")});
    m_exportDryRunIssues = makeExportButton(page, QStringLiteral("exportDryRunIssues"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_dryRunButton);
    row->addWidget(m_dryRunSummary, 1);
    row->addWidget(m_exportDryRunIssues);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_previewFormats);
    layout->addWidget(m_preview, 2);
    layout->addLayout(row);
    layout->addWidget(m_dryRunIssues, 1);
    return page;
}

void ImportWizard::initPreview()
{
    const MappingProfile p = profile();
    m_previewFormats->setText(
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
    m_preview->clear();
    m_preview->setColumnCount(int(labels.size()));
    m_preview->setHorizontalHeaderLabels(labels);
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
    m_preview->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows.at(r).size(); ++c) {
            auto* item = new QTableWidgetItem(rows.at(r).at(c).first);
            item->setToolTip(rows.at(r).at(c).second);
            m_preview->setItem(r, c, item);
        }
    m_preview->resizeColumnsToContents();
    m_dryRunSummary->clear();
    m_dryRunIssues->setRowCount(0);
    m_exportDryRunIssues->setEnabled(false);
}

// ---- Run page ----------------------------------------------------------------------------------------------------

QWidget* ImportWizard::buildRunPage()
{
    auto* page = new QWidget;
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_cancel = new QPushButton(tr("Cancel import"), page);
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_worker)
            m_worker->cancel();
    });
    m_result = new QLabel(page);
    m_result->setObjectName(QStringLiteral("importResult"));
    m_result->setWordWrap(true);
    m_runIssues = makeTable(page, QStringLiteral("importIssues"), {tr("Row"), tr("Column"), tr("Value"), tr("Reason")});
    m_exportRunIssues = makeExportButton(page, QStringLiteral("exportImportIssues"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    row->addWidget(m_exportRunIssues);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_result);
    layout->addWidget(m_runIssues, 1);
    return page;
}

void ImportWizard::initRun()
{
    m_done = false;
    m_result->setText(tr("Importing…"));
    m_runIssues->setRowCount(0);
    m_exportRunIssues->setEnabled(false);
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    startWorker(false);
}

void ImportWizard::startWorker(bool dryRun)
{
    if (m_worker)
        return;
    storeValueMapTable();
    m_workerDryRun = dryRun;
    m_worker = new ImportWorker(m_book.config(), m_path->text().trimmed(), profile(), options(dryRun), this);
    m_worker->setClock(m_book.clock()); // the window's clock stamps the imported rows (DESIGN.md section 8)
    connect(m_worker, &ImportWorker::progress, m_progress, &QProgressBar::setValue);
    connect(m_worker, &ImportWorker::finished, this, &ImportWizard::onWorkerFinished);
    m_dryRunButton->setEnabled(false);
    if (dryRun)
        m_dryRunSummary->setText(tr("Checking every row…"));
    if (QWizardPage* preview = page(PreviewPage))
        Q_EMIT preview->completeChanged();
    m_worker->start();
}

void ImportWizard::onWorkerFinished(const ImportReport& report)
{
    m_report = report;
    if (m_worker) {
        m_worker->deleteLater();
        m_worker = nullptr;
    }
    m_dryRunButton->setEnabled(true);
    if (m_workerDryRun) {
        m_dryRunSummary->setText(summary(report));
        fillIssues(m_dryRunIssues, report);
        m_exportDryRunIssues->setEnabled(!report.issues.isEmpty());
        Q_EMIT dryRunFinished(report);
        return;
    }
    m_done = true;
    m_cancel->setEnabled(false);
    m_progress->setValue(1000);
    m_result->setText(summary(report));
    fillIssues(m_runIssues, report);
    m_exportRunIssues->setEnabled(!report.issues.isEmpty());
    if (report.committed)
        Q_EMIT m_book.notifier().bookReset();
    Q_EMIT importFinished(report);
}

QPushButton* ImportWizard::makeExportButton(QWidget* page, const QString& objectName)
{
    auto* button = new QPushButton(tr("Export invalid rows…"), page);
    button->setObjectName(objectName);
    button->setEnabled(false);
    connect(button, &QPushButton::clicked, this, &ImportWizard::exportIssues);
    return button;
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

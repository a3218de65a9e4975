// Import of products (see EntityImporter.h).
#include "io/EntityImporter.h"
#include "storage/ProductRepository.h"
#include "storage/StorageError.h"

#include <algorithm>
#include <limits>

namespace pd::importing {

namespace {
class ProductImporter : public Importer
{
public:
    using Importer::Importer;
    QString table() const override { return QStringLiteral("products"); }
    void load() override
    {
        for (const Product& p : ProductRepository(m_db).list())
            m_book.insert(normalizeName(p.name, NameKind::Product), p);
    }
    void row(const QStringList& fields, RowIssues& issues) override
    {
        const Source& sName = src("name");
        const QString name = get(sName, fields);
        if (name.isEmpty()) {
            issues.add(sName, name, QStringLiteral("required field 'name' is empty"));
            return;
        }
        const QString key = normalizeName(name, NameKind::Product);
        Product p;
        bool isUpdate = false, isNew = false;
        if (!base(m_staging, m_book, key, sName, name, issues, &p, &isUpdate, &isNew))
            return;
        p.name = name;
        if (const QString v = get(src("product_line"), fields); !v.isEmpty())
            p.productLine = v;
        if (const QString v = get(src("currency"), fields); !v.isEmpty()) {
            if (auto c = currency(src("currency"), v, issues))
                p.currency = *c;
        }
        if (const QString v = get(src("list_price"), fields); !v.isEmpty()) {
            if (auto m = money(src("list_price"), v, p.currency, scale("list_price"), QStringLiteral("price"), issues))
                p.listPriceMinor = *m;
        }
        if (issues.ok())
            m_staging.put(key, p, isUpdate, issues.row);
    }
    qint64 insertCount() const override { return m_staging.inserts.size(); }
    qint64 updateCount() const override { return m_staging.updates.size(); }
    void write(const QString& at) override
    {
        ProductRepository repo(m_db);
        repo.insertMany(m_staging.inserts, at);
        repo.updateMany(m_staging.updates, at);
    }

private:
    QHash<QString, Product> m_book;
    Staging<Product> m_staging;
};
} // namespace

std::unique_ptr<Importer> makeProductImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    return std::make_unique<ProductImporter>(db, clock, profile);
}

} // namespace pd::importing

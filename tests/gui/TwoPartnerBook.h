#pragma once

#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/Transaction.h"

namespace pd::test {

/// What writeTwoPartnerBook() wrote (ids set).
struct TwoPartnerBook
{
    Partner acn;
    Partner arw;
    Product product;
    Account account;
};

/// Migrates the empty book `db` and writes, at the clock's now, Accenture (ACN) and Arrow Electronics (ARW), the
/// product GTX Pro (list price 4,821.00) and the account Acme Corporation (acme.com): the GUI tests' small book.
inline TwoPartnerBook writeTwoPartnerBook(Database& db, const Clock& clock)
{
    Migrator(db).migrate();
    TwoPartnerBook book;
    book.acn.key = QStringLiteral("ACN");
    book.acn.name = QStringLiteral("Accenture");
    book.arw.key = QStringLiteral("ARW");
    book.arw.name = QStringLiteral("Arrow Electronics");
    PartnerRepository partners(db, clock);
    partners.insert(book.acn);
    partners.insert(book.arw);
    QList<Product> products(1);
    products[0].name = QStringLiteral("GTX Pro");
    products[0].listPriceMinor = 482100;
    QList<Account> accounts(1);
    accounts[0].name = QStringLiteral("Acme Corporation");
    accounts[0].webDomain = QStringLiteral("acme.com");
    Transaction tx(db);
    ProductRepository(db).insertMany(products, toIsoUtc(clock.nowUtc()));
    AccountRepository(db).insertMany(accounts, toIsoUtc(clock.nowUtc()));
    tx.commit();
    book.product = products[0];
    book.account = accounts[0];
    return book;
}

} // namespace pd::test

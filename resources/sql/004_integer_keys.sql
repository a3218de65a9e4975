-- Schema v4: every row gets an integer key that joins, foreign keys and indexes use (DESIGN.md section 2); the UUID
-- stays in `id` as the row's stable global identity for sync, export and the change log, with one unique index.
-- {{ROW_KEY}} is SQLite's INTEGER PRIMARY KEY (the rowid) or a PostgreSQL bigint identity. Foreign keys are the
-- integer columns named <table>_pk. The old tables are renamed, copied parents first, and dropped; the caller turns
-- SQLite's foreign-key enforcement off around this script and runs PRAGMA foreign_key_check before committing.
ALTER TABLE conflict_resolutions RENAME TO v3_conflict_resolutions;
ALTER TABLE partner_touches RENAME TO v3_partner_touches;
ALTER TABLE deal_partners RENAME TO v3_deal_partners;
ALTER TABLE deals RENAME TO v3_deals;
ALTER TABLE accounts RENAME TO v3_accounts;
ALTER TABLE contacts RENAME TO v3_contacts;
ALTER TABLE partner_stage_history RENAME TO v3_partner_stage_history;
ALTER TABLE partners RENAME TO v3_partners;
ALTER TABLE products RENAME TO v3_products;

CREATE TABLE products (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    product_line TEXT NOT NULL DEFAULT '',
    list_price_minor BIGINT NOT NULL DEFAULT 0,
    currency TEXT NOT NULL DEFAULT 'USD'
);
INSERT INTO products (id, created_at, updated_at, version, deleted_at, name, name_key, product_line,
                      list_price_minor, currency)
SELECT id, created_at, updated_at, version, deleted_at, name, name_key, product_line, list_price_minor, currency
FROM v3_products ORDER BY created_at, id;
CREATE UNIQUE INDEX products_id ON products (id);

CREATE TABLE partners (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    partner_key TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    partner_type TEXT NOT NULL,
    stage TEXT NOT NULL,
    tier TEXT NOT NULL DEFAULT 'Registered',
    territory TEXT NOT NULL DEFAULT '',
    channel_manager TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    founded INTEGER NOT NULL DEFAULT 0,
    website TEXT NOT NULL DEFAULT '',
    activation_date TEXT
);
INSERT INTO partners (id, created_at, updated_at, version, deleted_at, partner_key, name, name_key, partner_type,
                      stage, tier, territory, channel_manager, country, city, founded, website, activation_date)
SELECT id, created_at, updated_at, version, deleted_at, partner_key, name, name_key, partner_type, stage, tier,
       territory, channel_manager, country, city, founded, website, activation_date
FROM v3_partners ORDER BY created_at, id;
CREATE UNIQUE INDEX partners_id ON partners (id);

CREATE TABLE partner_stage_history (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    stage TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO partner_stage_history (id, partner_pk, stage, changed_on, created_at)
SELECT h.id, p.pk, h.stage, h.changed_on, h.created_at
FROM v3_partner_stage_history h JOIN partners p ON p.id = h.partner_id ORDER BY h.created_at, h.id;

CREATE TABLE contacts (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT ''
);
INSERT INTO contacts (id, created_at, updated_at, version, deleted_at, partner_pk, name, name_key, email, phone, role)
SELECT c.id, c.created_at, c.updated_at, c.version, c.deleted_at, p.pk, c.name, c.name_key, c.email, c.phone, c.role
FROM v3_contacts c JOIN partners p ON p.id = c.partner_id ORDER BY c.created_at, c.id;
CREATE UNIQUE INDEX contacts_id ON contacts (id);

CREATE TABLE accounts (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    web_domain TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    annual_revenue_minor BIGINT,
    revenue_currency TEXT NOT NULL DEFAULT 'USD',
    employees INTEGER,
    year_established INTEGER NOT NULL DEFAULT 0,
    parent_pk BIGINT REFERENCES accounts (pk)
);
INSERT INTO accounts (id, created_at, updated_at, version, deleted_at, name, name_key, web_domain, country, industry,
                      annual_revenue_minor, revenue_currency, employees, year_established)
SELECT id, created_at, updated_at, version, deleted_at, name, name_key, web_domain, country, industry,
       annual_revenue_minor, revenue_currency, employees, year_established
FROM v3_accounts ORDER BY created_at, id;
CREATE UNIQUE INDEX accounts_id ON accounts (id);
UPDATE accounts SET parent_pk = (SELECT parent.pk FROM v3_accounts old JOIN accounts parent ON parent.id = old.parent_id
                                 WHERE old.id = accounts.id)
WHERE id IN (SELECT id FROM v3_accounts WHERE parent_id IS NOT NULL);

CREATE TABLE deals (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    external_id TEXT,
    registration_number BIGINT NOT NULL DEFAULT 0,
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    contact_pk BIGINT REFERENCES contacts (pk),
    account_pk BIGINT REFERENCES accounts (pk),
    product_pk BIGINT NOT NULL REFERENCES products (pk),
    status TEXT NOT NULL,
    registered_at TEXT,
    expected_close TEXT,
    closed_on TEXT,
    amount_minor BIGINT,
    currency TEXT NOT NULL DEFAULT 'USD',
    extended INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    reject_reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO deals (id, created_at, updated_at, version, deleted_at, external_id, registration_number, partner_pk,
                   contact_pk, account_pk, product_pk, status, registered_at, expected_close, closed_on, amount_minor,
                   currency, extended, notes, decided_by, reject_reason)
SELECT d.id, d.created_at, d.updated_at, d.version, d.deleted_at, d.external_id, d.registration_number, p.pk, c.pk,
       a.pk, pr.pk, d.status, d.registered_at, d.expected_close, d.closed_on, d.amount_minor, d.currency, d.extended,
       d.notes, d.decided_by, d.reject_reason
FROM v3_deals d
JOIN partners p ON p.id = d.partner_id
LEFT JOIN contacts c ON c.id = d.contact_id
LEFT JOIN accounts a ON a.id = d.account_id
JOIN products pr ON pr.id = d.product_id
ORDER BY d.registration_number = 0, d.registration_number, d.created_at, d.id;
CREATE UNIQUE INDEX deals_id ON deals (id);

CREATE TABLE deal_partners (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    deal_pk BIGINT NOT NULL REFERENCES deals (pk),
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    role TEXT NOT NULL
);
INSERT INTO deal_partners (id, created_at, updated_at, version, deleted_at, deal_pk, partner_pk, role)
SELECT x.id, x.created_at, x.updated_at, x.version, x.deleted_at, d.pk, p.pk, x.role
FROM v3_deal_partners x JOIN deals d ON d.id = x.deal_id JOIN partners p ON p.id = x.partner_id
ORDER BY x.created_at, x.id;

CREATE TABLE partner_touches (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    deal_pk BIGINT NOT NULL REFERENCES deals (pk),
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    touch_type TEXT NOT NULL,
    touched_on TEXT NOT NULL
);
INSERT INTO partner_touches (id, created_at, updated_at, version, deleted_at, deal_pk, partner_pk, touch_type,
                             touched_on)
SELECT x.id, x.created_at, x.updated_at, x.version, x.deleted_at, d.pk, p.pk, x.touch_type, x.touched_on
FROM v3_partner_touches x JOIN deals d ON d.id = x.deal_id JOIN partners p ON p.id = x.partner_id
ORDER BY x.created_at, x.id;

CREATE TABLE conflict_resolutions (
    pk {{ROW_KEY}},
    id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    later_deal_pk BIGINT NOT NULL REFERENCES deals (pk),
    earlier_deal_pk BIGINT NOT NULL REFERENCES deals (pk),
    resolution TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO conflict_resolutions (id, created_at, updated_at, version, deleted_at, later_deal_pk, earlier_deal_pk,
                                  resolution, reason)
SELECT x.id, x.created_at, x.updated_at, x.version, x.deleted_at, l.pk, e.pk, x.resolution, x.reason
FROM v3_conflict_resolutions x JOIN deals l ON l.id = x.later_deal_id JOIN deals e ON e.id = x.earlier_deal_id
ORDER BY x.created_at, x.id;

DROP TABLE v3_conflict_resolutions;
DROP TABLE v3_partner_touches;
DROP TABLE v3_deal_partners;
DROP TABLE v3_deals;
DROP TABLE v3_accounts;
DROP TABLE v3_contacts;
DROP TABLE v3_partner_stage_history;
DROP TABLE v3_partners;
DROP TABLE v3_products;

-- Indexes: only those a query needs (every index slows a million-row import down).
CREATE UNIQUE INDEX products_name_key ON products (name_key) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX partners_key ON partners (partner_key);
CREATE INDEX partner_stage_history_partner ON partner_stage_history (partner_pk);
CREATE UNIQUE INDEX partner_stage_history_id ON partner_stage_history (id);
CREATE INDEX contacts_partner ON contacts (partner_pk);
CREATE INDEX contacts_name_key ON contacts (name_key);
CREATE UNIQUE INDEX accounts_name_key ON accounts (name_key) WHERE deleted_at IS NULL;
CREATE INDEX accounts_web_domain ON accounts (web_domain);
CREATE UNIQUE INDEX deals_external_id ON deals (external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX deals_registration_number_unique ON deals (registration_number) WHERE registration_number > 0;
CREATE INDEX deals_registration_number ON deals (registration_number);
CREATE INDEX deals_partner_status ON deals (partner_pk, status);
CREATE INDEX deals_status_number ON deals (status, registration_number);
CREATE INDEX deals_account_product ON deals (account_pk, product_pk);
CREATE UNIQUE INDEX deal_partners_id ON deal_partners (id);
CREATE INDEX deal_partners_deal ON deal_partners (deal_pk);
CREATE UNIQUE INDEX partner_touches_id ON partner_touches (id);
CREATE INDEX partner_touches_deal ON partner_touches (deal_pk);
CREATE UNIQUE INDEX conflict_resolutions_id ON conflict_resolutions (id);
CREATE UNIQUE INDEX conflict_resolutions_pair ON conflict_resolutions (later_deal_pk, earlier_deal_pk)
    WHERE deleted_at IS NULL;

-- Schema v1: the partner book. Placeholders in {{…}} are replaced by Database for the dialect.
-- Every synced table: id (UUID text), created_at, updated_at (UTC ISO 8601 with ms), version, deleted_at.
CREATE TABLE products (
    id TEXT PRIMARY KEY,
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
CREATE UNIQUE INDEX products_name_key ON products (name_key) WHERE deleted_at IS NULL;

CREATE TABLE partners (
    id TEXT PRIMARY KEY,
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
CREATE UNIQUE INDEX partners_key ON partners (partner_key);

CREATE TABLE partner_stage_history (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    stage TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX partner_stage_history_partner ON partner_stage_history (partner_id);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_partner ON contacts (partner_id);
CREATE INDEX contacts_name_key ON contacts (name_key);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
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
    parent_id TEXT REFERENCES accounts (id)
);
CREATE UNIQUE INDEX accounts_name_key ON accounts (name_key) WHERE deleted_at IS NULL;

CREATE TABLE deals (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    external_id TEXT,
    registration_number BIGINT NOT NULL DEFAULT 0,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    contact_id TEXT REFERENCES contacts (id),
    account_id TEXT REFERENCES accounts (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    status TEXT NOT NULL,
    registered_at TEXT,
    expected_close TEXT,
    closed_on TEXT,
    amount_minor BIGINT,
    currency TEXT NOT NULL DEFAULT 'USD',
    extended INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX deals_external_id ON deals (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX deals_partner_status ON deals (partner_id, status);
CREATE INDEX deals_status ON deals (status);

-- The outbox: one entry per write of a synced row, for the CRM sync worker.
CREATE TABLE change_log (
    seq {{SERIAL_PRIMARY_KEY}},
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL,
    version INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    synced_at TEXT
);

-- Who did what, when.
CREATE TABLE audit_log (
    seq {{SERIAL_PRIMARY_KEY}},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT ''
);

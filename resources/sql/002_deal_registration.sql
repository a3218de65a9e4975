-- Schema v2: deal registration program (DESIGN.md section 3): program settings, the decision on each
-- registration, further partners on a deal, partner touches, and conflict resolutions.
CREATE TABLE program_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

ALTER TABLE deals ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN reject_reason TEXT NOT NULL DEFAULT '';
-- Every index slows imports down (about 1,000,000 rows each): only those a query needs.
CREATE INDEX deals_registration_number ON deals (registration_number, id);
-- Pages of one status in registration order (the board's columns, a status filter) without sorting a
-- status's hundreds of thousands of rows; it replaces the plain status index of v1.
DROP INDEX deals_status;
CREATE INDEX deals_status_number ON deals (status, registration_number, id);
-- The live conflict check looks up registrations of one customer and product.
CREATE INDEX deals_account_product ON deals (account_id, product_id);
CREATE INDEX accounts_web_domain ON accounts (web_domain);

-- Partners on a deal besides the sourcing partner: influencer, fulfilling reseller, referral.
CREATE TABLE deal_partners (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    deal_id TEXT NOT NULL REFERENCES deals (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    role TEXT NOT NULL
);
CREATE INDEX deal_partners_deal ON deal_partners (deal_id);

-- Dated partner touches on a deal, the input of the attribution models.
CREATE TABLE partner_touches (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    deal_id TEXT NOT NULL REFERENCES deals (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    touch_type TEXT NOT NULL,
    touched_on TEXT NOT NULL
);
CREATE INDEX partner_touches_deal ON partner_touches (deal_id);

-- How a conflict between two registrations was resolved.
CREATE TABLE conflict_resolutions (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    later_deal_id TEXT NOT NULL REFERENCES deals (id),
    earlier_deal_id TEXT NOT NULL REFERENCES deals (id),
    resolution TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX conflict_resolutions_pair ON conflict_resolutions (later_deal_id, earlier_deal_id)
    WHERE deleted_at IS NULL;

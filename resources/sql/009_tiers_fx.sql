-- Schema v9: the tier program and its history, dated FX rates, and recorded partner costs (issue 11; DESIGN.md
-- section 3, tier program, partner ROI). {{UUID_TYPE}} is the compact id type of schema v6.

-- The tier program: each tier's rank and criteria. A criterion that is NULL is not required. Revenue thresholds are
-- minor units of revenue_currency (the reporting currency of the evaluation). The program is book configuration
-- shared by a team and synced: rows carry a UUID.
CREATE TABLE tiers (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    name TEXT NOT NULL,
    rank INTEGER NOT NULL,
    min_revenue_minor BIGINT,
    revenue_currency TEXT NOT NULL DEFAULT 'USD',
    min_won_deals INTEGER,
    min_certified_contacts INTEGER,
    min_psat INTEGER,
    require_onboarding_complete INTEGER NOT NULL DEFAULT 0,
    benefits TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX tiers_id ON tiers (id);
CREATE UNIQUE INDEX tiers_rank ON tiers (rank) WHERE deleted_at IS NULL;

-- The default program of DESIGN.md section 3 (T12M partner-sourced won revenue in USD, won deals T12M, certified
-- contacts). Fixed UUIDs so that every new book holds the same rows.
INSERT INTO tiers (id, created_at, updated_at, name, rank, min_revenue_minor, min_won_deals, min_certified_contacts,
                   benefits)
VALUES (pd_uuid('7a1e0000-0000-4000-8000-000000000000'), {{NOW_ISO}}, {{NOW_ISO}}, 'Registered', 0, NULL, NULL, NULL,
        'Portal access; deal registration'),
       (pd_uuid('7a1e0000-0000-4000-8000-000000000001'), {{NOW_ISO}}, {{NOW_ISO}}, 'Silver', 1, 10000000, 10, 0,
        'Discount 10%; MDF eligible'),
       (pd_uuid('7a1e0000-0000-4000-8000-000000000002'), {{NOW_ISO}}, {{NOW_ISO}}, 'Gold', 2, 25000000, 50, 1,
        'Discount 20%; MDF eligible; co-marketing'),
       (pd_uuid('7a1e0000-0000-4000-8000-000000000003'), {{NOW_ISO}}, {{NOW_ISO}}, 'Platinum', 3, 50000000, 150, 2,
        'Discount 30%; MDF eligible; co-marketing; dedicated channel manager');

-- Tier changes applied by a person, with the date they took effect (partners.tier holds the current tier).
CREATE TABLE partner_tier_history (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    from_tier TEXT NOT NULL,
    to_tier TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX partner_tier_history_id ON partner_tier_history (id);
CREATE INDEX partner_tier_history_partner ON partner_tier_history (partner_pk, effective_on);

-- Dated FX rates: units of `currency` per 1 USD for a month ("YYYY-MM"), as the Federal Reserve publishes them,
-- scaled by 10^8 (an exact integer: 0.8944 is 89440000). Conversions between two currencies go through USD.
CREATE TABLE fx_rates (
    pk {{ROW_KEY}},
    currency TEXT NOT NULL,
    month TEXT NOT NULL,
    units_per_usd_e8 BIGINT NOT NULL CHECK (units_per_usd_e8 > 0),
    source TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX fx_rates_currency_month ON fx_rates (currency, month);

-- Recorded partner costs beside MDF paid (partner ROI, DESIGN.md section 3: program cost = MDF paid + incentives and
-- rebates recorded + other recorded partner costs).
CREATE TABLE partner_costs (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    kind TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    incurred_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX partner_costs_id ON partner_costs (id);
CREATE INDEX partner_costs_partner ON partner_costs (partner_pk, incurred_on);

-- Dashboards and the tier engine read won deals by close date (T12M windows, revenue by quarter).
CREATE INDEX deals_status_closed ON deals (status, closed_on);

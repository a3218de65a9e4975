-- Schema v8: market development funds (issue 10; DESIGN.md section 3, MDF): fund budgets per period, allocations per
-- partner, requests with pre-approval, claims with proof of performance, and the fund ledger in which every movement
-- is an entry. Amounts are integer minor units of the budget's currency; a budget's allocations, requests and claims
-- share its currency. {{UUID_TYPE}} is the compact id type of schema v6; {{BLOB}} holds file bytes.

-- Activity types a request may name and the proof-of-performance types a claim for it must carry (comma-separated).
-- Book configuration, not synced: no UUID.
CREATE TABLE mdf_activity_types (
    pk {{ROW_KEY}},
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    allowed INTEGER NOT NULL DEFAULT 1,
    required_proofs TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX mdf_activity_types_name ON mdf_activity_types (name);
INSERT INTO mdf_activity_types (name, position, allowed, required_proofs)
VALUES ('event', 1, 1, 'invoice,attendee list'),
       ('webinar', 2, 1, 'invoice,attendee list'),
       ('digital campaign', 3, 1, 'invoice,screenshots,performance report'),
       ('content', 4, 1, 'invoice'),
       ('training', 5, 1, 'invoice,attendee list'),
       ('other', 6, 1, 'invoice');
INSERT INTO program_settings (key, value, updated_at)
VALUES ('mdf_vendor_share_percent', '50', {{NOW_ISO}}), ('mdf_claim_deadline_days', '60', {{NOW_ISO}});
INSERT INTO book_counters (name, value) VALUES ('mdf_request_number', 0);

-- A fund budget for a period ("2017Q4", "FY2017"): amount, currency; status open or closed (after close-period).
CREATE TABLE mdf_budgets (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    period TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    closed_on TEXT
);
CREATE UNIQUE INDEX mdf_budgets_id ON mdf_budgets (id);
CREATE UNIQUE INDEX mdf_budgets_name_key ON mdf_budgets (name_key) WHERE deleted_at IS NULL;

-- An allocation of a budget to a partner: a fixed amount, or an accrual (basis points of the partner's won revenue in
-- the accrual period, kept with the revenue it was computed from).
CREATE TABLE mdf_allocations (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    budget_pk BIGINT NOT NULL REFERENCES mdf_budgets (pk),
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    status TEXT NOT NULL DEFAULT 'active',
    basis TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    accrual_basis_points INTEGER,
    accrual_period TEXT NOT NULL DEFAULT '',
    accrual_revenue_minor BIGINT,
    note TEXT NOT NULL DEFAULT '',
    operation_pk BIGINT NOT NULL
);
CREATE UNIQUE INDEX mdf_allocations_id ON mdf_allocations (id);
CREATE INDEX mdf_allocations_budget ON mdf_allocations (budget_pk, partner_pk);
CREATE INDEX mdf_allocations_operation ON mdf_allocations (operation_pk);

-- A partner's request for funds for an activity (pre-approval). number: MDF request number, unique in the book.
CREATE TABLE mdf_requests (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    number BIGINT NOT NULL,
    budget_pk BIGINT NOT NULL REFERENCES mdf_budgets (pk),
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    activity_type TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    total_cost_minor BIGINT NOT NULL,
    requested_minor BIGINT NOT NULL,
    approved_minor BIGINT,
    expected_leads INTEGER NOT NULL DEFAULT 0,
    expected_pipeline_minor BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT,
    decided_by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX mdf_requests_id ON mdf_requests (id);
CREATE UNIQUE INDEX mdf_requests_number ON mdf_requests (number);
CREATE INDEX mdf_requests_budget ON mdf_requests (budget_pk, status);
CREATE INDEX mdf_requests_partner ON mdf_requests (partner_pk);

-- A claim against an approved request: actual cost, claimed amount, leads generated; paid with a date and reference.
CREATE TABLE mdf_claims (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    request_pk BIGINT NOT NULL REFERENCES mdf_requests (pk),
    actual_cost_minor BIGINT NOT NULL,
    claimed_minor BIGINT NOT NULL,
    leads INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    paid_on TEXT,
    payment_reference TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX mdf_claims_id ON mdf_claims (id);
CREATE INDEX mdf_claims_request ON mdf_claims (request_pk);

-- Proof-of-performance files of a claim, always copied into the book with their SHA-256 (hex): a copied or moved book
-- keeps them.
CREATE TABLE mdf_proofs (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    claim_pk BIGINT NOT NULL REFERENCES mdf_claims (pk),
    proof_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content {{BLOB}} NOT NULL
);
CREATE UNIQUE INDEX mdf_proofs_id ON mdf_proofs (id);
CREATE INDEX mdf_proofs_claim ON mdf_proofs (claim_pk);

-- Every change an MDF action made, so that it can be undone and redone as a whole: the entity it changed (table and
-- key), that entity's status before and after ('' = the row did not exist) and its version after; allocations carry
-- the operation that made them (an accrual allocates to many partners at once).
CREATE TABLE mdf_operations (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_pk BIGINT NOT NULL,
    budget_pk BIGINT NOT NULL REFERENCES mdf_budgets (pk),
    before_status TEXT NOT NULL,
    after_status TEXT NOT NULL,
    after_version INTEGER NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX mdf_operations_id ON mdf_operations (id);

-- The fund ledger: append-only double entry. Each entry moves amount_minor (> 0) from one account to another of one
-- budget; accounts: funding (the source of the budget's money), pool (not yet allocated), available, committed,
-- payable (approved claims not yet paid), paid, expired. partner_pk is NULL for the budget's own accounts (funding,
-- pool and the pool's expiry). An undo posts a reversal (reverses_pk) and never deletes an entry; a redo posts the
-- entry again (redoes_pk).
CREATE TABLE mdf_ledger (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    posted_on TEXT NOT NULL,
    operation_pk BIGINT NOT NULL REFERENCES mdf_operations (pk),
    budget_pk BIGINT NOT NULL REFERENCES mdf_budgets (pk),
    partner_pk BIGINT REFERENCES partners (pk),
    kind TEXT NOT NULL,
    from_account TEXT NOT NULL,
    to_account TEXT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    request_pk BIGINT REFERENCES mdf_requests (pk),
    claim_pk BIGINT REFERENCES mdf_claims (pk),
    reverses_pk BIGINT REFERENCES mdf_ledger (pk),
    redoes_pk BIGINT REFERENCES mdf_ledger (pk),
    actor TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX mdf_ledger_id ON mdf_ledger (id);
CREATE INDEX mdf_ledger_budget ON mdf_ledger (budget_pk, pk);
CREATE INDEX mdf_ledger_operation ON mdf_ledger (operation_pk);

-- The balance of each account of a budget (partner_pk 0: the budget's own accounts), kept in the transaction that
-- posts an entry, so that a status reads one row per account instead of summing a million entries. The ledger is the
-- truth: MdfRepository::verifyLedger() checks these against the sums of the entries.
CREATE TABLE mdf_balances (
    budget_pk BIGINT NOT NULL REFERENCES mdf_budgets (pk),
    partner_pk BIGINT NOT NULL,
    account TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (budget_pk, partner_pk, account)
);

-- MDF return: a deal may name the MDF request whose activity produced it.
ALTER TABLE deals ADD COLUMN mdf_request_pk BIGINT REFERENCES mdf_requests (pk);
CREATE INDEX deals_mdf_request ON deals (mdf_request_pk) WHERE mdf_request_pk IS NOT NULL;

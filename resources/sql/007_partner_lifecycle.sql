-- Schema v7: the partner lifecycle (issue 9; DESIGN.md section 3): who moved a partner to which stage, when and why;
-- onboarding and offboarding checklists from templates per partner type; attachments kept in the book; certification
-- types and the certifications contacts hold; the roster fields the Ideal Partner Profile scores (industry, size).
-- {{UUID_TYPE}} is the compact id type of schema v6 (an SQLite BLOB, a PostgreSQL uuid); {{BLOB}} holds file bytes.

-- The lifecycle: each change keeps the stage it came from, who made it and why; changed_on is the date it took effect.
ALTER TABLE partner_stage_history ADD COLUMN from_stage TEXT NOT NULL DEFAULT '';
ALTER TABLE partner_stage_history ADD COLUMN actor TEXT NOT NULL DEFAULT '';
ALTER TABLE partner_stage_history ADD COLUMN reason TEXT NOT NULL DEFAULT '';
-- The date the current stage took effect (days in stage on the roster without reading the history).
ALTER TABLE partners ADD COLUMN stage_since TEXT;
UPDATE partners SET stage_since = (SELECT MAX(h.changed_on) FROM partner_stage_history h WHERE h.partner_pk = partners.pk);
-- Roster fields for the Ideal Partner Profile: industry (free text, e.g. a GICS sector) and size (employees).
ALTER TABLE partners ADD COLUMN industry TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN employees INTEGER;

-- Checklist templates: the tasks a partner of a type (and optionally a tier) works through in onboarding or
-- offboarding. Book configuration, not synced: no UUID. partner_type and tier '' mean "any".
CREATE TABLE checklist_template_tasks (
    pk {{ROW_KEY}},
    kind TEXT NOT NULL,
    partner_type TEXT NOT NULL DEFAULT '',
    tier TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    due_offset_days INTEGER NOT NULL DEFAULT 0,
    owner TEXT NOT NULL DEFAULT 'vendor',
    required INTEGER NOT NULL DEFAULT 1,
    document TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checklist_template_tasks_kind ON checklist_template_tasks (kind, partner_type, tier, position);

-- A partner's checklist tasks, copied from its template when onboarding (or offboarding) starts.
CREATE TABLE partner_tasks (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    partner_pk BIGINT NOT NULL REFERENCES partners (pk),
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT 'vendor',
    required INTEGER NOT NULL DEFAULT 1,
    document TEXT NOT NULL DEFAULT '',
    started_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT,
    done_by TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX partner_tasks_id ON partner_tasks (id);
CREATE INDEX partner_tasks_partner ON partner_tasks (partner_pk, kind, position);

-- Files attached to a task: copied into the book (content and its SHA-256, hex) or kept as a path (content NULL).
CREATE TABLE attachments (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    task_pk BIGINT NOT NULL REFERENCES partner_tasks (pk),
    file_name TEXT NOT NULL,
    path TEXT NOT NULL DEFAULT '',
    size_bytes BIGINT NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT '',
    content {{BLOB}}
);
CREATE UNIQUE INDEX attachments_id ON attachments (id);
CREATE INDEX attachments_task ON attachments (task_pk);

-- Certification types (name, validity in months; 0: never expires).
CREATE TABLE certification_types (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    validity_months INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX certification_types_id ON certification_types (id);
CREATE UNIQUE INDEX certification_types_name_key ON certification_types (name_key) WHERE deleted_at IS NULL;

-- Certifications held by contacts; expires_on is earned_on plus the type's validity (NULL: never expires).
CREATE TABLE certifications (
    pk {{ROW_KEY}},
    id {{UUID_TYPE}} NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    contact_pk BIGINT NOT NULL REFERENCES contacts (pk),
    type_pk BIGINT NOT NULL REFERENCES certification_types (pk),
    earned_on TEXT NOT NULL,
    expires_on TEXT
);
CREATE UNIQUE INDEX certifications_id ON certifications (id);
CREATE INDEX certifications_contact ON certifications (contact_pk);
CREATE INDEX certifications_expires ON certifications (expires_on);

-- The default checklists (issue 9, item 3), one onboarding template for every partner type: the transacting types
-- share one list; Referral partners do not transact, so theirs asks for a first referral instead of a deal
-- registration and makes certification optional. Offboarding: one template for every type (partner_type '').
INSERT INTO checklist_template_tasks (kind, partner_type, tier, position, title, due_offset_days, owner, required, document)
SELECT 'onboarding', t.column1, '', task.column1, task.column2, task.column3, task.column4, task.column5, task.column6
FROM (VALUES ('VAR'), ('Distributor'), ('SI'), ('ISV'), ('MSP'), ('Technology')) AS t
CROSS JOIN (VALUES (1, 'Partner agreement signed', 7, 'partner', 1, 'Signed partner agreement'),
                   (2, 'Compliance and due-diligence screening', 14, 'vendor', 1, 'Screening report'),
                   (3, 'Portal and system access granted', 14, 'vendor', 1, ''),
                   (4, 'First sales and product training', 30, 'partner', 1, 'Training attendance'),
                   (5, 'First certification earned', 60, 'partner', 1, 'Certificate'),
                   (6, 'Joint business plan agreed', 45, 'vendor', 1, 'Joint business plan'),
                   (7, 'First deal registration', 90, 'partner', 1, ''),
                   (8, 'First QBR scheduled', 90, 'vendor', 0, '')) AS task;
INSERT INTO checklist_template_tasks (kind, partner_type, tier, position, title, due_offset_days, owner, required, document)
VALUES ('onboarding', 'Referral', '', 1, 'Referral agreement signed', 7, 'partner', 1, 'Signed referral agreement'),
       ('onboarding', 'Referral', '', 2, 'Compliance and due-diligence screening', 14, 'vendor', 1, 'Screening report'),
       ('onboarding', 'Referral', '', 3, 'Portal and system access granted', 14, 'vendor', 1, ''),
       ('onboarding', 'Referral', '', 4, 'First product training', 30, 'partner', 1, 'Training attendance'),
       ('onboarding', 'Referral', '', 5, 'First certification earned', 60, 'partner', 0, 'Certificate'),
       ('onboarding', 'Referral', '', 6, 'Joint business plan agreed', 45, 'vendor', 0, 'Joint business plan'),
       ('onboarding', 'Referral', '', 7, 'First referral submitted', 90, 'partner', 1, ''),
       ('onboarding', 'Referral', '', 8, 'First QBR scheduled', 90, 'vendor', 0, ''),
       ('offboarding', '', '', 1, 'Portal and system access revoked', 7, 'vendor', 1, ''),
       ('offboarding', '', '', 2, 'Final MDF claims settled', 60, 'vendor', 1, ''),
       ('offboarding', '', '', 3, 'Open deal registrations closed or reassigned', 30, 'vendor', 1, ''),
       ('offboarding', '', '', 4, 'Exit feedback collected', 30, 'partner', 0, 'Exit interview notes');

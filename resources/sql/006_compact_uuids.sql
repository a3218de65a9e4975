-- Schema v6: every row's UUID is stored in 16 bytes instead of 36 characters (DESIGN.md section 2: "stored once,
-- with one unique index, compactly where the backend allows"): an SQLite BLOB, a PostgreSQL uuid. Statements read
-- and write it through pd_uuid(text) and pd_uuid_text(stored) (src/storage/UuidSql.h); SQLite registers them on
-- every connection, PostgreSQL gets them here. The change log and the audit log keep naming rows by their text.
-- A 1,000,000-deal book shrinks by about 65 MB (its id column and id index).
{{UUID_FUNCTIONS}}
{{UUID_COLUMN products}};
{{UUID_COLUMN partners}};
{{UUID_COLUMN partner_stage_history}};
{{UUID_COLUMN contacts}};
{{UUID_COLUMN accounts}};
{{UUID_COLUMN deals}};
{{UUID_COLUMN deal_partners}};
{{UUID_COLUMN partner_touches}};
{{UUID_COLUMN conflict_resolutions}};

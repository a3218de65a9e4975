-- Schema v5: one change-log (outbox) entry can stand for a range of inserted rows.
--
-- A bulk insert (an import) on a book with a single writer (SQLite: a write transaction holds the whole book) gets
-- its row keys one after the other; its change-log entry is then one row: op 'insert', version 1, first_pk and
-- last_pk the first and last row key of the range, entity_id the UUID of the first row. Every other entry keeps
-- first_pk and last_pk NULL and names its one row by entity_id. A 1,000,000-deal import wrote 1,000,000 entries
-- (110 MB of a 577 MB book) before this.
ALTER TABLE change_log ADD COLUMN first_pk BIGINT;
ALTER TABLE change_log ADD COLUMN last_pk BIGINT;

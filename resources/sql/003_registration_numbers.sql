-- Schema v3: registration numbers are unique in a book (DESIGN.md section 2) and allocated from a counter row inside
-- the transaction that writes the registration (a row lock on PostgreSQL, the write lock on SQLite).
CREATE TABLE book_counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

-- Books written before v3 can hold duplicated numbers (overlapping imports, a registration during an import). The
-- earliest registration keeps its number (by registered_at, then created_at, then id); every later duplicate gets a
-- new number after the highest, in that order. Each renumbering is audited and logged for sync.
CREATE TABLE renumbered_deals AS
SELECT d.id AS deal_id, d.registration_number AS old_number,
       (SELECT COALESCE(MAX(registration_number), 0) FROM deals)
           + ROW_NUMBER() OVER (ORDER BY d.registration_number, d.registered_at IS NULL, d.registered_at, d.created_at,
                                         d.id) AS new_number
FROM (SELECT id, registration_number, registered_at, created_at,
             ROW_NUMBER() OVER (PARTITION BY registration_number
                                ORDER BY registered_at IS NULL, registered_at, created_at, id) AS rn
      FROM deals WHERE registration_number > 0) d
WHERE d.rn > 1;
UPDATE deals SET registration_number = (SELECT r.new_number FROM renumbered_deals r WHERE r.deal_id = deals.id),
                 version = version + 1, updated_at = {{NOW_ISO}}
WHERE id IN (SELECT deal_id FROM renumbered_deals);
INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
SELECT {{NOW_ISO}}, 'schema migration v3', 'renumber', 'deals', deal_id,
       'registration number ' || old_number || ' was duplicated; it is now ' || new_number
FROM renumbered_deals;
INSERT INTO change_log (entity, entity_id, op, version, changed_at)
SELECT 'deals', r.deal_id, 'update', d.version, {{NOW_ISO}} FROM renumbered_deals r JOIN deals d ON d.id = r.deal_id;
DROP TABLE renumbered_deals;

INSERT INTO book_counters (name, value)
SELECT 'registration_number', COALESCE(MAX(registration_number), 0) FROM deals;
CREATE UNIQUE INDEX deals_registration_number_unique ON deals (registration_number) WHERE registration_number > 0;

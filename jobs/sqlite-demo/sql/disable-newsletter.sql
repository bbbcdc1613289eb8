-- After step of jobs/sqlite-demo/demo-sqlite.yaml, run on the freshly loaded copy before it replaces staging.
-- Staging must never e-mail real people: the newsletter is switched off for every customer.
-- The trigger that logs customer changes is set aside meanwhile (SQLite cannot disable one): this is the refresh's own
-- edit, not customer activity.
DROP TRIGGER customers_audit;

UPDATE customers
SET preferences = json_set(preferences, '$.newsletter', json('false'))
WHERE json_extract(preferences, '$.newsletter');

CREATE TRIGGER customers_audit AFTER UPDATE ON customers
BEGIN
    INSERT INTO audit_trail (customer_id, action) VALUES (NEW.id, 'UPDATE');
END;

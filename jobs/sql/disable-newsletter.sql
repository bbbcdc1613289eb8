-- After step of jobs/nightly-staging.yaml, run on the freshly loaded copy before it replaces staging.
-- Staging must never e-mail real people: the newsletter is switched off for every customer. The masked addresses would
-- bounce anyway, but a mail job pointed at staging should find nobody to write to.
-- The trigger that logs customer changes is paused meanwhile: this is the refresh's own edit, not customer activity.
ALTER TABLE customers DISABLE TRIGGER customers_audit;

UPDATE customers
SET preferences = jsonb_set(preferences, '{newsletter}', 'false')
WHERE (preferences ->> 'newsletter')::boolean;

ALTER TABLE customers ENABLE TRIGGER customers_audit;

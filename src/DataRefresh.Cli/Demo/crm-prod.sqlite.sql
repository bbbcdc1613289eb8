-- The sample CRM "production" database of the default demo, as a SQLite file. Row counts scale with :customers.
-- It holds on purpose: a generated column, a self-referencing foreign key, JSON, a BLOB, exact decimals (NUMERIC),
-- ISO 8601 dates and timestamps with zone, an AUTOINCREMENT table, an index, a view and a trigger.
PRAGMA journal_mode = WAL;

CREATE TABLE customers (
    id           INTEGER PRIMARY KEY,
    first_name   VARCHAR(40) NOT NULL,
    last_name    VARCHAR(40) NOT NULL,
    email        VARCHAR(120) NOT NULL UNIQUE,
    phone        TEXT,
    ssn          CHAR(11),
    birth_date   DATE,
    street       TEXT,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'banned')),
    preferences  JSON_TEXT,
    photo        BLOB,
    referred_by  INTEGER REFERENCES customers (id),
    created_at   TIMESTAMPTZ NOT NULL,
    full_name    TEXT GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED
);
CREATE INDEX customers_last_name_idx ON customers (last_name);

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    ordered_at   TIMESTAMPTZ NOT NULL,
    amount       NUMERIC(12, 2) NOT NULL
);
CREATE INDEX orders_customer_idx ON orders (customer_id);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    card_number  VARCHAR(19) NOT NULL,
    paid_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE audit_trail (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id  INTEGER,
    action       TEXT NOT NULL,
    at           TIMESTAMPTZ NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'))
);

CREATE TRIGGER customers_audit AFTER UPDATE ON customers
BEGIN
    INSERT INTO audit_trail (customer_id, action) VALUES (NEW.id, 'UPDATE');
END;

CREATE VIEW customer_overview AS
    SELECT c.id, c.full_name, c.status, count(o.id) AS orders
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id;

-- Deterministic synthetic rows: every value is a function of the row number.
WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < :customers)
INSERT INTO customers (id, first_name, last_name, email, phone, ssn, birth_date, street, status, preferences, photo, referred_by, created_at)
SELECT n,
       json_extract('["Anna","Ben","Clara","David","Eva","Felix","Greta","Hugo","Ida","Jonas"]', '$[' || (n % 10) || ']'),
       json_extract('["Meyer","Schmidt","Fischer","Weber","Wagner","Becker","Hoffmann","Koch","Richter","Wolf"]', '$[' || (n / 10 % 10) || ']'),
       'person' || n || '@example.com',
       '+49 30 ' || printf('%07d', n * 7919 % 10000000),
       printf('%03d-%02d-%04d', n * 7 % 1000, n % 100, n * 13 % 10000),
       date('1950-01-01', '+' || (n * 37 % 20000) || ' days'),
       n || ' Hauptstraße',
       json_extract('["active","inactive","banned"]', '$[' || (n % 3) || ']'),
       json_object('newsletter', json(CASE WHEN n % 2 = 0 THEN 'true' ELSE 'false' END), 'language', 'de'),
       unhex(printf('%032x', n * 2654435761)),
       CASE WHEN n % 7 = 0 THEN n / 7 END,
       strftime('%Y-%m-%d %H:%M:%S+00:00', '2020-01-01 00:00:00', '+' || n || ' minutes')
FROM numbers;

WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < :customers * 2)
INSERT INTO orders (id, customer_id, ordered_at, amount)
SELECT n, 1 + n % :customers, strftime('%Y-%m-%d %H:%M:%S+00:00', '2022-06-01 00:00:00', '+' || (n * 8831 % 1500) || ' days'), printf('%.2f', (n % 50000) / 100.0)
FROM numbers;

INSERT INTO payments (order_id, card_number, paid_at)
SELECT o.id, '4111' || printf('%012d', o.id * 7 % 1000000000000), strftime('%Y-%m-%d %H:%M:%S+00:00', o.ordered_at, '+1 hour')
FROM orders o WHERE o.id % 2 = 0;

INSERT INTO audit_trail (customer_id, action, at) VALUES (1, 'INSERT', '2020-01-01 00:01:00+00:00');

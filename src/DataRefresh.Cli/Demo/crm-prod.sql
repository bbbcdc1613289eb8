-- A small CRM "production" database for the demo and the end-to-end tests. Row counts scale with :customers.
-- It holds on purpose: an enum, a domain, arrays (also of the enum), jsonb, bytea, a generated column, a self-referencing
-- foreign key, a partitioned table, a view, a materialized view, a trigger, a standalone sequence and a comment.
CREATE EXTENSION IF NOT EXISTS plpgsql;
CREATE TYPE customer_status AS ENUM ('active', 'inactive', 'banned');
CREATE DOMAIN phone_number AS text CHECK (length(VALUE) >= 7);
CREATE SEQUENCE invoice_number_seq START 1000;

CREATE TABLE customers (
    id               bigserial PRIMARY KEY,
    first_name       varchar(40) NOT NULL,
    last_name        varchar(40) NOT NULL,
    email            varchar(120) NOT NULL UNIQUE,
    phone            phone_number,
    ssn              char(11),
    birth_date       date,
    street           text,
    status           customer_status NOT NULL DEFAULT 'active',
    status_history   customer_status[] NOT NULL DEFAULT '{}',
    tags             text[],
    preferences      jsonb,
    photo            bytea,
    referred_by      bigint REFERENCES customers (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    full_name        text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED
);
COMMENT ON TABLE customers IS 'People who bought from us. Personal data: masked outside production.';
CREATE INDEX customers_last_name_idx ON customers (last_name);

CREATE TABLE orders (
    id           bigserial,
    customer_id  bigint NOT NULL REFERENCES customers (id),
    ordered_at   timestamptz NOT NULL,
    amount       numeric(12, 2) NOT NULL,
    invoice_no   bigint NOT NULL DEFAULT nextval('invoice_number_seq'),
    PRIMARY KEY (id, ordered_at)
) PARTITION BY RANGE (ordered_at);
CREATE TABLE orders_before_2024 PARTITION OF orders FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE orders_since_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);

CREATE TABLE payments (
    id           bigserial PRIMARY KEY,
    order_id     bigint NOT NULL,
    ordered_at   timestamptz NOT NULL,
    card_number  varchar(19) NOT NULL,
    paid_at      timestamptz NOT NULL,
    FOREIGN KEY (order_id, ordered_at) REFERENCES orders (id, ordered_at)
);

CREATE TABLE audit_trail (
    id           bigserial PRIMARY KEY,
    customer_id  bigint,
    action       text NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION record_customer_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_trail (customer_id, action) VALUES (NEW.id, TG_OP);
    RETURN NEW;
END $$;
CREATE TRIGGER customers_audit AFTER INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION record_customer_change();

CREATE VIEW customer_overview AS
    SELECT c.id, c.full_name, c.status, count(o.id) AS orders
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id;
CREATE MATERIALIZED VIEW order_totals AS
    SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;

-- Deterministic synthetic rows: every value is a function of the row number.
INSERT INTO customers (first_name, last_name, email, phone, ssn, birth_date, street, status, status_history, tags, preferences, photo, referred_by, created_at)
SELECT (ARRAY['Anna','Ben','Clara','David','Eva','Felix','Greta','Hugo','Ida','Jonas'])[1 + n % 10],
       (ARRAY['Meyer','Schmidt','Fischer','Weber','Wagner','Becker','Hoffmann','Koch','Richter','Wolf'])[1 + (n / 10) % 10],
       'person' || n || '@example.com',
       '+49 30 ' || lpad((n * 7919 % 10000000)::text, 7, '0'),
       lpad((n * 7 % 1000)::text, 3, '0') || '-' || lpad((n % 100)::text, 2, '0') || '-' || lpad((n * 13 % 10000)::text, 4, '0'),
       date '1950-01-01' + (n * 37 % 20000),
       n || ' Hauptstraße',
       (ARRAY['active','inactive','banned']::customer_status[])[1 + n % 3],
       ARRAY['active', 'inactive']::customer_status[],
       ARRAY['tag' || n % 5, 'vip'],
       jsonb_build_object('newsletter', n % 2 = 0, 'language', 'de'),
       decode(md5(n::text), 'hex'),
       NULLIF(n - 1, 0),
       timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute'
FROM generate_series(1, :customers) AS n;

INSERT INTO orders (customer_id, ordered_at, amount)
SELECT 1 + n % :customers, timestamptz '2022-06-01 00:00:00+00' + (n * 8831 % 1500) * interval '1 day', (n % 50000) / 100.0
FROM generate_series(1, :customers * 2) AS n;

INSERT INTO payments (order_id, ordered_at, card_number, paid_at)
SELECT o.id, o.ordered_at, '4111' || lpad((o.id * 7 % 1000000000000)::text, 12, '0'), o.ordered_at + interval '1 hour'
FROM orders o WHERE o.id % 2 = 0;

REFRESH MATERIALIZED VIEW order_totals;
SELECT setval('invoice_number_seq', (SELECT max(invoice_no) FROM orders));
ANALYZE;

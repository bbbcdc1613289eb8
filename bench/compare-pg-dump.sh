#!/usr/bin/env bash
# Masked refresh vs. pg_dump -Fc | pg_restore on the same synthetic database, same machine, same sitting.
#   bench/compare-pg-dump.sh [customers=1000000] [rounds=3]
# Builds a throwaway PostgreSQL cluster, a database with N customers (8 masked columns) and 2N orders (not masked),
# then alternates the two copies and prints each round's wall time and peak RSS, and the medians' ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-1000000}
rounds=${2:-3}
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
work=$(mktemp -d /tmp/datarefresh-bench-XXXX)
chmod 777 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_postgres "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "bench-password" > "$work/pw"; chmod 644 "$work/pw"
as_postgres "$bin/initdb" -D "$work/data" -U postgres --auth=scram-sha-256 --pwfile="$work/pw" -E UTF8 --locale=C --no-sync >/dev/null
as_postgres "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD=bench-password
psql="$bin/psql -X -q -v ON_ERROR_STOP=1"

echo "Building bench_prod: $customers customers, $((customers * 2)) orders…"
$psql -d postgres -c "CREATE DATABASE bench_prod"
$psql -d bench_prod <<SQL
CREATE TABLE customers (
  id bigint PRIMARY KEY, first_name varchar(40) NOT NULL, last_name varchar(40) NOT NULL, email varchar(120) NOT NULL UNIQUE,
  phone text, ssn char(11), birth_date date, street text, card_number varchar(19), created_at timestamptz NOT NULL);
CREATE TABLE orders (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), ordered_at timestamptz NOT NULL,
  amount numeric(12, 2) NOT NULL, note text);
CREATE INDEX orders_customer_idx ON orders (customer_id);
INSERT INTO customers
SELECT n, (ARRAY['Anna','Ben','Clara','David','Eva'])[1 + n % 5], (ARRAY['Meyer','Schmidt','Weber','Koch'])[1 + n % 4],
       'person' || n || '@example.com', '+49 30 ' || (n * 7919 % 10000000), lpad((n % 1000)::text, 3, '0') || '-00-' || lpad((n % 10000)::text, 4, '0'),
       date '1950-01-01' + (n % 20000)::int, n || ' Hauptstraße', '4111' || lpad(n::text, 12, '0'), timestamptz '2020-01-01' + n * interval '1 second'
FROM generate_series(1::bigint, $customers) n;
INSERT INTO orders SELECT n, 1 + n % $customers, timestamptz '2023-01-01' + n * interval '1 second', (n % 50000) / 100.0, 'order note ' || n
FROM generate_series(1::bigint, $customers * 2) n;
VACUUM ANALYZE;
SQL
$psql -d bench_prod -Atc "SELECT 'bench_prod size: ' || pg_size_pretty(pg_database_size('bench_prod'))"

cat > "$work/rules.yaml" <<'YAML'
version: 1
tables:
  public.customers:
    columns:
      first_name:  { mask: fake, faker: name.firstName }
      last_name:   { mask: fake, faker: name.lastName }
      email:       { mask: hash }
      phone:       { mask: constant, value: "555-0100" }
      ssn:         { mask: "null" }
      birth_date:  { mask: shift-date, days: 30 }
      street:      { mask: fake, faker: address.streetAddress }
      card_number: { mask: fake, faker: finance.creditCardNumber }
YAML
printf 'name: bench\nsource: prod\ntarget: staging\nrules: [ rules.yaml ]\nparallelism: 4\nbatchSize: 10000\n' > "$work/job.yaml"
cat > "$work/appsettings.json" <<JSON
{ "DataRefresh": { "Environments": {
  "prod":    { "Provider": "PostgreSql", "ConnectionString": "Host=127.0.0.1;Port=$port;Username=postgres;Password=bench-password;Database=bench_prod", "Production": true },
  "staging": { "Provider": "PostgreSql", "ConnectionString": "Host=127.0.0.1;Port=$port;Username=postgres;Password=bench-password;Database=bench_staging" } } },
  "Serilog": { "MinimumLevel": "Warning" } }
JSON

dotnet build src/DataRefresh.Cli -c Release -v q -nologo >/dev/null
export DataRefresh__MaskingKey=bench-masking-key-0123456789
measure() { # label, command... → "seconds rss_kb"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  cat "$work/time"
}
ours=(); theirs=()
for round in $(seq "$rounds"); do
  read -r s m < <(measure dotnet src/DataRefresh.Cli/bin/Release/net10.0/datarefresh.dll run "$work/job.yaml" --config "$work/appsettings.json")
  ours+=("$s"); echo "round $round  datarefresh run (masked)       ${s} s  peak RSS $((m / 1024)) MB"
  [ -z "${BENCH_VERBOSE:-}" ] || grep -E "Phase|Table|Planned" "$work/err"
  $psql -d postgres -c "DROP DATABASE IF EXISTS bench_restore"; $psql -d postgres -c "CREATE DATABASE bench_restore"
  read -r s m < <(measure bash -c "$bin/pg_dump -Fc bench_prod | $bin/pg_restore -d bench_restore")
  theirs+=("$s"); echo "round $round  pg_dump -Fc | pg_restore         ${s} s  peak RSS $((m / 1024)) MB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mo=$(median "${ours[@]}"); mt=$(median "${theirs[@]}")
echo "median: datarefresh ${mo} s, pg_dump|pg_restore ${mt} s, ratio $(awk -v a="$mo" -v b="$mt" 'BEGIN { printf "%.2f", a / b }')"
$psql -d bench_staging -Atc "SELECT 'staging rows: customers ' || (SELECT count(*) FROM customers) || ', orders ' || (SELECT count(*) FROM orders)"

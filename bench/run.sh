#!/usr/bin/env bash
# The end-to-end benchmark: our masked refresh against pg_dump/pg_restore of the same database, same machine, same sitting.
#   bench/run.sh [customers=1000000] [rounds=3] [--durability on|off] [--yardstick-only] [--compare-with <git revision>]
# 1. starts a throwaway PostgreSQL cluster with the server's default settings — durability on (fsync, full_page_writes),
#    as DBAs run it; `--durability off` sets fsync, synchronous_commit and full_page_writes off for every contender alike;
# 2. builds bench_prod deterministically: N customers, 2N orders, N payments, with personal data (names, unique e-mails,
#    phones, national ids, birth dates, addresses, notes, card numbers, IBANs);
# 3. publishes the program (as users install it) and runs `datarefresh run` with a rule set masking 11 columns across
#    customers and payments;
# 4. runs the unmasked copies DBAs use, each into a database it creates, dropping its previous copy inside the timing
#    (as our run creates its side database and drops the old copy): `pg_dump -Fd -Z0 -j<cores>` + `pg_restore
#    -j<cores>` (the yardstick: ratio target 0.8), the compressed `-Fd` default, and `pg_dump -Fc | pg_restore`;
#    (`--yardstick-only` runs the first of them alone, for sizes where the others take too long);
# 5. interleaves them for each round, each started after a CHECKPOINT and a sync (outside its timing), and prints
#    medians, our/their wall-time ratios, rows/s, our peak RSS and our phases.
# --compare-with <revision> also publishes that revision of the program and times it in every round, next to this tree's
# build, so a change is measured against what it changes in one sitting (before/after ratio printed with the medians).
# With --snapshots, step 3 and 4 are instead: snapshot jobs writing the database whole and as a 5% subset (customers by
# key, their orders and payments) to a SQLite file and to gzip CSV, next to `psql \copy … csv` (gzip -1 for CSV) plus
# `sqlite3 .import` of the same tables, unmasked, whole and with a comparable 5% filter.
# Results are also written to .bench/results-<N>-durability-<on|off>[-snapshots].txt. Needs the PostgreSQL server binaries (tests/run.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
customers=1000000
rounds=3
durability=on
yardstick_only=false
snapshots=false
compare_with=""
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --durability) durability=${2:?--durability needs on or off}; shift 2 ;;
    --durability=*) durability=${1#*=}; shift ;;
    --yardstick-only) yardstick_only=true; shift ;;
    --snapshots) snapshots=true; shift ;;
    --compare-with) compare_with=${2:?--compare-with needs a git revision}; shift 2 ;;
    --compare-with=*) compare_with=${1#*=}; shift ;;
    -*) echo "bench/run.sh: unknown option $1 (usage: bench/run.sh [customers] [rounds] [--durability on|off] [--yardstick-only] [--compare-with <revision>])" >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -lt 1 ] || customers=${positional[0]}
[ ${#positional[@]} -lt 2 ] || rounds=${positional[1]}
case "$durability" in on|off) ;; *) echo "bench/run.sh: --durability must be on or off, not '$durability'" >&2; exit 2 ;; esac
if [ -n "$compare_with" ]; then
  git rev-parse --verify --quiet "$compare_with^{commit}" >/dev/null || { echo "bench/run.sh: --compare-with: '$compare_with' is not a revision of this repository" >&2; exit 2; }
  [ "$snapshots" = false ] || { echo "bench/run.sh: --compare-with times refreshes, not --snapshots" >&2; exit 2; }
fi
cores=$(nproc)
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
work=$(mktemp -d "${BENCH_WORKDIR:-/tmp}/datarefresh-bench-XXXX")
chmod 777 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_postgres "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
cleanup_compared() { [ -z "$compare_with" ] || git worktree remove --force "$work/compared-src" >/dev/null 2>&1 || true; }
trap 'cleanup_compared; cleanup' EXIT
mkdir -p .bench
results=.bench/results-$customers-durability-$durability$([ "$snapshots" = false ] || echo -snapshots).txt
say() { echo "$@" | tee -a "$results"; }
: > "$results"

# Same server for every contender, on the server's defaults; only connection settings (and, when asked, durability) differ.
echo "bench-password" > "$work/pw"; chmod 644 "$work/pw"
as_postgres "$bin/initdb" -D "$work/data" -U postgres --auth=scram-sha-256 --pwfile="$work/pw" -E UTF8 --locale=C --no-sync >/dev/null
settings="-p $port -k $work -c listen_addresses=127.0.0.1 -c log_min_duration_statement=${BENCH_SLOW_MS:--1} -c log_checkpoints=on"
[ "$durability" = on ] || settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
as_postgres "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o "$settings" start >/dev/null
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD=bench-password
psql="$bin/psql -X -q -v ON_ERROR_STOP=1"

echo "Building bench_prod: $customers customers, $((customers * 2)) orders, $customers payments…"
$psql -d postgres -c "CREATE DATABASE bench_prod"
$psql -d bench_prod <<SQL
CREATE TABLE customers (
  id bigint PRIMARY KEY, first_name varchar(40) NOT NULL, last_name varchar(40) NOT NULL, email varchar(120) NOT NULL UNIQUE,
  phone text, national_id char(11), birth_date date, street text, city text, postcode text, notes text,
  created_at timestamptz NOT NULL);
CREATE TABLE orders (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), ordered_at timestamptz NOT NULL,
  amount numeric(12, 2) NOT NULL, status text NOT NULL);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE TABLE payments (
  id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), card_number varchar(19) NOT NULL, card_holder text NOT NULL,
  iban text, amount numeric(12, 2) NOT NULL, paid_at timestamptz NOT NULL);
CREATE INDEX payments_order_idx ON payments (order_id);
-- Deterministic: every value is a function of the row number.
INSERT INTO customers
SELECT n, (ARRAY['Anna','Ben','Clara','David','Eva','Felix','Greta','Hugo','Ida','Jonas','Karl','Lena','Mia','Noah','Olga','Paul'])[1 + n % 16],
       (ARRAY['Meyer','Schmidt','Weber','Koch','Wagner','Becker','Schulz','Hoffmann','Schäfer','Bauer','Richter','Klein'])[1 + (n / 16) % 12],
       'person' || n || '@example.com', '+49 30 ' || lpad((n * 7919 % 10000000)::text, 7, '0'),
       lpad((n % 1000)::text, 3, '0') || '-' || lpad((n / 1000 % 100)::text, 2, '0') || '-' || lpad((n % 10000)::text, 4, '0'),
       date '1950-01-01' + (n % 20000)::int, (n % 300 + 1) || ' ' || (ARRAY['Hauptstraße','Bahnhofstraße','Gartenweg','Schulstraße','Lindenallee'])[1 + n % 5],
       (ARRAY['Berlin','Hamburg','München','Köln','Frankfurt','Leipzig'])[1 + n % 6], lpad((n * 37 % 100000)::text, 5, '0'),
       'Called on ' || (date '2023-01-01' + (n % 700)::int) || ' about order ' || (n * 2) || '; reach at person' || n || '@example.com',
       timestamptz '2020-01-01' + n * interval '1 second'
FROM generate_series(1::bigint, $customers) n;
INSERT INTO orders SELECT n, 1 + n % $customers, timestamptz '2023-01-01' + n * interval '1 second', (n % 50000) / 100.0,
       (ARRAY['new','paid','shipped','returned'])[1 + n % 4]
FROM generate_series(1::bigint, $customers * 2) n;
INSERT INTO payments SELECT n, 2 * n, '4111' || lpad((n * 7 % 1000000000000)::text, 12, '0'),
       (ARRAY['Anna','Ben','Clara','David'])[1 + n % 4] || ' ' || (ARRAY['Meyer','Schmidt','Weber'])[1 + n % 3],
       'DE' || lpad((n % 100)::text, 2, '0') || lpad((n * 13 % 1000000000000000000)::text, 18, '0'), (n % 50000) / 100.0,
       timestamptz '2023-01-01' + n * interval '2 second'
FROM generate_series(1::bigint, $customers) n;
VACUUM ANALYZE;
SQL
size=$($psql -d bench_prod -Atc "SELECT pg_size_pretty(pg_database_size('bench_prod'))")
rows=$((customers * 4))

cat > "$work/rules.yaml" <<'YAML'
version: 1
unlisted: keep   # the benchmark measures masking speed, not coverage
tables:
  public.customers:
    columns:
      first_name:  { mask: fake, faker: name.firstName }
      last_name:   { mask: fake, faker: name.lastName }
      email:       { mask: hash }
      phone:       { mask: fake, faker: phone.phoneNumber }
      national_id: { mask: hash }
      birth_date:  { mask: shift-date, days: 30 }
      street:      { mask: fake, faker: address.streetAddress }
      notes:       { mask: "null" }
  public.payments:
    columns:
      card_number: { mask: fake, faker: finance.creditCardNumber }
      card_holder: { mask: fake, faker: name.fullName }
      iban:        { mask: hash }
YAML
printf 'name: bench\nsource: prod\ntarget: staging\nrules: [ rules.yaml ]\n' > "$work/job.yaml"
cat > "$work/appsettings.json" <<JSON
{ "DataRefresh": { "Environments": {
  "prod":    { "Provider": "PostgreSql", "ConnectionString": "Host=127.0.0.1;Port=$port;Username=postgres;Password=bench-password;Database=bench_prod", "Production": true },
  "staging": { "Provider": "PostgreSql", "ConnectionString": "Host=127.0.0.1;Port=$port;Username=postgres;Password=bench-password;Database=bench_staging" } },
  "Audit": { "File": "$work/audit/datarefresh-audit.jsonl" }, "Snapshots": { "Folder": "$work/snapshots" } },
  "Serilog": { "MinimumLevel": "Information" } }
JSON

# The published program, as users run it, not the build output: compiled ahead of time for this machine (ReadyToRun),
# so a small database does not pay for JIT compiling what every run executes.
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
dotnet publish src/DataRefresh.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$work/app" -v q -nologo >/dev/null
if [ -n "$compare_with" ]; then
  compared=$(git rev-parse --short "$compare_with")
  git worktree add --detach --force "$work/compared-src" "$compare_with" >/dev/null 2>&1
  dotnet publish "$work/compared-src/src/DataRefresh.Cli" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$work/compared" -v q -nologo >/dev/null
fi
export DataRefresh__MaskingKey=bench-masking-key-0123456789
measure() { # command... → "seconds peak_rss_kb cpu_seconds" of the whole command
  # Every contender starts on a settled server and disk: the previous one's dirty buffers and page cache are written out
  # first, outside both timings (at 10M they otherwise slowed whichever contender came next by up to a fifth).
  $psql -d postgres -c CHECKPOINT >/dev/null && sync
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  awk '{ printf "%s %s %.1f\n", $1, $2, $3 + $4 }' "$work/time"
}
# Each unmasked copy makes its own empty database and drops the previous copy, inside its timing.
restore() { # pg_dump/pg_restore pipeline reading $work/dump or a pipe; runs in bash -c
  echo "$psql -d postgres -c 'DROP DATABASE IF EXISTS bench_restore' -c 'CREATE DATABASE bench_restore' && $1"
}
# A previous copy of full size for every contender to drop, as on a night after the first: a file copy of bench_prod.
$psql -d postgres -c "CREATE DATABASE bench_staging TEMPLATE bench_prod STRATEGY FILE_COPY" -c "CREATE DATABASE bench_restore TEMPLATE bench_prod STRATEGY FILE_COPY"

say "bench_prod: $customers customers, $((customers * 2)) orders, $customers payments ($rows rows, $size); $cores cores; durability $durability; $("$bin/postgres" --version)"
if [ "$snapshots" = true ]; then
  # Our snapshot jobs: whole and 5% subset, SQLite and CSV.
  for format in sqlite csv; do
    printf 'name: whole-%s\nsource: prod\nrules: [ rules.yaml ]\nsnapshot: { format: %s }\n' "$format" "$format" > "$work/whole-$format.yaml"
    printf 'name: subset-%s\nsource: prod\nrules: [ rules.yaml ]\nsnapshot: { format: %s }\nsubset: { roots: [ { table: customers, percent: 5 } ], children: 2 }\n' "$format" "$format" > "$work/subset-$format.yaml"
  done
  # Theirs: the same tables unmasked with psql \copy to CSV (gzip -1 for the CSV contender) and sqlite3 .import into a
  # file; the 5% filter is comparable (every 20th customer, its orders, their payments), with no masking and no closure.
  where_customers="id % 20 = 0"; where_orders="customer_id % 20 = 0"; where_payments="order_id IN (SELECT id FROM orders WHERE customer_id % 20 = 0)"
  copy_out() { # subset(true|false) gzip(true|false) → CSV files in $work/out
    rm -rf "$work/out"; mkdir -p "$work/out"
    for table in customers orders payments; do
      local where=""; [ "$1" = false ] || { local var="where_$table"; where="WHERE ${!var}"; }
      if [ "$2" = true ]; then
        $psql -d bench_prod -c "\copy (SELECT * FROM $table $where) TO STDOUT (FORMAT csv, HEADER)" | gzip -1 > "$work/out/$table.csv.gz"
      else
        $psql -d bench_prod -c "\copy (SELECT * FROM $table $where) TO '$work/out/$table.csv' (FORMAT csv, HEADER)"
      fi
    done
  }
  to_sqlite() { rm -f "$work/out.db"; for table in customers orders payments; do sqlite3 "$work/out.db" ".import --csv $work/out/$table.csv $table"; done; }
  export -f copy_out to_sqlite; export psql work where_customers where_orders where_payments
  declare -A took memory
  for round in $(seq "$rounds"); do
    for contender in whole-sqlite subset-sqlite whole-csv subset-csv; do
      rm -rf "$work/snapshots"
      read -r s m _ < <(measure "$work/app/datarefresh" run "$work/$contender.yaml" --config "$work/appsettings.json")
      took[$contender]+="$s "; memory[$contender]+="$m "
      say "round $round  datarefresh $contender   ${s} s  peak RSS $((m / 1024)) MB"
    done
    for contender in whole-sqlite subset-sqlite whole-csv subset-csv; do
      subset=false; [ "${contender%%-*}" = whole ] || subset=true
      if [ "${contender#*-}" = sqlite ]; then
        read -r s _ < <(measure bash -c "copy_out $subset false && to_sqlite")
      else
        read -r s _ < <(measure bash -c "copy_out $subset true")
      fi
      took[psql-$contender]+="$s "
      say "round $round  psql \\copy$([ "${contender#*-}" = sqlite ] && echo " + sqlite3 .import" || echo " | gzip -1") ($contender)   ${s} s"
    done
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
  for contender in whole-sqlite subset-sqlite whole-csv subset-csv; do
    # shellcheck disable=SC2086
    ours=$(median ${took[$contender]}); theirs=$(median ${took[psql-$contender]}); peak=$(printf '%s\n' ${memory[$contender]} | sort -n | tail -1)
    copied=$rows; [ "${contender%%-*}" = whole ] || copied="(subset)"
    say "median $contender: datarefresh ${ours} s$([ "$copied" = "(subset)" ] || awk -v r="$rows" -v s="$ours" 'BEGIN { printf " (%.0f rows/s)", r / s }'), peak RSS $((peak / 1024)) MB; psql+tools ${theirs} s; ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')"
  done
  exit 0
fi
declare -a ours fd0 fd fc rss before
for round in $(seq "$rounds"); do
  if [ -n "$compare_with" ]; then
    read -r s m cpu < <(measure ${BENCH_WRAP:-} "$work/compared/datarefresh" run "$work/job.yaml" --config "$work/appsettings.json")
    before+=("$s"); say "round $round  datarefresh run at $compared (compared)   ${s} s  peak RSS $((m / 1024)) MB, our CPU ${cpu} s"
    grep -oE "(Phase|Table) .*" "$work/err" | sed 's/^/           /' | tee -a "$results" >/dev/null || true
  fi
  read -r s m cpu < <(measure ${BENCH_WRAP:-} "$work/app/datarefresh" run "$work/job.yaml" --config "$work/appsettings.json")
  ours+=("$s"); rss+=("$m"); say "round $round  datarefresh run (11 masked columns)          ${s} s  peak RSS $((m / 1024)) MB, our CPU ${cpu} s"
  grep -oE "(Phase|Table) .*" "$work/err" | sed 's/^/           /' | tee -a "$results" >/dev/null || true
  rm -rf "$work/dump"
  read -r s _ < <(measure bash -c "$(restore "$bin/pg_dump -Fd -Z0 -j$cores -f $work/dump bench_prod && $bin/pg_restore -j$cores -d bench_restore $work/dump")")
  fd0+=("$s"); say "round $round  pg_dump -Fd -Z0 -j$cores + pg_restore -j$cores     ${s} s"
  rm -rf "$work/dump"
  [ "$yardstick_only" = false ] || continue
  read -r s _ < <(measure bash -c "$(restore "$bin/pg_dump -Fd -j$cores -f $work/dump bench_prod && $bin/pg_restore -j$cores -d bench_restore $work/dump")")
  fd+=("$s"); say "round $round  pg_dump -Fd -j$cores + pg_restore -j$cores         ${s} s"
  rm -rf "$work/dump"
  read -r s _ < <(measure bash -o pipefail -c "$(restore "$bin/pg_dump -Fc bench_prod | $bin/pg_restore -d bench_restore")")
  fc+=("$s"); say "round $round  pg_dump -Fc | pg_restore                    ${s} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mo=$(median "${ours[@]}"); mfd0=$(median "${fd0[@]}"); peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
target=$(awk -v a="$mo" -v b="$mfd0" 'BEGIN { print (a / b <= 0.8) ? "met" : "missed" }')
say "median of $rounds (durability $durability): datarefresh ${mo} s ($(awk -v r="$rows" -v s="$mo" 'BEGIN { printf "%.0f", r / s }') rows/s, peak RSS $((peak / 1024)) MB)"
say "  vs pg_dump -Fd -Z0 -j$cores + pg_restore -j$cores: ${mfd0} s  ratio $(ratio "$mo" "$mfd0")  (target 0.8: $target)"
if [ -n "$compare_with" ]; then
  mb=$(median "${before[@]}")
  say "  datarefresh at $compared (compared): ${mb} s  ratio to the yardstick $(ratio "$mb" "$mfd0"); this tree / $compared: $(ratio "$mo" "$mb")"
fi
if [ "$yardstick_only" = false ]; then
  mfd=$(median "${fd[@]}"); mfc=$(median "${fc[@]}")
  say "  vs pg_dump -Fd -j$cores + pg_restore -j$cores:     ${mfd} s  ratio $(ratio "$mo" "$mfd")"
  say "  vs pg_dump -Fc | pg_restore:              ${mfc} s  ratio $(ratio "$mo" "$mfc")"
fi
say "  checkpoints during the sitting: $(grep -c 'checkpoint complete' "$work/server.log" || true)"
[ -z "${BENCH_SLOW_MS:-}" ] || { echo "statements slower than ${BENCH_SLOW_MS} ms:"; grep -o "duration: .*" "$work/server.log" | grep -v "COPY\|INSERT\|VACUUM" | cut -c1-150; }
$psql -d bench_staging -Atc "SELECT 'staging rows: customers ' || (SELECT count(*) FROM customers) || ', orders ' || (SELECT count(*) FROM orders) || ', payments ' || (SELECT count(*) FROM payments)" | tee -a "$results"

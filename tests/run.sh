#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine of this project's kind:
#   installs PostgreSQL's server binaries and Chromium with ChromeDriver when missing (the tests start their own
#   throwaway server from them, and drive the web console in headless Chromium),
#   restores packages, builds with warnings as errors, and runs every test project.
# Set DATAREFRESH_TEST_POSTGRES to a superuser connection string to test against an existing server instead.
set -euo pipefail
cd "$(dirname "$0")/.."

have_server_binaries() {
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

# Debian packages the tests need and a fresh machine lacks: PostgreSQL's server binaries (the throwaway test server) and
# Chromium with its ChromeDriver (the web console's browser test). One apt run for whatever is missing.
missing=()
if [ -z "${DATAREFRESH_TEST_POSTGRES:-}" ] && ! have_server_binaries; then missing+=(postgresql); fi
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "tests/run.sh: installing the Debian packages ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log=$(mktemp)
export DATAREFRESH_SKIP_LOG
DATAREFRESH_SKIP_LOG=$(mktemp)
trap 'rm -f "$log" "$DATAREFRESH_SKIP_LOG"' EXIT
status=0
dotnet test DataRefresh.sln --configuration Release 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects' own summaries.
awk '/(Passed|Failed|Skipped)! +- Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  failed  += $(i + 1)
         if ($i == "Passed:")  passed  += $(i + 1)
         if ($i == "Skipped:") skipped += $(i + 1)
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
# A skip is never silent: each skipped test, and why when the test said (on CI, CI=true, tests that cannot run for lack
# of something on the machine fail instead of skipping).
grep -E '^\s+Skipped ' "$log" | sed 's/^ *Skipped /  skipped: /' || true
sed 's/^/  why: /' "$DATAREFRESH_SKIP_LOG"
exit "$status"

#!/usr/bin/env bash
# Browser tests against the real API: starts the packaged jar on a throwaway database and
# port, waits until it is ready, runs e2e/<suite>.js (default smoke; `app` also starts a
# test-server node, see e2e/app.js), stops the jar. Usage: e2e/run.sh [smoke|app]
# With WADDLEPERF_E2E_URL set (and WADDLEPERF_E2E_PASSWORD), uses that API instead.
#
# Needs: the API jar (from the repository root: ./mvnw -B -ntp -q -DskipTests package),
# a JDK >= 21, Debian's chromium package, and `npm ci` here.
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-smoke}"

if [ -n "${WADDLEPERF_E2E_URL:-}" ]; then
  exec node "e2e/$suite.js"
fi

jar=../api/target/waddleperf-api.jar
if [ ! -f "$jar" ]; then
  echo "No $jar; build it from the repository root: ./mvnw -B -ntp -q -DskipTests package" >&2
  exit 2
fi
. ../scripts/java-home.sh
pick_java_home

port="${WADDLEPERF_E2E_PORT:-18080}"
data="$(mktemp -d)"
password="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

WADDLEPERF_DATA_DIR="$data" \
  WADDLEPERF_IDENTITY_BOOTSTRAPADMINPASSWORD="$password" \
  WADDLEPERF_LOG_FORMAT= \
  PORT="$port" \
  "$JAVA_HOME/bin/java" -jar "$jar" >"$data/api.log" 2>&1 &
api_pid=$!

finish() {
  local status=$?
  # The jar answers SIGTERM with a graceful shutdown (stopping its MariaDB too) and exit
  # status 143, which is not this script's result.
  set +e
  kill "$api_pid" 2>/dev/null
  wait "$api_pid" 2>/dev/null
  if [ "$status" -ne 0 ] && [ -f "$data/api.log" ]; then
    echo "--- last lines of the API log ---" >&2
    tail -n 40 "$data/api.log" >&2
  fi
  rm -rf "$data"
  exit "$status"
}
trap finish EXIT

# Embedded MariaDB plus Spring start in well under a minute here; three minutes allows a
# slow first unpack without waiting forever on an API that will never come up.
deadline=$((SECONDS + 180))
until curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    echo "The API exited during start-up." >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "The API was not ready on port $port within 180 s." >&2
    exit 1
  fi
  sleep 1
done

WADDLEPERF_E2E_URL="http://127.0.0.1:$port" WADDLEPERF_E2E_PASSWORD="$password" node "e2e/$suite.js"

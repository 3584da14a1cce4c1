#!/usr/bin/env bash
# Builds the app, starts the backend (which serves the built app through
# app-backend) on a free port with the demo config, runs the browser tests with
# node's test runner, and stops the backend.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$GK_ROOT"

export GK_E2E_PORT="${GK_E2E_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
export GK_E2E_URL="http://localhost:${GK_E2E_PORT}"
export GK_E2E_OUT="$GK_ROOT/test-output/e2e"
mkdir -p "$GK_E2E_OUT"

if [ -z "${GK_E2E_SKIP_BUILD:-}" ] || [ ! -f packages/app/dist/index.html ]; then
  echo "[e2e] building the app" >&2
  (cd packages/app && gk_yarn backstage-cli package build)
fi

# The journey test publishes to a fresh local git root (gatekeeper:publish:local-git).
export GATEKEEPER_LOCAL_GIT_ROOT="$GK_E2E_OUT/local-git"
rm -rf "$GATEKEEPER_LOCAL_GIT_ROOT"

backend_pid=
start_backend() {
  local log="$GK_E2E_OUT/backend${1:+-$1}.log"
  echo "[e2e] starting backend on $GK_E2E_URL as ${GATEKEEPER_DEMO_USER:-guest} (log: $log)" >&2
  (cd packages/backend && exec node "$GK_ROOT/.yarn/releases/yarn-4.13.0.cjs" backstage-cli package start \
    --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml \
    ${GK_E2E_CONFIG_EXTRA:+--config "$GK_E2E_CONFIG_EXTRA"}) >"$log" 2>&1 &
  backend_pid=$!
  node "$GK_ROOT/e2e/waitForBackend.mjs"
}
# The CLI runs the backend in child processes: stop the whole tree, by id
# (never by name: other checkouts may run their own e2e backends).
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  kill -TERM "$1" 2>/dev/null || true
}
stop_backend() {
  [ -n "$backend_pid" ] || return 0
  kill_tree "$backend_pid"
  wait "$backend_pid" 2>/dev/null || true
  backend_pid=
}
trap stop_backend EXIT

start_backend
# GK_E2E_SCRIPT=<file.mjs> runs that script against the running portal instead
# of the tests (handy for screenshots while debugging).
if [ -n "${GK_E2E_SCRIPT:-}" ]; then node "$GK_E2E_SCRIPT"; exit 0; fi
node --test --test-concurrency=1 --test-reporter=spec "$GK_ROOT"/e2e/*.test.mjs

# The journey again as an engineer outside the platform group: the guest
# button signs in as bob (payments-team) on a restarted backend.
stop_backend
export GATEKEEPER_DEMO_USER=bob GK_E2E_USER=bob
# bob also requests a waiver (waivers.test.mjs), kept in a scorecards
# database file for the guest to approve on the next backend.
export GK_E2E_CONFIG_EXTRA="$GK_ROOT/e2e/app-config.waivers.yaml"
export GK_E2E_SCORECARDS_DB="$GK_E2E_OUT/waivers-scorecards.sqlite"
rm -f "$GK_E2E_SCORECARDS_DB"
start_backend bob
node --test --test-reporter=spec "$GK_ROOT"/e2e/journey.test.mjs
GK_E2E_WAIVER_STEP=request node --test --test-reporter=spec "$GK_ROOT"/e2e/waivers.test.mjs

# The guest (platform-team) approves bob's waiver request.
stop_backend
export GATEKEEPER_DEMO_USER=guest GK_E2E_USER=guest
start_backend approver
GK_E2E_WAIVER_STEP=approve node --test --test-reporter=spec "$GK_ROOT"/e2e/waivers.test.mjs

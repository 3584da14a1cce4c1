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

log="$GK_E2E_OUT/backend.log"
echo "[e2e] starting backend on $GK_E2E_URL (log: $log)" >&2
(cd packages/backend && exec node "$GK_ROOT/.yarn/releases/yarn-4.13.0.cjs" backstage-cli package start \
  --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml) >"$log" 2>&1 &
backend_pid=$!
cleanup() {
  pkill -TERM -P "$backend_pid" 2>/dev/null || true
  kill -TERM "$backend_pid" 2>/dev/null || true
  # the CLI runs the backend in a child process; make sure nothing keeps the port
  pkill -TERM -f "e2e/app-config.e2e.yaml" 2>/dev/null || true
}
trap cleanup EXIT

node "$GK_ROOT/e2e/waitForBackend.mjs"
# GK_E2E_SCRIPT=<file.mjs> runs that script against the running portal instead
# of the tests (handy for screenshots while debugging).
if [ -n "${GK_E2E_SCRIPT:-}" ]; then node "$GK_E2E_SCRIPT"; else node --test --test-concurrency=1 --test-reporter=spec "$GK_ROOT"/e2e/*.test.mjs; fi

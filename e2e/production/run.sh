#!/usr/bin/env bash
# Production-profile browser test. Starts a real OIDC provider (oidc-provider)
# and an org/catalog YAML server on this machine, creates a fresh PostgreSQL
# database, starts the backend with app-config.yaml + app-config.production.yaml
# and only environment variables (it serves the built app through
# app-backend), then headless chromium signs in through the OIDC login and
# opens the scorecards. Reuses packages/app/dist when present
# (GK_PROD_REBUILD=1 rebuilds it). Drops the database at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$GK_ROOT"
here="$GK_ROOT/e2e/production"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
secret() { node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))'; }

export GK_PROD_PORT="$(free_port)" GK_OIDC_PORT="$(free_port)" GK_ORG_PORT="$(free_port)"
export GK_PROD_URL="http://localhost:${GK_PROD_PORT}"
export GK_E2E_OUT="$GK_ROOT/test-output/e2e-production"
mkdir -p "$GK_E2E_OUT"

# The production profile's variables (README "Production").
db="gk_prod_e2e_$(date +%s)_$$"
export APP_BASE_URL="$GK_PROD_URL" BACKEND_BASE_URL="$GK_PROD_URL" BACKEND_PORT="$GK_PROD_PORT"
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres POSTGRES_PASSWORD='' POSTGRES_DB="$db"
export AUTH_SESSION_SECRET="$(secret)"
export AUTH_OIDC_METADATA_URL="http://127.0.0.1:${GK_OIDC_PORT}/.well-known/openid-configuration"
export AUTH_OIDC_CLIENT_ID=gatekeeper-portal AUTH_OIDC_CLIENT_SECRET="$(secret)"
export AUTH_OIDC_EMAIL_DOMAIN=gatekeeper.test
export GATEKEEPER_CI_TOKEN="$(secret)" GATEKEEPER_DEPLOY_GATE_TOKEN="$(secret)" GATEKEEPER_ALERTMANAGER_TOKEN="$(secret)"
export GATEKEEPER_ORG_URL="http://127.0.0.1:${GK_ORG_PORT}/fixtures/org.yaml"
export GATEKEEPER_CATALOG_URL="http://127.0.0.1:${GK_ORG_PORT}/fixtures/catalog.yaml"
export GATEKEEPER_CATALOG_HOST="127.0.0.1:${GK_ORG_PORT}"

if [ ! -d "$here/node_modules/oidc-provider" ]; then
  echo "[prod-e2e] installing the test's oidc-provider" >&2
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
fi
if [ -n "${GK_PROD_REBUILD:-}" ] || [ ! -f packages/app/dist/index.html ]; then
  echo "[prod-e2e] building the app" >&2
  (cd packages/app && gk_yarn backstage-cli package build)
fi

psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE \"$db\""
pids=()
cleanup() {
  # each server runs in its own process group (setsid): stop the whole group
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
}
trap cleanup EXIT

setsid node "$here/oidcServer.mjs" >"$GK_E2E_OUT/oidc.log" 2>&1 &
pids+=($!)

log="$GK_E2E_OUT/backend.log"
echo "[prod-e2e] backend on $GK_PROD_URL, database $db (log: $log)" >&2
(cd packages/backend && exec setsid node "$GK_ROOT/.yarn/releases/yarn-4.13.0.cjs" backstage-cli package start \
  --config ../../app-config.yaml --config ../../app-config.production.yaml) >"$log" 2>&1 &
pids+=($!)

node "$here/waitForProduction.mjs"
node --test --test-concurrency=1 --test-reporter=spec "$here"/*.test.mjs

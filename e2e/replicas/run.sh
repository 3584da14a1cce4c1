#!/usr/bin/env bash
# Two-replica test (no browser). Creates a fresh PostgreSQL database, starts
# two backend processes on it with the same configuration (app-config.yaml +
# app-config.production.yaml + e2e/replicas/app-config.replicas.yaml; only the
# port and base URL differ), a scorecards refresh every few seconds and a
# short scheduler lock, then runs replicas.test.mjs against both. The backend
# runs from source (the CLI's node transform, as `backstage-cli package
# start` does, minus its file watcher), so nothing is built. Drops the
# database at the end. GK_REPLICAS_NO_TEST=1 keeps both replicas up instead
# of running the tests (for debugging). See docs/replicas.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$GK_ROOT"
here="$GK_ROOT/e2e/replicas"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
secret() { node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))'; }

export GK_REPLICAS_OUT="$GK_ROOT/test-output/e2e-replicas"
rm -rf "$GK_REPLICAS_OUT" && mkdir -p "$GK_REPLICAS_OUT"
export GK_REPLICAS_FREQUENCY_SECONDS="${GK_REPLICAS_FREQUENCY_SECONDS:-8}"
export GK_REPLICAS_TIMEOUT_SECONDS="${GK_REPLICAS_TIMEOUT_SECONDS:-15}"
export GK_REPLICAS_FLEET_SIZE="${GK_REPLICAS_FLEET_SIZE:-30}"
export GK_REPLICAS_FLEET="$GK_REPLICAS_OUT/fleet/catalog-info.yaml"
node "$here/writeFleet.mjs"

# The production profile's variables (README "Production"), shared by both.
db="gk_replicas_e2e_$(date +%s)_$$"
export GK_REPLICAS_DB="$db"
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres POSTGRES_PASSWORD='' POSTGRES_DB="$db"
export AUTH_SESSION_SECRET="$(secret)"
# Never contacted: nobody signs in here.
export AUTH_OIDC_METADATA_URL="http://127.0.0.1:9/.well-known/openid-configuration"
export AUTH_OIDC_CLIENT_ID=gatekeeper-portal AUTH_OIDC_CLIENT_SECRET="$(secret)"
export AUTH_OIDC_EMAIL_DOMAIN=gatekeeper.test
export GATEKEEPER_CI_TOKEN="$(secret)" GATEKEEPER_DEPLOY_GATE_TOKEN="$(secret)"
export GATEKEEPER_ALERTMANAGER_TOKEN="$(secret)" GATEKEEPER_INCIDENT_TOKEN="$(secret)"
export GATEKEEPER_ORG_URL=unused GATEKEEPER_CATALOG_URL=unused GATEKEEPER_CATALOG_HOST=localhost
export NODE_ENV=production

psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE \"$db\""
transform="$(node -p 'require.resolve("@backstage/cli-node/config/nodeTransform.cjs", { paths: [require.resolve("@backstage/cli-module-build/package.json")] })')"

# start_replica <name> <port>: one backend process; its pid in
# $GK_REPLICAS_OUT/<name>.pid (the test SIGKILLs it), its log in <name>.log.
start_replica() {
  local name="$1" port="$2"
  (cd packages/backend && APP_BASE_URL="http://localhost:$port" BACKEND_BASE_URL="http://localhost:$port" BACKEND_PORT="$port" \
    exec node --enable-source-maps --require "$transform" src/index \
      --config ../../app-config.yaml --config ../../app-config.production.yaml \
      --config ../../e2e/replicas/app-config.replicas.yaml) >"$GK_REPLICAS_OUT/$name.log" 2>&1 &
  echo $! >"$GK_REPLICAS_OUT/$name.pid"
  echo "[replicas-e2e] replica $name (pid $!) on http://localhost:$port, log $GK_REPLICAS_OUT/$name.log" >&2
}

cleanup() {
  for name in a b; do
    pid="$(cat "$GK_REPLICAS_OUT/$name.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
}
trap cleanup EXIT

export GK_REPLICA_A_URL="http://localhost:$(free_port)"
export GK_REPLICA_B_URL="http://localhost:$(free_port)"
echo "[replicas-e2e] database $db, fleet of $GK_REPLICAS_FLEET_SIZE components" >&2
# B starts once A has migrated the fresh database: two processes migrating
# an empty database at the same moment crash on Backstage's own knex
# migrations ("relation ... already exists"), as in any rolling deploy.
start_replica a "${GK_REPLICA_A_URL##*:}"
node "$here/waitForReplicas.mjs" --readiness "$GK_REPLICA_A_URL"
start_replica b "${GK_REPLICA_B_URL##*:}"

node "$here/waitForReplicas.mjs"
[ -n "${GK_REPLICAS_NO_TEST:-}" ] && { echo "[replicas-e2e] up; sleeping" >&2; sleep 100000; }
node --test --test-concurrency=1 --test-reporter=spec "$here"/*.test.mjs

#!/usr/bin/env bash
# Adoption test (issue 11, item 5): packs every package, installs the tarballs
# into a fresh copy of the committed @backstage/create-app@0.9.2 output
# (e2e/adoption/fixture, new frontend system) with the documented lines only,
# type-checks it, builds its frontend, starts its backend (checks
# /api/scorecards and /api/slo answer with the default gate policy), runs the
# packed gatekeeper-drift command on a rendered repository and opens an entity
# page in headless chromium (scorecard card, SLOs tab of the entity header).
#
#   bash scripts/adoption-test.sh
#   GK_PACK_SKIP_BUILD=1 reuses dist/; GK_PACK_SKIP_TSC=1 reuses dist-types/
#   (scripts/test.sh runs it after its own `yarn tsc`).
#   GK_ADOPTION_KEEP=1 keeps the temp dir (logs, tarballs) for inspection.
#
# Cost on a clean clone, after the workspace's own install:
# - the fixture installs with the workspace's Yarn release and its cache
#   folder (the global ~/.yarn/berry/cache), so only packages the workspace
#   does not use are downloaded;
# - the native addons the workspace has already compiled for this Node
#   (better-sqlite3, cpu-features, ssh2) are not compiled again: they are
#   marked `built: false` and the workspace's build/ output is copied in
#   (e2e/adoption/nativeModules.mjs);
# - the app lives in $GK_ADOPTION_CACHE (default ~/.cache/gatekeeper-adoption):
#   each run replaces every source file with the fixture's but keeps
#   node_modules and .yarn/install-state.gz, as a CI cache would.
#
# Measured in a clean clone (CI=true, GK_PACK_SKIP_TSC=1, empty app dir, load
# average 9-20 on 2 cores): 647 s, of which packing 403 s (build 25 s, the 13
# `yarn pack` calls the rest), install 104 s, tsc 42 s, drift 20 s, frontend
# build 45 s, backend start 21 s, browser 7 s.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GK_ROOT"
t0=$SECONDS
step() { echo "[adoption +$((SECONDS - t0))s] $*"; }

work="$(mktemp -d /tmp/gk-adoption.XXXXXX)"
app="${GK_ADOPTION_CACHE:-$HOME/.cache/gatekeeper-adoption}/app"
backend_pid=""
cleanup() {
  [ -n "$backend_pid" ] && kill -- "-$backend_pid" 2>/dev/null || true
  [ -z "${GK_ADOPTION_KEEP:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

step "packing packages"
bash scripts/pack-packages.sh "$work/packs"

step "copying the create-app fixture"
mkdir -p "$app"
find "$app" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name packages ! -name .yarn -exec rm -rf {} +
find "$app/packages" -mindepth 2 -maxdepth 2 ! -name node_modules -exec rm -rf {} + 2>/dev/null || true
cp -r e2e/adoption/fixture/. "$app/"
mkdir -p "$app/.yarn/releases"
cp .yarn/releases/yarn-4.13.0.cjs "$app/.yarn/releases/"
cp e2e/adoption/entities.yaml "$app/examples/gatekeeper-adoption.yaml"
node e2e/adoption/addTarballs.mjs "$app" "$work/packs/index.txt" package.json
node e2e/adoption/nativeModules.mjs skip "$app"
# The workspace's cache folder, so the fixture reuses every archive the
# workspace's install has downloaded (same Yarn release, same checksums).
YARN_CACHE_FOLDER="$(gk_yarn config get cacheFolder)"
export YARN_CACHE_FOLDER
ay() { (cd "$app" && node .yarn/releases/yarn-4.13.0.cjs "$@"); }

step "installing (yarn install, cache $YARN_CACHE_FOLDER)"
t_install=$SECONDS
# The tarballs and the 1.55 resolutions change the fixture's lockfile, as an
# adopter's `yarn add` does; CI=true would make that an immutable install.
YARN_ENABLE_IMMUTABLE_INSTALLS=false ay install >"$work/install.log" 2>&1 || {
  tail -40 "$work/install.log"
  exit 1
}
grep -E 'step|Done' "$work/install.log" | sed 's/^/  /' || true
node e2e/adoption/nativeModules.mjs copy "$app" "$GK_ROOT" || {
  # Another better-sqlite3 than the workspace's: compile it (node-gyp uses
  # npm_config_nodedir from scripts/env.sh when the machine's Node is older).
  (cd "$app/node_modules/better-sqlite3" && npm run build-release)
}

step "tsc"
ay tsc

step "gatekeeper-drift from the tarball"
node e2e/adoption/driftCheck.mjs "$app" templates

step "building the frontend"
ay workspace app build >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log"
  exit 1
}

port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
export ADOPTION_PORT="$port"
cat >"$app/app-config.local.yaml" <<YAML
catalog:
  locations:
    - type: file
      target: ../../examples/gatekeeper-adoption.yaml
YAML
step "starting the backend on port $port"
(
  cd "$app/packages/backend"
  exec setsid node ../../.yarn/releases/yarn-4.13.0.cjs backstage-cli package start \
    --config ../../app-config.yaml --config ../../app-config.local.yaml \
    --config "$GK_ROOT/e2e/adoption/app-config.adoption.yaml"
) >"$work/backend.log" 2>&1 &
backend_pid=$!
base="http://localhost:$port"
for _ in $(seq 1 180); do
  curl -fsS "$base/.backstage/health/v1/readiness" >/dev/null 2>&1 && break
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    tail -60 "$work/backend.log"
    exit 1
  fi
  sleep 1
done
curl -fsS "$base/.backstage/health/v1/readiness" >/dev/null || {
  tail -60 "$work/backend.log"
  exit 1
}

step "API checks"
token="$(curl -fsS -H 'X-Requested-With: XMLHttpRequest' "$base/api/auth/guest/refresh" |
  node -pe 'JSON.parse(require("fs").readFileSync(0,"utf8")).backstageIdentity.token')"
api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }
expected="$(cd "$GK_ROOT/plugins/scorecards-common" && node -e "
  require('@backstage/cli-node/config/nodeTransform.cjs');
  const { defaultGatePolicy } = require('./src/policy/defaultGatePolicy.ts');
  console.log(defaultGatePolicy.gates.map(g => g.id).sort().join(','));")"
got="$(api "$base/api/scorecards/gates" | node -pe '
  const b = JSON.parse(require("fs").readFileSync(0, "utf8"));
  (Array.isArray(b) ? b : b.gates ?? b.items).map(g => g.id).sort().join(",")')"
if [ "$got" != "$expected" ]; then
  echo "scorecards gates: expected the default policy ($expected), got $got" >&2
  exit 1
fi
grep -q "built-in default policy" "$work/backend.log"
ref=default/component/adoption-service
for _ in $(seq 1 60); do
  api "$base/api/catalog/entities/by-name/component/default/adoption-service" >/dev/null 2>&1 && break
  sleep 1
done
api "$base/api/scorecards/entities/$ref" | grep -q '"verdict"'
api "$base/api/slo/entities/$ref/slos" | grep -q 'adoption-service-availability'

step "browser test"
GK_E2E_URL="$base" GK_E2E_OUT="$GK_ROOT/test-output/adoption" \
  node --test --test-reporter=spec e2e/adoption/adoption.test.mjs

step "passed: $((SECONDS - t_install))s from yarn install to a scorecard on the entity page, $((SECONDS - t0))s in all"

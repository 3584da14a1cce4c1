#!/usr/bin/env bash
# Runs every check of the project: type-check, lint, prettier, unit and
# integration tests with coverage (SQLite and PostgreSQL, real Prometheus and
# Alertmanager), per-package coverage thresholds, and the browser tests
# (headless Debian Chromium driven by playwright-core against the built app).
# Installs Node 22 (project-local, only if needed), dependencies and the Debian
# packages it needs first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$GK_ROOT/scripts/services.sh"
cd "$GK_ROOT"

t0=$SECONDS
step() { echo; echo "=== [gatekeeper] $* (t+$((SECONDS - t0))s)"; }

step "install dependencies"
gk_install
step "machine services (PostgreSQL, chromium, prometheus, alertmanager)"
gk_apt_install
gk_postgres
echo "PostgreSQL store tests: ${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-disabled}"

step "type-check (tsc)"
gk_yarn tsc

step "API reports (report.api.md up to date)"
gk_yarn build:api-reports:check

step "lint"
gk_yarn backstage-cli repo lint

step "sizes (no source file over 400 lines, no function over 80)"
node scripts/check-sizes.mjs

step "OpenAPI: generated specs up to date (offline, scripts/generate-openapi.mjs)"
node scripts/generate-openapi.mjs --check

step "prettier"
gk_yarn prettier --check . --loglevel warn

out="$GK_ROOT/test-output"
mkdir -p "$out"

step "unit + integration tests with coverage (thresholds per package)"
CI=true gk_yarn backstage-cli repo test --coverage --maxWorkers=2 2>&1 | tee "$out/jest.log"
node scripts/check-coverage.mjs

step "browser tests (build app, start backend serving it, headless chromium)"
bash "$GK_ROOT/e2e/run.sh" 2>&1 | tee "$out/e2e.log"

step "production profile (OIDC sign-in through a local IdP, PostgreSQL, headless chromium)"
bash "$GK_ROOT/e2e/production/run.sh" 2>&1 | tee "$out/e2e-production.log"

step "two replicas (two backends on one PostgreSQL: scheduler, pushes, duplicates, SIGKILL mid-refresh)"
bash "$GK_ROOT/e2e/replicas/run.sh" 2>&1 | tee "$out/e2e-replicas.log"

step "adoption: packed tarballs in a create-app 1.55 app (install, tsc, drift CLI, build, backend, chromium)"
GK_PACK_SKIP_TSC=1 bash "$GK_ROOT/scripts/adoption-test.sh" 2>&1 | tee "$out/e2e-adoption.log"

# One closing line over both runners (jest, node --test).
jest_passed=$(sed -n 's/^Tests:.* \([0-9][0-9]*\) passed.*/\1/p' "$out/jest.log" | tail -n 1)
jest_failed=$(sed -n 's/^Tests:.* \([0-9][0-9]*\) failed.*/\1/p' "$out/jest.log" | tail -n 1)
e2e_passed=$(cat "$out"/e2e*.log | sed -n 's/^ℹ pass \([0-9][0-9]*\)$/\1/p' | awk '{ s += $1 } END { print s + 0 }')
e2e_failed=$(cat "$out"/e2e*.log | sed -n 's/^ℹ fail \([0-9][0-9]*\)$/\1/p' | awk '{ s += $1 } END { print s + 0 }')
step "all checks passed in $((SECONDS - t0))s"
echo "$(( ${jest_passed:-0} + ${e2e_passed:-0} )) passed, $(( ${jest_failed:-0} + ${e2e_failed:-0} )) failed"

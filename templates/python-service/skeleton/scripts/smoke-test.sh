#!/usr/bin/env bash
# Smoke tests run by the release workflow against staging and production.
# Usage: scripts/smoke-test.sh <base-url>
set -euo pipefail

base="${1:?usage: smoke-test.sh <base-url>}"
base="${base%/}"

fetch() {
  curl --silent --show-error --fail --retry 5 --retry-delay 3 --retry-all-errors --max-time 10 "$base$1"
}

expect() {
  local path="$1" needle="$2" body
  body="$(fetch "$path")"
  if [[ "$body" != *"$needle"* ]]; then
    echo "smoke test failed: GET $path did not contain $needle (got: $body)" >&2
    exit 1
  fi
  echo "ok: GET $path"
}

expect /healthz '"status":"ok"'
expect /readyz '"status":"ready"'
expect '/api/v1/greeting?name=smoke' 'Hello, smoke!'
expect /metrics 'http_requests_total'
echo "smoke tests passed against $base"

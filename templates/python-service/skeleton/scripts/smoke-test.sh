#!/usr/bin/env bash
# Smoke tests run by the release workflow against staging and production.
# JSON answers are compared as JSON (jq), so whitespace and key order do not
# matter. Usage: scripts/smoke-test.sh <base-url>
set -euo pipefail

base="${1:?usage: smoke-test.sh <base-url>}"
base="${base%/}"

fetch() {
  curl --silent --show-error --fail --retry 5 --retry-delay 3 --retry-all-errors --max-time 10 "$base$1"
}

# expect_json <path> <jq filter that must be true>
expect_json() {
  local path="$1" filter="$2" body
  body="$(fetch "$path")"
  if ! jq --exit-status "$filter" >/dev/null 2>&1 <<<"$body"; then
    echo "smoke test failed: GET $path: expected $filter (got: $body)" >&2
    exit 1
  fi
  echo "ok: GET $path"
}

# expect_text <path> <substring>
expect_text() {
  local path="$1" needle="$2" body
  body="$(fetch "$path")"
  if [[ "$body" != *"$needle"* ]]; then
    echo "smoke test failed: GET $path did not contain $needle (got: $body)" >&2
    exit 1
  fi
  echo "ok: GET $path"
}

expect_json /healthz '.status == "ok"'
expect_json /readyz '.status == "ready"'
expect_json '/api/v1/greeting?name=smoke' '.message == "Hello, smoke!"'
expect_text /metrics 'http_requests_total'
echo "smoke tests passed against $base"

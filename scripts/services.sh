#!/usr/bin/env bash
# Makes sure the machine services the tests need are there:
# PostgreSQL running, Debian chromium, prometheus, prometheus-alertmanager and
# python3-pytest(-cov) installed.
set -euo pipefail

gk_apt_install() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
  # the python-service template's own tests run with Debian's pytest + pytest-cov
  /usr/bin/python3 -c 'import pytest, pytest_cov' >/dev/null 2>&1 || missing+=(python3-pytest python3-pytest-cov)
  # the skeletons' shell scripts are checked with shellcheck
  command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "[gatekeeper] installing Debian packages: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

gk_postgres() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    echo "[gatekeeper] starting PostgreSQL" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >&2 || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
  else
    echo "[gatekeeper] WARNING: PostgreSQL is not reachable; store tests run on SQLite only" >&2
  fi
}

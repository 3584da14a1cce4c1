#!/usr/bin/env bash
# Starts the Gatekeeper portal (app on :3000, backend on :7007) on the embedded
# default: in-memory SQLite, guest sign-in, demo catalog and demo data.
# Installs Node 22 (project-local, only if needed) and dependencies first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
gk_install
cd "$GK_ROOT"
echo "[gatekeeper] starting: app http://localhost:3000  backend http://localhost:7007" >&2
exec node .yarn/releases/yarn-4.13.0.cjs start

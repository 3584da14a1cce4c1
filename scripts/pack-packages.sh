#!/usr/bin/env bash
# Builds every publishable package under plugins/ and packs it the way
# `npm publish` would (prepack/postpack run `backstage-cli package
# prepack/postpack`, which point exports/main/types at dist/).
#
#   bash scripts/pack-packages.sh [out-dir]     (default: dist-packs/)
#
# Writes one <name>-<version>.tgz per package plus index.txt
# ("<package name> <tarball path>" per line).
#
#   GK_PACK_SKIP_BUILD=1  reuse dist/ as it is
#   GK_PACK_SKIP_TSC=1    build, but reuse dist-types/ (scripts/test.sh has
#                         just run `yarn tsc`)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GK_ROOT"
out="$(mkdir -p "${1:-dist-packs}" && cd "${1:-dist-packs}" && pwd)"
rm -f "$out"/*.tgz "$out/index.txt"

if [ -z "${GK_PACK_SKIP_BUILD:-}" ]; then
  [ -n "${GK_PACK_SKIP_TSC:-}" ] || gk_yarn tsc
  # Every package under plugins/ (the bundled packages/app and
  # packages/backend are not published), in parallel.
  gk_yarn backstage-cli repo build
  echo "[pack] built in ${SECONDS}s"
fi

for dir in plugins/*/; do
  name="$(node -p "require('./${dir}package.json').name")"
  file="$out/$(echo "$name" | sed 's#^@##; s#/#-#').tgz"
  (cd "$dir" && gk_yarn pack --out "$file" >/dev/null)
  echo "$name $file" >>"$out/index.txt"
done
echo "[pack] $(wc -l <"$out/index.txt") packages in $out"

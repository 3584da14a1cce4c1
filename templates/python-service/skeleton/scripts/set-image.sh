#!/usr/bin/env bash
# Writes the deploy/ manifests to <out-dir> with the Rollout's image set to
# one digest reference of the same repository. Refuses tags, other
# repositories and the all-zero placeholder: only a signed, verified digest
# is deployed. Usage: scripts/set-image.sh <registry/name@sha256:digest> <out-dir>
set -euo pipefail

ref="${1:?usage: set-image.sh <registry/name@sha256:digest> <out-dir>}"
out="${2:?usage: set-image.sh <registry/name@sha256:digest> <out-dir>}"
manifest=deploy/rollout.yaml
digest_re='@sha256:[a-f0-9]{64}$'

if [[ ! "$ref" =~ ^[a-z0-9][a-z0-9._/:-]*${digest_re} ]]; then
  echo "set-image: $ref is not an image digest reference (name@sha256:<64 hex>)" >&2
  exit 1
fi
if [[ "$ref" == *@sha256:0000000000000000000000000000000000000000000000000000000000000000 ]]; then
  echo "set-image: refusing the placeholder digest" >&2
  exit 1
fi
lines="$(grep -cE "^ +image: [^ ]+${digest_re}" "$manifest" || true)"
if [ "$lines" != 1 ]; then
  echo "set-image: $manifest must hold exactly one digest image line (found ${lines:-0})" >&2
  exit 1
fi
current="$(grep -E "^ +image: [^ ]+${digest_re}" "$manifest" | sed -E 's/^ +image: //')"
if [ "${current%@*}" != "${ref%@*}" ]; then
  echo "set-image: $ref is not an image of ${current%@*}" >&2
  exit 1
fi
mkdir -p "$out"
cp deploy/*.yaml "$out/"
sed -E -i "s#^( +image: )[^ ]+${digest_re}#\\1${ref}#" "$out/rollout.yaml"
grep -qF "image: $ref" "$out/rollout.yaml"
echo "manifests in $out deploy $ref"

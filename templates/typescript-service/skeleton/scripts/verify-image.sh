#!/usr/bin/env bash
# Verifies, before every deploy, that an image digest was signed, and its SBOM
# and build provenance attested, by this repository's release workflow on
# main (Sigstore keyless, GitHub OIDC issuer). Needs cosign and gh on PATH
# and GITHUB_REPOSITORY, GH_TOKEN (set on runners).
# Usage: scripts/verify-image.sh <registry/name@sha256:digest>
set -euo pipefail

ref="${1:?usage: verify-image.sh <registry/name@sha256:digest>}"
if [[ ! "$ref" =~ @sha256:[a-f0-9]{64}$ ]]; then
  echo "verify-image: $ref is not a digest reference" >&2
  exit 1
fi
repo="${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"
server="${GITHUB_SERVER_URL:-https://github.com}"
identity="${server}/${repo}/.github/workflows/release.yml@refs/heads/main"
issuer=https://token.actions.githubusercontent.com

cosign verify --certificate-identity "$identity" --certificate-oidc-issuer "$issuer" "$ref" >/dev/null
cosign verify-attestation --type spdxjson \
  --certificate-identity "$identity" --certificate-oidc-issuer "$issuer" "$ref" >/dev/null
gh attestation verify "oci://$ref" --repo "$repo" \
  --signer-workflow "${repo}/.github/workflows/release.yml" >/dev/null
echo "verified $ref: signature, SBOM and provenance by $identity"

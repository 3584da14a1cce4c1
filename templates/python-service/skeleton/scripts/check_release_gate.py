#!/usr/bin/env python3
"""Ask the Gatekeeper release gate whether this commit may be promoted.

GET <GATEKEEPER_URL>/api/scorecards/release-gate/<kind>/<namespace>/<name>
?commit=<GITHUB_SHA>&change=<GATEKEEPER_CHANGE_TYPE>, stdlib only.

Prints every reason to the job log. Exit 0: allow; 1: deny; 2: the gate
could not be asked or answered something unexpected (fails closed).
Environment: GATEKEEPER_URL, GATEKEEPER_DEPLOY_GATE_TOKEN, GATEKEEPER_RELEASE_SHA (else GITHUB_SHA),
GATEKEEPER_ENTITY_REF (default: kind, metadata.namespace and metadata.name
of catalog-info.yaml), GATEKEEPER_CHANGE_TYPE (normal | p0 | security).
"""

from __future__ import annotations

import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, NoReturn

from catalog_info import read_catalog_entity


def log(message: str) -> None:
    print(f"gatekeeper-release-gate: {message}", flush=True)


def fail(message: str) -> NoReturn:
    log(f"ERROR: {message}")
    log("the release is stopped: the gate could not be checked (fail closed)")
    sys.exit(2)


def entity_from_catalog_info(file: Path) -> dict[str, str]:
    """Kind, metadata.namespace and metadata.name of the first document."""
    try:
        return read_catalog_entity(file)
    except ValueError as error:
        fail(str(error))


def parse_ref(ref: str) -> dict[str, str]:
    match = re.match(r"^(?:([^:/]+):)?(?:([^:/]+)/)?([^:/]+)$", ref.strip())
    if not match:
        fail(f'GATEKEEPER_ENTITY_REF "{ref}" is not [kind:][namespace/]name')
    return {
        "kind": (match.group(1) or "component").lower(),
        "namespace": match.group(2) or "default",
        "name": match.group(3),
    }


def ask(url: str, token: str) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http(s) checked)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            text = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace")
        try:
            detail = json.loads(text).get("error", {}).get("message", text[:300])
        except (ValueError, AttributeError):
            detail = text[:300]
        fail(f"the release gate answered HTTP {error.code}: {detail}")
    except OSError as error:  # URLError, timeouts, refused connections
        fail(f"the release gate is unreachable: {error}")
    try:
        body = json.loads(text)
    except ValueError:
        fail("the release gate answered an unexpected body")
    if (
        not isinstance(body, dict)
        or body.get("decision") not in ("allow", "deny")
        or not isinstance(body.get("reasons"), list)
    ):
        fail("the release gate answered an unexpected body")
    return body


def report(body: dict[str, Any], ref: str) -> None:
    log(f"decision: {body['decision'].upper()}")
    for reason in body["reasons"]:
        log(f"  - {reason}")
    commit = body.get("commit") or {}
    if commit.get("evaluated"):
        run = f" (run {commit['runUrl']})" if commit.get("runUrl") else ""
        log(f"scorecard CI facts describe {commit['evaluated']}{run}")
    for gate in (body.get("scorecard") or {}).get("blockingGates") or []:
        log(f"blocking gate: {gate.get('gateId')} ({gate.get('status')})")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        lines = [f"### Gatekeeper release gate: {body['decision']} for {ref}", ""]
        lines += [f"- {reason}" for reason in body["reasons"]]
        try:
            with open(summary, "a", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n\n")
        except OSError:
            pass  # the summary is a convenience; the log has every reason


def main() -> int:
    env = os.environ
    base_url = env.get("GATEKEEPER_URL", "").rstrip("/")
    token = env.get("GATEKEEPER_DEPLOY_GATE_TOKEN", "")
    # the commit being released (workflow_run: the CI run's head, not GITHUB_SHA)
    commit = env.get("GATEKEEPER_RELEASE_SHA") or env.get("GITHUB_SHA", "")
    change = env.get("GATEKEEPER_CHANGE_TYPE") or "normal"
    if not re.match(r"^https?://", base_url):
        fail("GATEKEEPER_URL is not set to an http(s) URL")
    if not token:
        fail("GATEKEEPER_DEPLOY_GATE_TOKEN is not set")
    if not re.match(r"^[0-9a-fA-F]{7,64}$", commit):
        fail("GATEKEEPER_RELEASE_SHA / GITHUB_SHA is not a commit SHA")
    ref_env = env.get("GATEKEEPER_ENTITY_REF")
    entity = parse_ref(ref_env) if ref_env else entity_from_catalog_info(Path("catalog-info.yaml"))
    ref = f"{entity['kind']}:{entity['namespace']}/{entity['name']}"
    path = "/".join(urllib.parse.quote(entity[k], safe="") for k in ("kind", "namespace", "name"))
    query = urllib.parse.urlencode({"commit": commit, "change": change})
    log(f"asking the release gate for {ref} at {commit} ({change} change)")
    body = ask(f"{base_url}/api/scorecards/release-gate/{path}?{query}", token)
    report(body, ref)
    return 0 if body["decision"] == "allow" else 1


if __name__ == "__main__":
    sys.exit(main())

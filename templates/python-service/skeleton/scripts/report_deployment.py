#!/usr/bin/env python3
"""Report a deployment or rollback to Gatekeeper's delivery metrics.

POST <GATEKEEPER_URL>/api/slo/deployments, stdlib only. The event id comes
from the run id, attempt, event and environment, so a re-run of the step
stores the event once; the Idempotency-Key (event id + finish time) makes the
step's own retries replay the first answer. Reporting never stops the release:
failures are warnings (exit 0) unless GATEKEEPER_REPORT_STRICT=1 (exit 2).
Environment: GATEKEEPER_URL, GATEKEEPER_CI_TOKEN, GATEKEEPER_EVENT
(deployment | rollback), GATEKEEPER_ENVIRONMENT, GATEKEEPER_STATUS
(succeeded | failed | rolled_back, or a job status success | failure),
GATEKEEPER_STARTED_AT, GATEKEEPER_RELEASE_SHA (else GITHUB_SHA),
GATEKEEPER_COMMIT_AT (else the commit time of HEAD), GATEKEEPER_VERSION,
GATEKEEPER_FROM_VERSION, GATEKEEPER_TO_VERSION, GATEKEEPER_ENTITY_REF
(default: catalog-info.yaml), GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT,
GITHUB_SERVER_URL, GITHUB_REPOSITORY.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from catalog_info import read_catalog_entity

STRICT = os.environ.get("GATEKEEPER_REPORT_STRICT") == "1"
STATUS = {"success": "succeeded", "failure": "failed", "cancelled": "failed"}


def log(message: str) -> None:
    print(f"gatekeeper-report-deployment: {message}", flush=True)


def fail(message: str) -> NoReturn:
    log(f"{'ERROR' if STRICT else 'WARNING'}: {message}")
    if not STRICT:
        print(f"::warning::deployment not reported: {message}", flush=True)
    sys.exit(2 if STRICT else 0)


def entity_ref_from_catalog_info(file: Path) -> str:
    """kind:namespace/name of the first document."""
    try:
        entity = read_catalog_entity(file)
    except ValueError as error:
        fail(str(error))
    return f"{entity['kind']}:{entity['namespace']}/{entity['name']}"


def iso(value: str | None) -> str | None:
    """The UTC ISO form of an ISO 8601 time, or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def now() -> str:
    return iso(datetime.now(UTC).isoformat()) or ""


def commit_time_of_head() -> str | None:
    try:
        out = subprocess.run(
            ["git", "show", "-s", "--format=%cI", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def compact(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v}


def build_event(env: dict[str, str], event_id: str, entity_ref: str) -> dict[str, Any]:
    event = env.get("GATEKEEPER_EVENT") or "deployment"
    run_url = None
    if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY"):
        run_url = (
            f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/actions/runs/"
            f"{env['GITHUB_RUN_ID']}/attempts/{env.get('GITHUB_RUN_ATTEMPT') or '1'}"
        )
    common = {
        "id": event_id,
        "entityRef": entity_ref,
        "environment": env.get("GATEKEEPER_ENVIRONMENT") or "production",
        "startedAt": iso(env.get("GATEKEEPER_STARTED_AT")) or now(),
        "finishedAt": now(),
        "runUrl": run_url,
    }
    if event == "rollback":
        return {
            "rollbacks": [
                compact(
                    {
                        **common,
                        "fromVersion": env.get("GATEKEEPER_FROM_VERSION"),
                        "toVersion": env.get("GATEKEEPER_TO_VERSION"),
                    }
                )
            ]
        }
    commit = env.get("GATEKEEPER_RELEASE_SHA") or env.get("GITHUB_SHA") or ""
    if not re.match(r"^[0-9a-fA-F]{7,64}$", commit):
        fail("GATEKEEPER_RELEASE_SHA / GITHUB_SHA is not a commit SHA")
    status = env.get("GATEKEEPER_STATUS") or "succeeded"
    return {
        "deployments": [
            compact(
                {
                    **common,
                    "commit": commit,
                    "commitAt": iso(env.get("GATEKEEPER_COMMIT_AT") or commit_time_of_head()),
                    "status": STATUS.get(status, status),
                    "version": env.get("GATEKEEPER_VERSION"),
                }
            )
        ]
    }


def post(url: str, token: str, key: str, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode("utf-8")
    last_error = ""
    for attempt in range(3):
        request = urllib.request.Request(  # noqa: S310 (http(s) checked in main)
            url,
            data=data,
            method="POST",
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                result = json.loads(response.read().decode("utf-8"))
                log("stored" if result.get("stored") else "already stored (replay)")
                return
        except urllib.error.HTTPError as error:
            last_error = f"HTTP {error.code}: {error.read().decode('utf-8', 'replace')[:300]}"
            if error.code < 500 and error.code not in (409, 429):
                break
        except (urllib.error.URLError, OSError, ValueError) as error:
            last_error = str(error)
        time.sleep(2**attempt)
    fail(f"Gatekeeper did not accept the event: {last_error}")


def main() -> None:
    env = dict(os.environ)
    base_url = (env.get("GATEKEEPER_URL") or "").rstrip("/")
    token = env.get("GATEKEEPER_CI_TOKEN") or ""
    event = env.get("GATEKEEPER_EVENT") or "deployment"
    environment = env.get("GATEKEEPER_ENVIRONMENT") or "production"
    run_id = env.get("GITHUB_RUN_ID") or ""
    attempt = env.get("GITHUB_RUN_ATTEMPT") or "1"
    if not re.match(r"^https?://", base_url):
        fail("GATEKEEPER_URL is not set to an http(s) URL")
    if not token:
        fail("GATEKEEPER_CI_TOKEN is not set")
    if not run_id.isdigit() or not attempt.isdigit():
        fail("GITHUB_RUN_ID / GITHUB_RUN_ATTEMPT are not run numbers")
    if event not in ("deployment", "rollback"):
        fail(f'GATEKEEPER_EVENT "{event}" is not deployment or rollback')
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", environment):
        fail(f'GATEKEEPER_ENVIRONMENT "{environment}" is invalid')
    entity_ref = env.get("GATEKEEPER_ENTITY_REF") or entity_ref_from_catalog_info(
        Path("catalog-info.yaml")
    )
    event_id = f"gh-{run_id}-{attempt}-{event}-{environment}"
    log(f"reporting {event} {event_id} of {entity_ref} ({environment})")
    body = build_event(env, event_id, entity_ref)
    events = body.get("deployments") or body.get("rollbacks")
    finished = datetime.fromisoformat(events[0]["finishedAt"].replace("Z", "+00:00"))
    # retries of this request replay; another run of the step (a new finish
    # time) is stored once through the event id
    key = f"{event_id}:{int(finished.timestamp() * 1000)}"
    post(f"{base_url}/api/slo/deployments", token, key, body)


if __name__ == "__main__":
    main()

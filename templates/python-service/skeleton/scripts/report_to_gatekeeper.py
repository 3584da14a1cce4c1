#!/usr/bin/env python3
"""Push the measured outcomes of this CI run to the Gatekeeper scorecard.

POST <GATEKEEPER_URL>/api/scorecards/facts, stdlib only.
Usage: python scripts/report_to_gatekeeper.py <artifacts-dir>

Reads, when present (a missing report leaves its fact unknown, never 0):
  coverage.xml              coverage.py / pytest-cov  -> ci.coverage.lines
  reports/ruff.json         ruff --output-format json -> ci.lint.errors
  reports/mypy.txt          mypy output               -> ci.typecheck.errors
  reports/junit.xml         pytest --junitxml         -> ci.tests.*
  reports/pip-audit.json    pip-audit --format json   -> ci.vulnerabilities.*
  reports/licenses.json     check_licenses.py         -> ci.licenses.violations
  *.spdx.json / *.sigstore.json / provenance bundle   -> ci.sbom/signature/provenance.present
pip-audit reports no severities: each known vulnerability is counted as
both critical and high, so the no-critical-vulnerabilities gate fails on any.
Environment: GATEKEEPER_URL, GATEKEEPER_CI_TOKEN, GATE_RESULTS (toJSON(needs)),
GITHUB_SHA, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT.
"""

from __future__ import annotations

import json
import os
import re
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET  # noqa: N817, S405 (our own CI output)
from pathlib import Path
from typing import Any


def log(message: str) -> None:
    print(f"gatekeeper-report: {message}")


class Reports:
    def __init__(self, root: Path) -> None:
        self.files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
        try:
            self.results: dict[str, Any] = json.loads(os.environ.get("GATE_RESULTS") or "{}")
        except json.JSONDecodeError:
            self.results = {}

    def find(self, suffix: str) -> Path | None:
        return next((p for p in self.files if p.as_posix().endswith(suffix)), None)

    def json(self, suffix: str) -> Any:
        path = self.find(suffix)
        if path is None:
            return None
        try:
            return json.loads(path.read_text())
        except json.JSONDecodeError:
            log(f"{suffix} is not JSON; its facts stay unknown")
            return None

    def count(self, job: str, value: int, fact: str) -> int | None:
        """A count of 0 from a job that failed is not trusted (the tool may have crashed)."""
        if value == 0 and self.results.get(job, {}).get("result") == "failure":
            log(f"{job} failed but its report shows no errors: {fact} stays unknown")
            return None
        return value

    def has(self, pattern: str) -> bool:
        return any(re.search(pattern, p.as_posix()) for p in self.files)


def collect_facts(reports: Reports) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    coverage = reports.find("coverage.xml")
    if coverage is not None:
        rate = ET.parse(coverage).getroot().get("line-rate")  # noqa: S314
        if rate is not None:
            facts["ci.coverage.lines"] = round(float(rate) * 100, 2)
    ruff = reports.json("reports/ruff.json")
    if isinstance(ruff, list):
        facts["ci.lint.errors"] = reports.count("lint", len(ruff), "ci.lint.errors")
    mypy = reports.find("reports/mypy.txt")
    if mypy is not None:
        errors = len(re.findall(r": error:", mypy.read_text()))
        facts["ci.typecheck.errors"] = reports.count("type-check", errors, "ci.typecheck.errors")
    junit = reports.find("reports/junit.xml")
    if junit is not None:
        root = ET.parse(junit).getroot()  # noqa: S314
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
        total = sum(int(s.get("tests", 0)) for s in suites)
        failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
        skipped = sum(int(s.get("skipped", 0)) for s in suites)
        facts.update(
            {
                "ci.tests.total": total,
                "ci.tests.failed": failed,
                "ci.tests.passed": total - failed - skipped,
            }
        )
    audit = reports.json("reports/pip-audit.json")
    if isinstance(audit, dict) and isinstance(audit.get("dependencies"), list):
        vulns = sum(len(d.get("vulns", [])) for d in audit["dependencies"])
        facts["ci.vulnerabilities.critical"] = vulns
        facts["ci.vulnerabilities.high"] = vulns
    licenses = reports.json("reports/licenses.json")
    if isinstance(licenses, dict) and isinstance(licenses.get("violations"), list):
        facts["ci.licenses.violations"] = len(licenses["violations"])
    if "sbom" in reports.results:
        facts["ci.sbom.present"] = reports.has(r"\.(spdx|cdx)\.json(/|$)")
    sign = reports.results.get("sign-and-attest")
    if sign and sign.get("result") != "skipped":
        facts["ci.signature.present"] = reports.has(r"\.(whl|tar\.gz)\.sigstore\.json$")
        facts["ci.provenance.present"] = reports.has(
            r"/provenance\.(intoto\.jsonl|sigstore\.json)$"
        )
    facts = {k: v for k, v in facts.items() if v is not None}
    env = os.environ
    if env.get("GITHUB_SHA"):
        facts["ci.run.commit"] = env["GITHUB_SHA"]
    if env.get("GITHUB_RUN_ID"):
        server = env.get("GITHUB_SERVER_URL", "https://github.com")
        attempt = env.get("GITHUB_RUN_ATTEMPT", "1")
        facts["ci.run.url"] = (
            f"{server}/{env.get('GITHUB_REPOSITORY')}/actions/runs/{env['GITHUB_RUN_ID']}"
            f"/attempts/{attempt}"
        )
    return facts


def entity_ref(text: str) -> str:
    """`component:<namespace>/<name>` from catalog-info.yaml (first entity)."""
    doc = next(
        (d for d in re.split(r"^---\s*$", text, flags=re.M) if re.search(r"^kind:", d, re.M)), ""
    )
    kind = re.search(r"^kind:\s*(\S+)", doc, re.M)
    meta = re.search(r"^metadata:\s*\n((?:[ \t]+.*\n?)*)", doc, re.M)
    body = meta.group(1) if meta else ""
    name = re.search(r"^[ \t]+name:\s*['\"]?([^'\"\s]+)", body, re.M)
    namespace = re.search(r"^[ \t]+namespace:\s*['\"]?([^'\"\s]+)", body, re.M)
    if not name:
        raise ValueError("catalog-info.yaml has no metadata.name")
    ns = namespace.group(1) if namespace else "default"
    return f"{(kind.group(1) if kind else 'Component').lower()}:{ns}/{name.group(1)}"


def main(argv: list[str]) -> int:
    url, token = os.environ.get("GATEKEEPER_URL"), os.environ.get("GATEKEEPER_CI_TOKEN")
    if not url or not token:
        log("GATEKEEPER_URL (repository variable) and GATEKEEPER_CI_TOKEN (secret) must be set")
        return 1
    ref = entity_ref(Path("catalog-info.yaml").read_text())
    facts = collect_facts(Reports(Path(argv[1] if len(argv) > 1 else ".")))
    run_id = os.environ.get("GITHUB_RUN_ID", "local")
    attempt = os.environ.get("GITHUB_RUN_ATTEMPT", "1")
    body = {"entityRef": ref, "facts": facts, "source": f"gha.{run_id}.{attempt}"[:64]}
    key = f"{os.environ.get('GITHUB_REPOSITORY', ref)}/{run_id}/{attempt}"
    req = urllib.request.Request(  # noqa: S310 (URL from the repository variable)
        f"{url.rstrip('/')}/api/scorecards/facts",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "content-type": "application/json",
            "authorization": f"Bearer {token}",
            "idempotency-key": key,
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as res:  # noqa: S310
            answer = json.loads(res.read())
    except urllib.error.HTTPError as e:
        log(f"push failed: HTTP {e.code} {e.read().decode(errors='replace')}")
        return 1
    log(f"pushed {len(answer['accepted'])} facts for {ref}: {json.dumps(facts)}")
    for gate in (answer.get("scorecard") or {}).get("gates", []):
        log(f"gate {gate['gateId']}: {gate['status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

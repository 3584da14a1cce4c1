#!/usr/bin/env python3
"""Licence policy as an allow-list over every installed distribution.

Usage: python scripts/check_licenses.py [report.json]
Writes {"checked": N, "violations": [{name, version, license}]} and exits 1
when a distribution's licence is not on the allow-list. Reads the SPDX
License-Expression, then the License field, then the trove classifiers.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ALLOWED = {
    "MIT",
    "ISC",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "0BSD",
    "PSF-2.0",
    "Python-2.0",
    "MPL-2.0",
    "CC0-1.0",
    "Unlicense",
    "MIT-0",
}
CLASSIFIERS = {
    "MIT License": "MIT",
    "ISC License (ISCL)": "ISC",
    "Apache Software License": "Apache-2.0",
    "BSD License": "BSD-3-Clause",
    "Python Software Foundation License": "PSF-2.0",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "The Unlicense (Unlicense)": "Unlicense",
    "MIT No Attribution License (MIT-0)": "MIT-0",
}
ALIASES = {
    "MIT License": "MIT",
    "Apache 2.0": "Apache-2.0",
    "Apache License 2.0": "Apache-2.0",
    "Apache Software License": "Apache-2.0",
    "BSD": "BSD-3-Clause",
    "BSD License": "BSD-3-Clause",
    "PSF": "PSF-2.0",
    "MIT No Attribution": "MIT-0",
}


def allowed(expression: str) -> bool:
    expr = re.sub(r"[()]", " ", expression).strip()
    return any(
        all(ALIASES.get(part.strip(), part.strip()) in ALLOWED for part in alt.split(" AND "))
        for alt in re.split(r"\s+OR\s+", expr)
    )


def licence_of(dist: metadata.Distribution) -> str | None:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    classifiers = [
        c.rsplit(" :: ", 1)[-1]
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    mapped = [CLASSIFIERS[c] for c in classifiers if c in CLASSIFIERS]
    if mapped:
        return " OR ".join(mapped)
    field = meta.get("License")
    if field and len(field) < 80 and "\n" not in field:
        return str(field)
    return classifiers[0] if classifiers else None


def main(out: str) -> int:
    own = tomllib.loads(Path("pyproject.toml").read_text())["project"]["name"]
    normalise = lambda n: re.sub(r"[-_.]+", "-", n).lower()  # noqa: E731
    violations = []
    dists = [d for d in metadata.distributions() if normalise(d.metadata["Name"]) != normalise(own)]
    for dist in dists:
        lic = licence_of(dist)
        if not lic or not allowed(lic):
            name, version = dist.metadata["Name"], dist.version
            violations.append({"name": name, "version": version, "license": lic})
            print(f"licence not allowed: {name}=={version} ({lic})", file=sys.stderr)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    report = {"checked": len(dists), "violations": violations}
    Path(out).write_text(json.dumps(report, indent=2) + "\n")
    print(f"{len(dists)} distributions checked, {len(violations)} licence violation(s)")
    return 1 if violations or not dists else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "reports/licenses.json"))

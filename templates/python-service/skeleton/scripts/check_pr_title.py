#!/usr/bin/env python3
"""Conventional Commits on pull request titles (the squash-merge commit
message, which release-please turns into the SemVer bump and CHANGELOG).

Usage: PR_TITLE='feat(api): add x' python scripts/check_pr_title.py
"""

from __future__ import annotations

import json
import os
import re
import sys

TYPES = (
    "build",
    "chore",
    "ci",
    "docs",
    "feat",
    "fix",
    "perf",
    "refactor",
    "revert",
    "style",
    "test",
)
PATTERN = re.compile(
    r"^(?P<type>[a-z]+)"
    r"(?:\((?P<scope>[a-z0-9][a-z0-9._/-]*)\))?"
    r"(?P<breaking>!)?: (?P<subject>\S.*)$"
)


def title_problem(title: str | None) -> str | None:
    """Why `title` is not a Conventional Commits header, or None when it is."""
    text = title or ""
    if not text.strip():
        return "the title is empty"
    if len(text) > 100:
        return f"the title has {len(text)} characters (at most 100)"
    match = PATTERN.match(text)
    if not match:
        return 'expected "<type>(<optional scope>)!: <subject>", e.g. "feat(api): add refunds"'
    if match["type"] not in TYPES:
        return f'unknown type "{match["type"]}" (one of {", ".join(TYPES)})'
    if match["subject"].endswith("."):
        return "the subject ends with a period"
    return None


if __name__ == "__main__":
    title = os.environ.get("PR_TITLE", "")
    problem = title_problem(title)
    if problem:
        print(
            f"PR title {json.dumps(title)} is not a Conventional Commit: {problem}", file=sys.stderr
        )
        sys.exit(1)
    print(f"PR title is a Conventional Commit: {title}")

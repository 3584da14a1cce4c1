#!/usr/bin/env python3
"""Contract test: breaking-change diff of the OpenAPI contract against a base
git ref (the pull request's base branch, or the previous commit of main).

Usage: python scripts/check_api_compat.py <base-ref> [contract=api/openapi.yaml]
Exits 1 and lists the changes that break existing clients: removed paths,
operations or success responses, new required parameters or request fields,
tightened constraints, changed types, removed response fields.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
TIGHTER = {
    "maxLength": lambda b, h: h < b,
    "maximum": lambda b, h: h < b,
    "maxItems": lambda b, h: h < b,
    "minLength": lambda b, h: h > b,
    "minimum": lambda b, h: h > b,
    "minItems": lambda b, h: h > b,
}


def resolve(doc: Any, node: Any, seen: frozenset[str] = frozenset()) -> Any:
    if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
        return node
    ref = node["$ref"]
    if ref in seen or not ref.startswith("#/"):
        return {}
    target = doc
    for key in ref[2:].split("/"):
        key = key.replace("~1", "/").replace("~0", "~")
        target = target.get(key) if isinstance(target, dict) else None
    return resolve(doc, target, seen | {ref})


def type_of(schema: Any) -> str | None:
    t = schema.get("type") if isinstance(schema, dict) else None
    if t is None:
        return None
    return "|".join(t) if isinstance(t, list) else str(t)


class Diff:
    def __init__(self, base: Any, head: Any) -> None:
        self.base, self.head, self.problems = base, head, []

    def schema(self, where: str, b_raw: Any, h_raw: Any, direction: str, depth: int = 0) -> None:
        b = resolve(self.base, b_raw) or {}
        h = resolve(self.head, h_raw) or {}
        if depth > 20:
            return
        if type_of(b) and type_of(h) and type_of(b) != type_of(h):
            self.problems.append(f"{where}: type changed from {type_of(b)} to {type_of(h)}")
            return
        if direction == "request":
            self._request_schema(where, b, h)
        else:
            h_props = h.get("properties") or {}
            for name in b.get("properties") or {}:
                if name not in h_props:
                    self.problems.append(f"{where}: property {name} removed")
            required = set(h.get("required") or [])
            for name in b.get("required") or []:
                if name in h_props and name not in required:
                    self.problems.append(f"{where}: property {name} no longer always present")
        for name, sub in (b.get("properties") or {}).items():
            after = (h.get("properties") or {}).get(name)
            if after:
                self.schema(f"{where}.{name}", sub, after, direction, depth + 1)
        if b.get("items") and h.get("items"):
            self.schema(f"{where}[]", b["items"], h["items"], direction, depth + 1)

    def _request_schema(self, where: str, b: dict[str, Any], h: dict[str, Any]) -> None:
        for key, tighter in TIGHTER.items():
            before, after = b.get(key), h.get(key)
            if after is None:
                continue
            new_limit = key.startswith("max") or after > 0
            if (before is None and new_limit) or (before is not None and tighter(before, after)):
                self.problems.append(f"{where}: {key} tightened from {before or 'none'} to {after}")
        if isinstance(h.get("enum"), list):
            removed = [v for v in b.get("enum") or ["(any value)"] if v not in h["enum"]]
            if removed:
                values = ", ".join(map(str, removed))
                self.problems.append(f"{where}: accepted values removed: {values}")
        required = set(b.get("required") or [])
        for name in h.get("required") or []:
            if name not in required:
                self.problems.append(f"{where}: new required property {name}")

    def parameters(self, where: str, ops: tuple[Any, Any], paths: tuple[Any, Any]) -> None:
        def collect(doc: Any, path: Any, op: Any) -> dict[str, Any]:
            items = [
                resolve(doc, p)
                for p in (path.get("parameters") or []) + (op.get("parameters") or [])
            ]
            return {
                f"{p['in']}:{p['name']}": p for p in items if isinstance(p, dict) and "name" in p
            }

        base = collect(self.base, paths[0], ops[0])
        head = collect(self.head, paths[1], ops[1])
        for key, p in head.items():
            before = base.get(key)
            if before is None and p.get("required"):
                self.problems.append(f"{where}: new required parameter {key}")
            if before is not None and p.get("required") and not before.get("required"):
                self.problems.append(f"{where}: parameter {key} became required")
            if before is not None:
                self.schema(
                    f"{where} parameter {key}", before.get("schema"), p.get("schema"), "request"
                )
        for key in base:
            if key not in head and key.startswith("path:"):
                self.problems.append(f"{where}: path parameter {key} removed")

    def operation(self, where: str, ops: tuple[Any, Any], paths: tuple[Any, Any]) -> None:
        self.parameters(where, ops, paths)
        b_body = resolve(self.base, ops[0].get("requestBody")) or {}
        h_body = resolve(self.head, ops[1].get("requestBody")) or {}
        if h_body.get("required") and not b_body.get("required"):
            self.problems.append(f"{where}: request body became required")
        for media, content in (h_body.get("content") or {}).items():
            before = (b_body.get("content") or {}).get(media)
            if before:
                self.schema(
                    f"{where} request {media}",
                    before.get("schema"),
                    content.get("schema"),
                    "request",
                )
        h_responses = ops[1].get("responses") or {}
        for code, raw in (ops[0].get("responses") or {}).items():
            if str(code) not in {str(c) for c in h_responses}:
                if str(code).startswith("2"):
                    self.problems.append(f"{where}: response {code} removed")
                continue
            b = resolve(self.base, raw) or {}
            h = resolve(self.head, h_responses.get(code, h_responses.get(str(code)))) or {}
            for media, content in (b.get("content") or {}).items():
                after = (h.get("content") or {}).get(media)
                if not after:
                    self.problems.append(f"{where}: response {code} no longer returns {media}")
                else:
                    self.schema(
                        f"{where} response {code}",
                        content.get("schema"),
                        after.get("schema"),
                        "response",
                    )


def breaking_changes(base: Any, head: Any) -> list[str]:
    """Changes in `head` that break clients of `base` (parsed OpenAPI 3 documents)."""
    diff = Diff(base, head)
    head_paths = (head or {}).get("paths") or {}
    for path, b_path in ((base or {}).get("paths") or {}).items():
        h_path = head_paths.get(path)
        if not h_path:
            diff.problems.append(f"{path}: path removed")
            continue
        for method in (m for m in METHODS if m in b_path):
            where = f"{method.upper()} {path}"
            if method not in h_path:
                diff.problems.append(f"{where}: operation removed")
            else:
                diff.operation(where, (b_path[method], h_path[method]), (b_path, h_path))
    return diff.problems


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: check_api_compat.py <base-ref> [contract]", file=sys.stderr)
        return 2
    base_ref, contract = argv[0], argv[1] if len(argv) > 1 else "api/openapi.yaml"
    head = yaml.safe_load(Path(contract).read_text())
    try:
        git("rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}")
    except subprocess.CalledProcessError:
        if git("rev-list", "--max-parents=0", "HEAD").strip() == git("rev-parse", "HEAD").strip():
            print(f"{base_ref} does not exist and HEAD is the first commit: no earlier contract")
            return 0
        print(f"base ref {base_ref} does not exist (fetch it: fetch-depth: 0)", file=sys.stderr)
        return 2
    try:
        base_text = git("show", f"{base_ref}:{contract}")
    except subprocess.CalledProcessError:
        print(f"{contract} is new (not in {base_ref}): nothing to compare")
        return 0
    problems = breaking_changes(yaml.safe_load(base_text), head)
    if problems:
        print(
            f"{contract}: {len(problems)} breaking change(s) against {base_ref}:", file=sys.stderr
        )
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        print("Publish a new major API version (a new path prefix) instead.", file=sys.stderr)
        return 1
    print(f"{contract}: no breaking change against {base_ref}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

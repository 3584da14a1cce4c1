"""The entity of catalog-info.yaml, read without a YAML dependency.

Shared by the Gatekeeper release scripts (check_release_gate.py,
report_deployment.py), which run before the project's dependencies are
installed.
"""

from __future__ import annotations

import re
from pathlib import Path


def unquote(value: str) -> str:
    value = re.sub(r"\s+#.*$", "", value.strip())
    match = re.match(r"^([\"'])(.*)\1$", value)
    return match.group(2) if match else value


def read_catalog_entity(file: Path) -> dict[str, str]:
    """Kind (lower case), metadata.namespace and metadata.name of the first document.

    Raises ValueError saying why when the file cannot be read or names no entity.
    """
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(
            f"GATEKEEPER_ENTITY_REF is not set and {file} cannot be read: {error}"
        ) from error
    entity = {"kind": "component", "namespace": "default"}
    in_metadata = False
    for line in text.split("\n"):
        if re.match(r"^---\s*$", line) and "name" in entity:
            break
        top = re.match(r"^([A-Za-z]+):\s*(.*)$", line)
        if top:
            in_metadata = top.group(1) == "metadata"
            if top.group(1) == "kind":
                entity["kind"] = unquote(top.group(2)).lower()
            continue
        field = re.match(r"^ {2}(name|namespace):\s*(.+)$", line)
        if in_metadata and field:
            entity[field.group(1)] = unquote(field.group(2))
    if "name" not in entity:
        raise ValueError(f"{file} has no metadata.name")
    return entity

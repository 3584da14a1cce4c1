"""The service's PostgreSQL access: a greeting counter (pg8000, pure Python).

Connection settings come from the standard libpq variables PGHOST, PGPORT,
PGUSER, PGPASSWORD and PGDATABASE. Covered by the integration tests
(integration_tests/), which CI runs against a real PostgreSQL service.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pg8000.native

_SCHEMA = """
CREATE TABLE IF NOT EXISTS greetings (
  name text PRIMARY KEY CHECK (char_length(name) BETWEEN 1 AND 64),
  count integer NOT NULL
)
"""

Error = pg8000.native.Error
"""Every error the store raises (connection and query failures)."""


def _env_settings() -> dict[str, Any]:
    return {
        "host": os.environ.get("PGHOST", "127.0.0.1"),
        "port": int(os.environ.get("PGPORT", "5432")),
        "user": os.environ.get("PGUSER", "postgres"),
        "password": os.environ.get("PGPASSWORD") or None,
        "database": os.environ.get("PGDATABASE") or None,
    }


@dataclass
class GreetingStore:
    """Greeting counts per name; one connection per call."""

    settings: dict[str, Any] = field(default_factory=_env_settings)

    def _run(self, sql: str, **params: Any) -> list[list[Any]]:
        conn = pg8000.native.Connection(timeout=10, **self.settings)
        try:
            rows: list[list[Any]] = conn.run(sql, **params)
            return rows
        finally:
            conn.close()

    def migrate(self) -> None:
        """Creates the schema when missing (idempotent)."""
        self._run(_SCHEMA)

    def record_greeting(self, name: str) -> int:
        """Counts one greeting of `name` and returns how many it has had."""
        rows = self._run(
            "INSERT INTO greetings (name, count) VALUES (:name, 1) "
            "ON CONFLICT (name) DO UPDATE SET count = greetings.count + 1 "
            "RETURNING count",
            name=name,
        )
        if not rows:
            raise RuntimeError("record_greeting: no row returned")
        return int(rows[0][0])

    def ping(self) -> bool:
        """True when the database answers a query."""
        try:
            self._run("SELECT 1")
            return True
        except (Error, OSError):
            return False

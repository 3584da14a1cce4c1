"""Minimal Prometheus metrics: the request counter behind the SLO
(slo/openslo.yaml) and the canary analysis (deploy/analysis-template.yaml)."""

from __future__ import annotations

import threading
from collections import Counter


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class Metrics:
    def __init__(self, service: str) -> None:
        self.service = service
        self._requests: Counter[tuple[str, str, int]] = Counter()
        self._lock = threading.Lock()

    def record_request(self, method: str, route: str, code: int) -> None:
        with self._lock:
            self._requests[(method, route, code)] += 1

    def render(self) -> str:
        lines = [
            "# HELP http_requests_total HTTP requests served, by route and status code.",
            "# TYPE http_requests_total counter",
        ]
        with self._lock:
            items = sorted(self._requests.items())
        for (method, route, code), value in items:
            labels = (
                f'service="{_escape(self.service)}",method="{_escape(method)}",'
                f'route="{_escape(route)}",code="{code}"'
            )
            lines.append(f"http_requests_total{{{labels}}} {value}")
        return "\n".join(lines) + "\n"

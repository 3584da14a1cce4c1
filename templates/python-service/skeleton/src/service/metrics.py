"""Minimal Prometheus metrics: the request counter behind the availability SLO
and the request-duration histogram behind the latency SLO (slo/openslo.yaml);
the canary analysis (deploy/analysis-template.yaml) queries both."""

from __future__ import annotations

import math
import threading
from collections import Counter

# Histogram bucket upper bounds in seconds (the latency SLO threshold is one of them).
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1.0, 2.5, 5.0)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class _Histogram:
    def __init__(self) -> None:
        self.buckets = [0] * len(DURATION_BUCKETS)
        self.total = 0.0
        self.count = 0

    def observe(self, seconds: float) -> None:
        for i, bound in enumerate(DURATION_BUCKETS):
            if seconds <= bound:
                self.buckets[i] += 1
        self.total += seconds
        self.count += 1


class Metrics:
    def __init__(self, service: str) -> None:
        self.service = service
        self._requests: Counter[tuple[str, str, int]] = Counter()
        self._durations: dict[tuple[str, str], _Histogram] = {}
        self._lock = threading.Lock()

    def record_request(
        self, method: str, route: str, code: int, duration_seconds: float | None = None
    ) -> None:
        """Counts a request and, when given, observes its duration in seconds."""
        with self._lock:
            self._requests[(method, route, code)] += 1
            if (
                duration_seconds is None
                or not math.isfinite(duration_seconds)
                or duration_seconds < 0
            ):
                return
            self._durations.setdefault((method, route), _Histogram()).observe(duration_seconds)

    def _labels(self, method: str, route: str) -> str:
        return (
            f'service="{_escape(self.service)}",method="{_escape(method)}",route="{_escape(route)}"'
        )

    def render(self) -> str:
        lines = [
            "# HELP http_requests_total HTTP requests served, by route and status code.",
            "# TYPE http_requests_total counter",
        ]
        with self._lock:
            items = sorted(self._requests.items())
            durations = sorted(
                (key, list(h.buckets), h.total, h.count) for key, h in self._durations.items()
            )
        for (method, route, code), value in items:
            lines.append(
                f'http_requests_total{{{self._labels(method, route)},code="{code}"}} {value}'
            )
        lines += [
            "# HELP http_request_duration_seconds HTTP request duration, by route.",
            "# TYPE http_request_duration_seconds histogram",
        ]
        for (method, route), buckets, total, count in durations:
            labels = self._labels(method, route)
            for bound, n in zip(DURATION_BUCKETS, buckets, strict=True):
                lines.append(f'http_request_duration_seconds_bucket{{{labels},le="{bound:g}"}} {n}')
            lines.append(f'http_request_duration_seconds_bucket{{{labels},le="+Inf"}} {count}')
            lines.append(f"http_request_duration_seconds_sum{{{labels}}} {total:g}")
            lines.append(f"http_request_duration_seconds_count{{{labels}}} {count}")
        return "\n".join(lines) + "\n"

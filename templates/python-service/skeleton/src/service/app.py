"""WSGI application: health probes, metrics and the example API."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from service.metrics import Metrics

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def create_app(
    service: str,
    version: str,
    logger: logging.Logger,
    metrics: Metrics,
    is_ready: Callable[[], bool] = lambda: True,
) -> WsgiApp:
    def greeting(query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        name = (query.get("name") or ["world"])[0].strip()
        if not 1 <= len(name) <= 64:
            return 400, {"error": "name must be 1 to 64 characters"}
        return 200, {"message": f"Hello, {name}!", "service": service}

    routes: dict[str, Callable[[dict[str, list[str]]], tuple[int, dict[str, Any]]]] = {
        "/healthz": lambda _q: (200, {"status": "ok"}),
        "/readyz": lambda _q: (
            (200, {"status": "ready"}) if is_ready() else (503, {"status": "not ready"})
        ),
        "/api/v1/greeting": greeting,
        "/version": lambda _q: (200, {"service": service, "version": version}),
    }

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        route = path if path in routes or path == "/metrics" else "unmatched"
        content_type = "application/json; charset=utf-8"
        try:
            if method not in ("GET", "HEAD"):
                status, body = 405, json.dumps({"error": f"method {method} not allowed"})
            elif path == "/metrics":
                status, body = 200, metrics.render()
                content_type = "text/plain; version=0.0.4"
            elif path in routes:
                code, payload = routes[path](parse_qs(environ.get("QUERY_STRING", "")))
                status, body = code, json.dumps(payload)
            else:
                status, body = 404, json.dumps({"error": f"no route for {path}"})
        except Exception:
            logger.exception("request failed", extra={"path": path})
            status, body = 500, json.dumps({"error": "internal error"})
        data = body.encode()
        start_response(
            f"{status} {_REASONS.get(status, '')}".strip(),
            [("Content-Type", content_type), ("Content-Length", str(len(data)))],
        )
        duration = time.perf_counter() - started
        metrics.record_request(method, route, status, duration)
        logger.info(
            "request",
            extra={
                "method": method,
                "route": route,
                "path": path,
                "status": status,
                "durationMs": round(duration * 1000, 3),
            },
        )
        return [data]

    return app

import io
import json
import logging
from typing import Any
from wsgiref.util import setup_testing_defaults

from service.app import create_app
from service.logging_setup import configure_logging
from service.metrics import Metrics


def call(app: Any, path: str, query: str = "", method: str = "GET") -> tuple[str, str]:
    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    captured: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured["status"] = status

    body = b"".join(app(environ, start_response)).decode()
    return captured["status"], body


def make_app(ready: bool = True) -> tuple[Any, io.StringIO]:
    stream = io.StringIO()
    logger = configure_logging("test-svc", stream=stream)
    return create_app("test-svc", "1.2.3", logger, Metrics("test-svc"), lambda: ready), stream


def test_health_and_readiness() -> None:
    app, _ = make_app()
    assert call(app, "/healthz") == ("200 OK", json.dumps({"status": "ok"}))
    assert call(app, "/readyz")[0] == "200 OK"
    not_ready, _ = make_app(ready=False)
    assert call(not_ready, "/readyz")[0] == "503 Service Unavailable"


def test_greeting_validates_input() -> None:
    app, _ = make_app()
    status, body = call(app, "/api/v1/greeting", "name=Ada")
    assert status == "200 OK"
    assert json.loads(body) == {"message": "Hello, Ada!", "service": "test-svc"}
    assert call(app, "/api/v1/greeting", "name=" + "x" * 65)[0] == "400 Bad Request"
    assert json.loads(call(app, "/version")[1]) == {"service": "test-svc", "version": "1.2.3"}


def test_errors_are_json() -> None:
    app, _ = make_app()
    status, body = call(app, "/nope")
    assert status == "404 Not Found"
    assert json.loads(body) == {"error": "no route for /nope"}
    assert call(app, "/healthz", method="POST")[0] == "405 Method Not Allowed"


def test_metrics_and_json_request_logs() -> None:
    app, stream = make_app()
    call(app, "/healthz")
    call(app, "/nope")
    _, text = call(app, "/metrics")
    assert 'route="/healthz",code="200"} 1' in text
    assert 'route="unmatched",code="404"} 1' in text
    first = json.loads(stream.getvalue().splitlines()[0])
    assert first["level"] == "info"
    assert first["msg"] == "request"
    assert first["route"] == "/healthz"
    assert first["status"] == 200


def test_handler_failure_returns_500() -> None:
    stream = io.StringIO()
    logger = configure_logging("boom", stream=stream)

    def broken() -> bool:
        raise RuntimeError("probe exploded")

    app = create_app("boom", "v", logger, Metrics("boom"), broken)
    status, body = call(app, "/readyz")
    assert status == "500 Internal Server Error"
    assert json.loads(body) == {"error": "internal error"}
    record = json.loads(stream.getvalue().splitlines()[0])
    assert record["level"] == "error"
    assert record["error"] == {"name": "RuntimeError", "message": "probe exploded"}
    logging.getLogger("boom").handlers.clear()

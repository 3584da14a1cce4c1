import io
import json

from service.logging_setup import configure_logging
from service.metrics import Metrics


def test_metrics_escape_labels() -> None:
    metrics = Metrics('s"v')
    metrics.record_request("GET", "/a\nb", 200)
    text = metrics.render()
    assert "# TYPE http_requests_total counter" in text
    assert 'service="s\\"v"' in text
    assert 'route="/a\\nb"' in text


def test_log_level_filtering_and_fields() -> None:
    stream = io.StringIO()
    logger = configure_logging("svc", level="warning", stream=stream)
    logger.info("dropped")
    logger.warning("kept", extra={"requestId": "r1"})
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 1
    assert lines[0]["level"] == "warning"
    assert lines[0]["service"] == "svc"
    assert lines[0]["requestId"] == "r1"


def test_unknown_level_defaults_to_info() -> None:
    stream = io.StringIO()
    logger = configure_logging("svc2", level="verbose", stream=stream)
    logger.debug("dropped")
    logger.info("kept")
    assert len(stream.getvalue().splitlines()) == 1

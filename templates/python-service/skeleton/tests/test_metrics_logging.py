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


def test_duration_histogram_has_cumulative_buckets_sum_and_count() -> None:
    metrics = Metrics("svc")
    metrics.record_request("GET", "/a", 200, 0.02)
    metrics.record_request("GET", "/a", 500, 0.4)
    metrics.record_request("GET", "/a", 200, 7.0)
    text = metrics.render()
    labels = 'service="svc",method="GET",route="/a"'
    assert "# TYPE http_request_duration_seconds histogram" in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="0.01"}} 0' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="0.025"}} 1' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="0.3"}} 1' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="0.5"}} 2' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="5"}} 2' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="+Inf"}} 3' in text
    assert f"http_request_duration_seconds_sum{{{labels}}} 7.42" in text
    assert f"http_request_duration_seconds_count{{{labels}}} 3" in text


def test_invalid_durations_are_not_observed_but_counted() -> None:
    metrics = Metrics("svc")
    metrics.record_request("GET", "/b", 200, -1.0)
    metrics.record_request("GET", "/b", 200, float("inf"))
    metrics.record_request("GET", "/b", 200)
    text = metrics.render()
    assert 'http_requests_total{service="svc",method="GET",route="/b",code="200"} 3' in text
    assert "http_request_duration_seconds_count" not in text

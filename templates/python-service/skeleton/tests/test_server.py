import json
import urllib.request

from service.server import Server


def test_server_serves_http() -> None:
    server = Server(0, host="127.0.0.1", version="9.9.9")
    server.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        with urllib.request.urlopen(f"{base}/healthz") as res:  # noqa: S310
            assert json.loads(res.read()) == {"status": "ok"}
        with urllib.request.urlopen(f"{base}/version") as res:  # noqa: S310
            assert json.loads(res.read())["version"] == "9.9.9"
    finally:
        server.stop()
    assert server.ready is False

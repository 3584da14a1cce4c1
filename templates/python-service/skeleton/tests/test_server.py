import json
import socket
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


def test_health_answers_while_idle_connections_are_open() -> None:
    server = Server(0, host="127.0.0.1")
    server.start()
    idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(3)]
    try:
        # one idle client sent half a request and waits; the others sent nothing
        idle[0].sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        url = f"http://127.0.0.1:{server.port}/healthz"
        for _ in range(3):
            with urllib.request.urlopen(url, timeout=5) as res:  # noqa: S310
                assert json.loads(res.read()) == {"status": "ok"}
    finally:
        for conn in idle:
            conn.close()
        server.stop()

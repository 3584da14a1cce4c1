"""HTTP server entry point: the stdlib WSGI server, one thread per connection.

A single-threaded server stops answering every request (health checks
included) while one client keeps an idle connection open; with a thread per
connection an idle or slow client only holds its own thread.
"""

from __future__ import annotations

import os
import signal
import threading
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from service import SERVICE_NAME
from service.app import create_app
from service.logging_setup import configure_logging
from service.metrics import Metrics

# Idle connections are closed after this many seconds.
REQUEST_TIMEOUT_SECONDS = 30.0


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """WSGIServer that handles each connection in its own daemon thread."""

    daemon_threads = True
    block_on_close = False


class _QuietHandler(WSGIRequestHandler):
    timeout = REQUEST_TIMEOUT_SECONDS

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Access logs are written as JSON by the application."""


class Server:
    def __init__(
        self,
        port: int,
        host: str = "0.0.0.0",  # noqa: S104
        version: str = "dev",
    ) -> None:
        self.logger = configure_logging(SERVICE_NAME, os.environ.get("LOG_LEVEL", "INFO"))
        self.ready = False
        app = create_app(
            SERVICE_NAME, version, self.logger, Metrics(SERVICE_NAME), is_ready=lambda: self.ready
        )
        self.httpd: WSGIServer = make_server(
            host, port, app, server_class=ThreadingWSGIServer, handler_class=_QuietHandler
        )
        self.port = self.httpd.server_port
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        self.ready = True
        self.logger.info("listening", extra={"port": self.port})

    def stop(self) -> None:
        self.ready = False
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join()


def main() -> None:
    server = Server(
        int(os.environ.get("PORT", "8080")), version=os.environ.get("APP_VERSION", "dev")
    )
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    server.start()
    stop.wait()
    server.logger.info("shutting down")
    server.stop()

"""HTTP/JSON transport: FastAPI routes for the protocol paths, GET /health, served by uvicorn."""
from __future__ import annotations

import json
import socket
import sys
from typing import TYPE_CHECKING, Optional

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .models import HTTP_PATHS
from .plugin import failure
from .security import check_listen_host, resolve_secret, secret_matches

if TYPE_CHECKING:
    from .plugin import MockForgePlugin

MAX_REQUEST_BYTES = 16 * 1024 * 1024


def create_app(plugin: "MockForgePlugin", secret: Optional[str] = None) -> FastAPI:
    app = FastAPI(title=type(plugin).__name__, docs_url=None, redoc_url=None, openapi_url=None)
    expected = resolve_secret(secret)

    @app.get("/health")
    async def health():
        return {"status": "ok", "operations": plugin.operations()}

    def route(operation: str):
        async def handler(request: Request):
            if expected is not None and not secret_matches(expected, request.headers.get):
                return JSONResponse(failure("unauthorized", "missing or wrong credentials: send Authorization: Bearer <secret> or X-API-Key: <secret>"), status_code=401)
            raw = await request.body()
            if len(raw) > MAX_REQUEST_BYTES:
                return JSONResponse(failure("bad_input", f"the request body is larger than {MAX_REQUEST_BYTES} bytes"), status_code=413)
            try:
                body = json.loads(raw) if raw else {}
            except ValueError as err:
                return JSONResponse(failure("bad_input", f"the request body is not valid JSON: {err}"), status_code=400)
            result = await plugin.dispatch(operation, body)
            return JSONResponse(result.envelope, status_code=result.status)

        handler.__name__ = operation
        return handler

    for op, path in HTTP_PATHS.items():
        app.add_api_route(path, route(op), methods=["POST"])
    return app


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run_http(plugin: "MockForgePlugin", host: str, port: int, *, allow_all_interfaces: bool = False,
             secret: Optional[str] = None, log_level: str = "warning", ssl_certfile: Optional[str] = None,
             ssl_keyfile: Optional[str] = None, ssl_ca_certs: Optional[str] = None,
             require_client_cert: bool = False) -> None:
    import ssl

    import uvicorn

    check_listen_host(host, allow_all_interfaces)
    app = create_app(plugin, secret=secret)
    # Bind first so port 0 works and the real port can be announced before serving.
    sock = bind_socket(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    scheme = "https" if ssl_certfile else "http"
    print(f"mockforge plugin listening on {scheme}://{shown}:{actual}", flush=True)
    config = uvicorn.Config(
        app, log_level=log_level, timeout_graceful_shutdown=10,
        ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile, ssl_ca_certs=ssl_ca_certs,
        ssl_cert_reqs=ssl.CERT_REQUIRED if require_client_cert else ssl.CERT_NONE,
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    print("mockforge plugin stopped", file=sys.stderr, flush=True)

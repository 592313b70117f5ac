"""__PLUGIN_NAME__: answers GET /orders/{id} with a generated order, and anything else with 404 — from request data.

Run it: `python3 plugin.py` (listens on 127.0.0.1:$PORT). Configuration: CURRENCY (default EUR).
"""
import base64
import json
import os
import sys
from pathlib import Path
from typing import Any

# The SDK copied into this project by `mockforge-plugin new`, so it runs without `pip install`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "lib" / "mockforge-sdk-python"))

from mockforge_plugin import PluginContext, ResponseData, ResponsePlugin, ResponseRequest  # noqa: E402


def json_response(status: int, value: Any) -> ResponseData:
    body = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    return ResponseData(status_code=status, content_type="application/json", headers={},
                        body=base64.b64encode(body).decode())


def order_id(request: ResponseRequest) -> str:
    """The id path parameter, else the last segment of /orders/<id>, else ""."""
    params = getattr(request, "path_params", None) or {}
    if params.get("id"):
        return params["id"]
    parts = (request.path or request.uri or "").split("?", 1)[0].split("/")
    return parts[-1] if len(parts) >= 3 and parts[-2] == "orders" else ""


class Orders(ResponsePlugin):
    def __init__(self, currency: str = "EUR"):
        self.currency = currency

    async def generate_response(self, context: PluginContext, request: ResponseRequest) -> ResponseData:
        oid = order_id(request)
        if request.method != "GET" or not oid:
            return json_response(404, {"error": "not_found", "message": f"no mock for {request.method} {request.uri}"})
        # Deterministic data from the id, so the same request always gets the same order.
        seed = 0
        for byte in oid.encode():
            seed = (seed * 31 + byte) & 0xFFFF
        items = 1 + seed % 3
        res = json_response(200, {
            "id": oid,
            "status": "shipped" if seed % 2 == 0 else "processing",
            "items": items,
            "total": items * 1999 / 100,
            "currency": self.currency,
        })
        res.headers["cache-control"] = "no-store"
        res.headers["x-mock-source"] = "__PLUGIN_ID__"
        return res


if __name__ == "__main__":
    plugin, port = Orders(os.environ.get("CURRENCY", "EUR")), int(os.environ.get("PORT", "__PORT__"))
    # PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
    if os.environ.get("PROTOCOL") == "grpc":
        plugin.serve_grpc(port=port)
    else:
        plugin.run(port=port)

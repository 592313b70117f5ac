"""__PLUGIN_NAME__: answers GET /orders/{id} with a generated order, and anything else with 404 — from request data.

MockForge runs this file under Pyodide and uses the one ResponsePlugin subclass it defines. Configuration
(`currency` in plugin.yaml, default EUR) comes from the host through `mockforge_host.config_get`.
"""
import base64
import json
from typing import Any

import mockforge_host
from mockforge_plugin import PluginContext, ResponseData, ResponsePlugin, ResponseRequest


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
            "currency": mockforge_host.config_get("currency") or "EUR",
        })
        res.headers["cache-control"] = "no-store"
        res.headers["x-mock-source"] = "__PLUGIN_ID__"
        return res

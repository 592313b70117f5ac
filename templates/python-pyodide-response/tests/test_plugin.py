"""Unit tests of the plugin, run natively with pytest: `python3 -m pytest`. The same requests run under Pyodide with
`mockforge-plugin test`."""
import asyncio
import base64
import json

from mockforge_plugin import PluginContext, ResponseRequest

from plugin import Orders


def respond(method, uri):
    context = PluginContext(method=method, uri=uri)
    return asyncio.run(Orders().generate_response(context, ResponseRequest(method=method, uri=uri, path=uri)))


def body(res):
    return json.loads(base64.b64decode(res.body))


def test_get_order_is_a_json_order(config):
    res = respond("GET", "/orders/A-1001")
    assert res.status_code == 200
    assert res.content_type == "application/json"
    assert res.headers["cache-control"] == "no-store"
    assert body(res) == {"id": "A-1001", "status": "shipped", "items": 2, "total": 39.98, "currency": "EUR"}


def test_the_same_id_gives_the_same_order_and_currency_is_configurable(config):
    config["currency"] = "USD"
    assert body(respond("GET", "/orders/B-7")) == body(respond("GET", "/orders/B-7"))
    assert body(respond("GET", "/orders/B-7"))["currency"] == "USD"


def test_anything_else_is_404(config):
    res = respond("DELETE", "/customers/7")
    assert res.status_code == 404
    assert body(res)["error"] == "not_found"

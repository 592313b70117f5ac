"""Unit tests of the plugin, run in-process with pytest (no server needed): `python3 -m pytest`."""
import asyncio
import base64
import json

from mockforge_plugin import PluginContext, ResponseRequest

from plugin import Orders


def respond(method, uri, currency="EUR"):
    context = PluginContext(method=method, uri=uri)
    return asyncio.run(Orders(currency).generate_response(context, ResponseRequest(method=method, uri=uri, path=uri)))


def body(res):
    return json.loads(base64.b64decode(res.body))


def test_get_order_is_a_json_order():
    res = respond("GET", "/orders/A-1001")
    assert res.status_code == 200
    assert res.content_type == "application/json"
    assert res.headers["cache-control"] == "no-store"
    assert body(res) == {"id": "A-1001", "status": "shipped", "items": 2, "total": 39.98, "currency": "EUR"}


def test_the_same_id_gives_the_same_order_and_currency_is_configurable():
    assert body(respond("GET", "/orders/B-7", "USD")) == body(respond("GET", "/orders/B-7", "USD"))
    assert body(respond("GET", "/orders/B-7", "USD"))["currency"] == "USD"


def test_anything_else_is_404():
    res = respond("DELETE", "/customers/7")
    assert res.status_code == 404
    assert body(res)["error"] == "not_found"

"""The FastAPI app of the SDK, driven through httpx's ASGI transport (the uvicorn server itself is exercised by the
host's remote tests, test/remote/http-sdk.test.ts)."""
import base64

import pytest
from fastapi.testclient import TestClient

from conftest import CONTEXT, AuthOnly
from mockforge_plugin.security import check_listen_host


def client(plugin, secret=None):
    return TestClient(plugin.app(secret=secret))


def test_every_operation(plugin):
    c = client(plugin)
    r = c.post("/plugin/authenticate", json={"context": CONTEXT, "credentials": {"type": "bearer", "token": "let-me-in"}})
    assert r.status_code == 200
    assert r.json() == {"success": True, "result": {"authenticated": True, "user_id": "u1", "claims": {"role": "admin", "uri": "/api/users"}, "metadata": {}}}
    assert c.post("/plugin/template/list", json={}).json()["result"]["functions"][0]["name"] == "upper"
    assert c.post("/plugin/template/execute", json={"function_name": "upper", "args": ["ab"]}).json() == {"success": True, "result": {"result": "AB"}}
    gen = c.post("/plugin/response/generate", json={"context": CONTEXT, "request": {"path": "/x"}}).json()["result"]
    assert gen["status_code"] == 200 and base64.b64decode(gen["body"]) == b"hi"
    q = c.post("/plugin/datasource/query", json={"query": {"query": "select", "limit": 5}}).json()["result"]
    assert q["rows"] == [{"values": {"q": "select", "limit": 5}, "metadata": {}}]
    assert isinstance(q["execution_time_ms"], int)
    caps = c.post("/plugin/capabilities", json={}).json()["result"]
    assert caps["types"] == ["auth", "template", "response", "datasource"]


def test_health(plugin):
    r = client(plugin).get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_validation_error_is_400_with_envelope(plugin):
    r = client(plugin).post("/plugin/authenticate", json={"context": CONTEXT})
    assert r.status_code == 400
    body = r.json()
    assert body["success"] is False
    assert body["error"]["code"] == "bad_input"
    assert "credentials" in body["error"]["message"]


def test_invalid_json_is_400(plugin):
    r = client(plugin).post("/plugin/authenticate", content=b"{nope", headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_input"


def test_exception_becomes_plugin_error_and_server_keeps_serving(plugin):
    c = client(plugin)
    r = c.post("/plugin/template/execute", json={"function_name": "boom", "args": []})
    assert r.status_code == 200
    assert r.json() == {"success": False, "error": {"code": "plugin_error", "message": "kaboom"}}
    assert c.post("/plugin/template/execute", json={"function_name": "upper", "args": ["x"]}).json()["success"] is True


def test_plugin_error_keeps_code_and_details(plugin):
    r = client(plugin).post("/plugin/template/execute", json={"function_name": "refuse", "args": []})
    assert r.json() == {"success": False, "error": {"code": "plugin_error", "message": "not today", "details": {"why": "testing"}}}


def test_unimplemented_operation_is_unsupported():
    r = client(AuthOnly()).post("/plugin/datasource/query", json={"query": {"query": "x"}})
    assert r.status_code == 404 and r.json()["error"]["code"] == "unsupported_operation"
    assert client(AuthOnly()).post("/plugin/capabilities", json={}).json()["result"]["types"] == ["auth"]


def test_shared_secret_bearer_and_api_key(plugin, monkeypatch):
    c = client(plugin, secret="s3")
    body = {"context": CONTEXT, "credentials": {"type": "bearer", "token": "let-me-in"}}
    wrong = c.post("/plugin/authenticate", json=body, headers={"x-api-key": "guess"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    assert c.post("/plugin/authenticate", json=body).status_code == 401
    assert c.post("/plugin/authenticate", json=body, headers={"x-api-key": "s3"}).status_code == 200
    assert c.post("/plugin/authenticate", json=body, headers={"authorization": "Bearer s3"}).status_code == 200
    assert c.get("/health").status_code == 200


def test_secret_from_environment(plugin, monkeypatch):
    monkeypatch.setenv("MOCKFORGE_PLUGIN_SECRET", "from-env")
    c = client(plugin)
    assert c.post("/plugin/template/list", json={}).status_code == 401
    assert c.post("/plugin/template/list", json={}, headers={"authorization": "Bearer from-env"}).status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_refuses_all_interfaces_without_flag(host, plugin):
    with pytest.raises(ValueError, match="refusing to listen"):
        check_listen_host(host, False)
    with pytest.raises(ValueError, match="refusing to listen"):
        plugin.run(host=host, port=0)
    check_listen_host(host, True)

import base64
from pathlib import Path

import pytest

from mockforge_plugin import AuthResult, DataResult, MockForgePlugin, PluginError, ResponseData, TemplateFunction

REPO = Path(__file__).resolve().parents[3]
PROTO = REPO / "wit" / "plugin.proto"


class EveryKind(MockForgePlugin):
    async def authenticate(self, context, credentials):
        if credentials.token == "let-me-in":
            return AuthResult(authenticated=True, user_id="u1", claims={"role": "admin", "uri": context.uri})
        return AuthResult(authenticated=False)

    async def list_functions(self):
        return [TemplateFunction(name="upper", return_type="string")]

    async def execute_function(self, function_name, args, context):
        if function_name == "boom":
            raise RuntimeError("kaboom")
        if function_name == "refuse":
            raise PluginError("not today", details={"why": "testing"})
        return str(args[0]).upper()

    async def generate_response(self, context, request):
        return ResponseData(status_code=200, body=base64.b64encode(b"hi").decode(), content_type="text/plain")

    async def query(self, query, context):
        return DataResult(rows=[{"values": {"q": query.query, "limit": query.limit}}])


class AuthOnly(MockForgePlugin):
    async def authenticate(self, context, credentials):
        return AuthResult(authenticated=True, user_id="only")


CONTEXT = {"method": "GET", "uri": "/api/users", "headers": {"x-a": "1"}}


@pytest.fixture
def plugin():
    return EveryKind()

"""The SDK's grpc.aio server on a free loopback port, called through stubs generated from wit/plugin.proto."""
import asyncio
import json

import grpc

from conftest import CONTEXT
from mockforge_plugin.codec import load_proto
from mockforge_plugin.grpc_server import build_server

pb2, pb2_grpc = load_proto()


def run(plugin, body, secret=None, metadata=None):
    async def main():
        server = build_server(plugin, secret=secret)
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                return await body(pb2_grpc.PluginServiceStub(channel), metadata)
        finally:
            await server.stop(grace=None)

    return asyncio.run(main())


def ctx():
    return pb2.PluginContext(method=CONTEXT["method"], uri=CONTEXT["uri"], headers=CONTEXT["headers"])


def test_every_operation(plugin):
    async def body(stub, md):
        auth = await stub.Authenticate(pb2.AuthenticateRequest(context=ctx(), credentials=pb2.AuthCredentials(type="bearer", token="let-me-in")))
        assert auth.success and auth.result.authenticated and auth.result.user_id == "u1"
        assert json.loads(auth.result.claims["role"]) == "admin"
        listed = await stub.ListFunctions(pb2.ListFunctionsRequest())
        assert [f.name for f in listed.result.functions] == ["upper"]
        ex = await stub.ExecuteFunction(pb2.ExecuteFunctionRequest(function_name="upper", args=[json.dumps("ab")]))
        assert ex.success and json.loads(ex.result.result) == "AB"
        gen = await stub.GenerateResponse(pb2.GenerateResponseRequest(context=ctx(), request=pb2.ResponseRequest(path="/x")))
        assert gen.success and gen.result.status_code == 200 and gen.result.body == b"hi"
        q = await stub.Query(pb2.QueryRequest(query=pb2.DataQuery(query="select", limit=3)))
        assert q.success and json.loads(q.result.rows[0].values["q"]) == "select" and json.loads(q.result.rows[0].values["limit"]) == 3
        caps = await stub.GetCapabilities(pb2.GetCapabilitiesRequest())
        assert list(caps.result.types) == ["auth", "template", "response", "datasource"]
        health = await stub.Health(pb2.HealthRequest())
        assert health.status == "ok"

    run(plugin, body)


def test_exception_is_plugin_error_and_server_keeps_serving(plugin):
    async def body(stub, md):
        boom = await stub.ExecuteFunction(pb2.ExecuteFunctionRequest(function_name="boom"))
        assert not boom.success and boom.error.code == "plugin_error" and boom.error.message == "kaboom"
        ok = await stub.ExecuteFunction(pb2.ExecuteFunctionRequest(function_name="upper", args=['"x"']))
        assert ok.success

    run(plugin, body)


def test_invalid_json_text_is_bad_input(plugin):
    async def body(stub, md):
        bad = await stub.ExecuteFunction(pb2.ExecuteFunctionRequest(function_name="upper", args=["{not json"]))
        assert not bad.success and bad.error.code == "bad_input" and "ExecuteFunctionRequest.args" in bad.error.message

    run(plugin, body)


def test_secret_checked_from_metadata(plugin):
    async def body(stub, md):
        try:
            await stub.ListFunctions(pb2.ListFunctionsRequest(), metadata=(("x-api-key", "wrong"),))
            raise AssertionError("expected UNAUTHENTICATED")
        except grpc.aio.AioRpcError as err:
            assert err.code() == grpc.StatusCode.UNAUTHENTICATED
        ok = await stub.ListFunctions(pb2.ListFunctionsRequest(), metadata=(("authorization", "Bearer s3"),))
        assert ok.success

    run(plugin, body, secret="s3")

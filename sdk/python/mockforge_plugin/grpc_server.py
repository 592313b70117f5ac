"""gRPC transport: mockforge.plugin.v1.PluginService (plugin.proto, loaded at run time by grpcio-tools) on grpc.aio."""
from __future__ import annotations

import asyncio
import signal
import sys
from typing import TYPE_CHECKING, Optional

import grpc

from .codec import CodecError, load_proto, message_to_wire, wire_to_message
from .plugin import failure
from .security import check_listen_host, resolve_secret, secret_matches

if TYPE_CHECKING:
    from .plugin import MockForgePlugin

GRPC_METHODS = {
    "authenticate": "Authenticate",
    "list_functions": "ListFunctions",
    "execute_function": "ExecuteFunction",
    "generate_response": "GenerateResponse",
    "query": "Query",
    "get_capabilities": "GetCapabilities",
}


def build_server(plugin: "MockForgePlugin", secret: Optional[str] = None, proto_path: Optional[str] = None) -> grpc.aio.Server:
    pb2, pb2_grpc = load_proto(proto_path)
    expected = resolve_secret(secret)
    service = pb2.DESCRIPTOR.services_by_name["PluginService"]

    async def check_auth(context) -> None:
        if expected is None:
            return
        md = {k.lower(): v for k, v in context.invocation_metadata()}
        if not secret_matches(expected, md.get):
            await context.abort(grpc.StatusCode.UNAUTHENTICATED,
                                "missing or wrong credentials: send authorization: Bearer <secret> or x-api-key: <secret> metadata")

    def handler(operation: str, method: str):
        reply_class = getattr(pb2, service.methods_by_name[method].output_type.name)

        async def call(request, context):
            await check_auth(context)
            try:
                body = message_to_wire(request)
                envelope = (await plugin.dispatch(operation, body)).envelope
            except CodecError as err:
                envelope = failure("bad_input", str(err))
            try:
                return wire_to_message(envelope, reply_class)
            except Exception as err:  # noqa: BLE001 - a result that does not fit the proto is the plugin's failure
                return wire_to_message(failure("plugin_error", f"the {operation} result does not fit plugin.proto: {err}"), reply_class)

        return call

    class Servicer(pb2_grpc.PluginServiceServicer):
        async def Health(self, request, context):  # noqa: N802 - gRPC method name
            return pb2.HealthReply(status="ok")

    for op, method in GRPC_METHODS.items():
        setattr(Servicer, method, staticmethod(handler(op, method)))

    server = grpc.aio.server(options=[("grpc.max_receive_message_length", 16 * 1024 * 1024)])
    pb2_grpc.add_PluginServiceServicer_to_server(Servicer(), server)
    return server


async def serve_grpc_async(plugin: "MockForgePlugin", host: str = "127.0.0.1", port: int = 50051, *,
                           allow_all_interfaces: bool = False, secret: Optional[str] = None,
                           proto_path: Optional[str] = None) -> None:
    check_listen_host(host, allow_all_interfaces)
    server = build_server(plugin, secret=secret, proto_path=proto_path)
    shown = f"[{host}]" if ":" in host else host
    actual = server.add_insecure_port(f"{shown}:{port}")
    await server.start()
    print(f"mockforge plugin listening on grpc://{shown}:{actual}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    waiter = asyncio.ensure_future(server.wait_for_termination())
    stopper = asyncio.ensure_future(stop.wait())
    await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
    await server.stop(grace=5)
    waiter.cancel()
    stopper.cancel()
    print("mockforge plugin stopped", file=sys.stderr, flush=True)


def run_grpc(plugin: "MockForgePlugin", host: str, port: int, *, allow_all_interfaces: bool = False,
             secret: Optional[str] = None) -> None:
    asyncio.run(serve_grpc_async(plugin, host, port, allow_all_interfaces=allow_all_interfaces, secret=secret))

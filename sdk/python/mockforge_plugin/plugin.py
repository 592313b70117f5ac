"""Base classes plugin authors subclass (one per plugin kind) and the dispatch both servers share.

dispatch(): validate the request body → call the author's async method → reply envelope. A validation error is a
400 with a bad_input envelope; an exception in the author's code becomes success:false with its message and the
server keeps serving.
"""
from __future__ import annotations

import logging
import time
import traceback
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from pydantic import BaseModel, ValidationError

from .models import (
    REQUEST_MODELS,
    AuthCredentials,
    AuthResult,
    DataQuery,
    DataResult,
    PluginContext,
    ResponseData,
    ResponseRequest,
    TemplateFunction,
)

log = logging.getLogger("mockforge_plugin")

OPERATION_METHODS = {
    "authenticate": "authenticate",
    "list_functions": "list_functions",
    "execute_function": "execute_function",
    "generate_response": "generate_response",
    "query": "query",
}


class PluginError(Exception):
    """Raise to report a failure on purpose, with a protocol error code."""

    def __init__(self, message: str, code: str = "plugin_error", details: Optional[Dict[str, Any]] = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


@dataclass
class DispatchResult:
    status: int
    envelope: Dict[str, Any]


def failure(code: str, message: str, details: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    error: Dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"success": False, "error": error}


def _plain(value: Any) -> Any:
    """Pydantic models (and lists of them) to plain JSON values."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def describe_validation_error(operation: str, err: ValidationError) -> str:
    parts = []
    for e in err.errors():
        loc = ".".join(str(p) for p in e.get("loc", ())) or "(body)"
        parts.append(f"{loc}: {e.get('msg')}")
    return f"{operation}: " + "; ".join(parts)


class MockForgePlugin:
    """Override the async methods of the operations your plugin implements."""

    async def authenticate(self, context: PluginContext, credentials: AuthCredentials) -> AuthResult:
        raise NotImplementedError

    async def list_functions(self) -> List[TemplateFunction]:
        raise NotImplementedError

    async def execute_function(self, function_name: str, args: List[Any], context: Optional[PluginContext]) -> Any:
        raise NotImplementedError

    async def generate_response(self, context: PluginContext, request: ResponseRequest) -> ResponseData:
        raise NotImplementedError

    async def query(self, query: DataQuery, context: Optional[PluginContext]) -> DataResult:
        raise NotImplementedError

    async def get_capabilities(self) -> Dict[str, Any]:
        return {"types": self.kinds(), "metadata": {"operations": self.operations()}}

    def kinds(self) -> List[str]:
        kinds = []
        if self._implements("authenticate"):
            kinds.append("auth")
        if self._implements("list_functions") or self._implements("execute_function"):
            kinds.append("template")
        if self._implements("generate_response"):
            kinds.append("response")
        if self._implements("query"):
            kinds.append("datasource")
        return kinds

    def operations(self) -> List[str]:
        ops = [op for op, name in OPERATION_METHODS.items() if self._implements(name)]
        return ops + ["get_capabilities"]

    def _implements(self, name: str) -> bool:
        return getattr(type(self), name) is not getattr(MockForgePlugin, name)

    async def dispatch(self, operation: str, body: Any) -> DispatchResult:
        """Runs one operation on a parsed JSON body. Never raises."""
        model = REQUEST_MODELS.get(operation)
        if model is None:
            return DispatchResult(404, failure("unsupported_operation", f"unknown operation {operation!r}"))
        if operation in OPERATION_METHODS and not self._implements(OPERATION_METHODS[operation]):
            return DispatchResult(404, failure("unsupported_operation", f"this plugin does not implement {operation}"))
        if not isinstance(body, dict):
            return DispatchResult(400, failure("bad_input", f"{operation}: the request body must be a JSON object"))
        try:
            req = model.model_validate(body)
        except ValidationError as err:
            return DispatchResult(400, failure("bad_input", describe_validation_error(operation, err)))
        try:
            result = await self._call(operation, req)
        except PluginError as err:
            return DispatchResult(200, failure(err.code, err.message, err.details))
        except Exception as err:  # noqa: BLE001 - any bug in the author's code becomes an envelope
            log.error("%s failed:\n%s", operation, traceback.format_exc())
            return DispatchResult(200, failure("plugin_error", str(err) or type(err).__name__))
        return DispatchResult(200, {"success": True, "result": _plain(result)})

    async def _call(self, operation: str, req: Any) -> Any:
        if operation == "authenticate":
            return await self.authenticate(req.context, req.credentials)
        if operation == "list_functions":
            return {"functions": _plain(await self.list_functions())}
        if operation == "execute_function":
            # WIT function-result: the value travels as {"result": <json>}.
            return {"result": _plain(await self.execute_function(req.function_name, req.args, req.context))}
        if operation == "generate_response":
            return await self.generate_response(req.context, req.request)
        if operation == "query":
            t0 = time.perf_counter()
            result = _plain(await self.query(req.query, req.context))
            # execution_time_ms is required on the wire; measure it when the plugin does not say.
            if isinstance(result, dict) and result.get("execution_time_ms") is None:
                result["execution_time_ms"] = round((time.perf_counter() - t0) * 1000)
            return result
        return await self.get_capabilities()

    # Servers -----------------------------------------------------------------------------------------------------

    def app(self, secret: Optional[str] = None):
        """The FastAPI application (for embedding in your own ASGI server)."""
        from .http_app import create_app

        return create_app(self, secret=secret)

    def run(self, host: str = "127.0.0.1", port: int = 8080, *, allow_all_interfaces: bool = False,
            secret: Optional[str] = None, log_level: str = "warning", ssl_certfile: Optional[str] = None,
            ssl_keyfile: Optional[str] = None, ssl_ca_certs: Optional[str] = None,
            require_client_cert: bool = False) -> None:
        """Serves HTTP/JSON with uvicorn until SIGINT/SIGTERM (graceful shutdown). With ssl_certfile/ssl_keyfile it
        serves https; ssl_ca_certs + require_client_cert=True turn on mutual TLS."""
        from .http_app import run_http

        run_http(self, host, port, allow_all_interfaces=allow_all_interfaces, secret=secret, log_level=log_level,
                 ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile, ssl_ca_certs=ssl_ca_certs,
                 require_client_cert=require_client_cert)

    def serve_grpc(self, port: int = 50051, host: str = "127.0.0.1", *, allow_all_interfaces: bool = False,
                   secret: Optional[str] = None) -> None:
        """Serves gRPC (mockforge.plugin.v1.PluginService) until SIGINT/SIGTERM (graceful shutdown)."""
        from .grpc_server import run_grpc

        run_grpc(self, host, port, allow_all_interfaces=allow_all_interfaces, secret=secret)


class AuthPlugin(MockForgePlugin):
    """Implement `authenticate`."""


class TemplatePlugin(MockForgePlugin):
    """Implement `list_functions` and `execute_function`."""


class ResponsePlugin(MockForgePlugin):
    """Implement `generate_response`."""


class DataSourcePlugin(MockForgePlugin):
    """Implement `query`."""


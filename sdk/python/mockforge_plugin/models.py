"""Pydantic models of the MockForge remote plugin wire format (docs/protocol.md), snake_case as on the wire.

Unknown fields are kept (extra="allow") so a newer host can add fields without breaking older plugins.

types_gen.py holds the models generated from wit/. These stay hand-written because this file also runs under Pyodide
with the host's pydantic stand-in (no BeforeValidator, PlainSerializer or model_serializer, which the generated
models need), and because the SDK's defaults are kinder to authors (optional reply fields filled in by the SDK).
tests/test_models_drift.py keeps both in step: every field here exists there, and the other way round.
"""
from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class PluginContext(_Model):
    method: str = ""
    uri: str = ""
    headers: Dict[str, str] = Field(default_factory=dict)
    body: Any = None
    query_params: Dict[str, str] = Field(default_factory=dict)
    client_ip: Optional[str] = None
    user_agent: Optional[str] = None
    timestamp: Optional[str] = None
    request_id: Optional[str] = None
    plugin_id: Optional[str] = None


class AuthCredentials(_Model):
    type: str
    token: Optional[str] = None
    data: Dict[str, Any] = Field(default_factory=dict)


class UserIdentity(_Model):
    user_id: str
    username: Optional[str] = None
    email: Optional[str] = None
    display_name: Optional[str] = None
    roles: List[str] = Field(default_factory=list)
    groups: List[str] = Field(default_factory=list)
    attributes: Dict[str, Any] = Field(default_factory=dict)


class AuthResult(_Model):
    authenticated: bool
    user_id: Optional[str] = None
    identity: Optional[UserIdentity] = None
    claims: Dict[str, Any] = Field(default_factory=dict)
    metadata: Dict[str, Any] = Field(default_factory=dict)
    error_message: Optional[str] = None


class TemplateFunctionParameter(_Model):
    name: str
    param_type: str = "any"
    description: str = ""
    required: bool = False
    default_value: Any = None
    var_args: bool = False


class TemplateFunction(_Model):
    name: str
    description: str = ""
    parameters: List[TemplateFunctionParameter] = Field(default_factory=list)
    return_type: str = "any"
    examples: List[str] = Field(default_factory=list)
    category: Optional[str] = None
    pure: bool = False


class ResponseRequest(_Model):
    method: Optional[str] = None
    uri: Optional[str] = None
    path: Optional[str] = None
    query_params: Dict[str, str] = Field(default_factory=dict)
    headers: Dict[str, str] = Field(default_factory=dict)
    body: Optional[str] = Field(default=None, description="base64")
    path_params: Dict[str, str] = Field(default_factory=dict)
    client_ip: Optional[str] = None
    user_agent: Optional[str] = None
    timestamp: Optional[str] = None
    auth_context: Any = None
    custom: Dict[str, Any] = Field(default_factory=dict)


class ResponseData(_Model):
    status_code: int = Field(ge=0, le=65535)
    headers: Dict[str, str] = Field(default_factory=dict)
    body: str = Field(default="", description="base64")
    content_type: str = "application/octet-stream"
    metadata: Dict[str, Any] = Field(default_factory=dict)
    cache_control: Optional[str] = None
    custom: Optional[Dict[str, Any]] = None


class DataQuery(_Model):
    query_type: Optional[Literal["select", "insert", "update", "delete", "custom"]] = None
    query: str
    parameters: Dict[str, Any] = Field(default_factory=dict)
    limit: Optional[int] = None
    offset: Optional[int] = None
    # Plain dicts ({"field", "direction"} and {"field", "operator", "value", "logical_op"}), as plugins read them
    # before these fields were declared.
    sort: List[Dict[str, Any]] = Field(default_factory=list)
    filters: List[Dict[str, Any]] = Field(default_factory=list)
    options: Dict[str, Any] = Field(default_factory=dict)


class DataColumn(_Model):
    name: str
    data_type: str = "any"
    nullable: bool = True
    description: Optional[str] = None


class DataRow(_Model):
    values: Dict[str, Any] = Field(default_factory=dict)
    metadata: Dict[str, Any] = Field(default_factory=dict)


class DataResult(_Model):
    rows: List[DataRow] = Field(default_factory=list)
    columns: List[DataColumn] = Field(default_factory=list)
    total_count: Optional[int] = None
    execution_time_ms: Optional[int] = Field(default=None, description="filled in by the SDK when absent")
    metadata: Optional[Dict[str, Any]] = None


# Request bodies, one per operation.

class AuthenticateRequest(_Model):
    context: PluginContext = Field(default_factory=PluginContext)
    credentials: AuthCredentials


class ListFunctionsRequest(_Model):
    context: Optional[PluginContext] = None


class ExecuteFunctionRequest(_Model):
    function_name: str = Field(min_length=1)
    args: List[Any] = Field(default_factory=list)
    context: Optional[PluginContext] = None


class GenerateResponseRequest(_Model):
    context: PluginContext = Field(default_factory=PluginContext)
    request: ResponseRequest = Field(default_factory=ResponseRequest)


class QueryRequest(_Model):
    query: DataQuery
    context: Optional[PluginContext] = None


class GetCapabilitiesRequest(_Model):
    context: Optional[PluginContext] = None


ErrorCode = Literal["plugin_error", "bad_input", "unsupported_operation", "unauthorized", "internal"]


class ErrorInfo(BaseModel):
    code: ErrorCode
    message: str
    details: Optional[Dict[str, Any]] = None


REQUEST_MODELS = {
    "authenticate": AuthenticateRequest,
    "list_functions": ListFunctionsRequest,
    "execute_function": ExecuteFunctionRequest,
    "generate_response": GenerateResponseRequest,
    "query": QueryRequest,
    "get_capabilities": GetCapabilitiesRequest,
}

HTTP_PATHS = {
    "authenticate": "/plugin/authenticate",
    "list_functions": "/plugin/template/list",
    "execute_function": "/plugin/template/execute",
    "generate_response": "/plugin/response/generate",
    "query": "/plugin/datasource/query",
    "get_capabilities": "/plugin/capabilities",
}

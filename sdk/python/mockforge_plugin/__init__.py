"""mockforge_plugin: write MockForge remote plugins in Python, served over HTTP (FastAPI/uvicorn) or gRPC (grpcio)."""
from .models import (
    AuthCredentials,
    AuthResult,
    UserIdentity,
    DataColumn,
    DataQuery,
    DataResult,
    DataRow,
    PluginContext,
    ResponseData,
    ResponseRequest,
    TemplateFunction,
    TemplateFunctionParameter,
)
from .plugin import (
    AuthPlugin,
    DataSourcePlugin,
    DispatchResult,
    MockForgePlugin,
    PluginError,
    ResponsePlugin,
    TemplatePlugin,
)

__all__ = [
    "AuthCredentials", "AuthResult", "UserIdentity", "DataColumn", "DataQuery", "DataResult", "DataRow", "PluginContext", "ResponseData",
    "ResponseRequest", "TemplateFunction", "TemplateFunctionParameter", "AuthPlugin", "DataSourcePlugin",
    "DispatchResult", "MockForgePlugin", "PluginError", "ResponsePlugin", "TemplatePlugin",
]
__version__ = "0.1.0"

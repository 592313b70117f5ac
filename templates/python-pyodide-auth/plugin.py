"""__PLUGIN_NAME__: accepts a request whose bearer token (or X-API-Key header) equals the configured `token`.

MockForge runs this file under Pyodide and uses the one AuthPlugin subclass it defines. Configuration (`token`,
`user_id` in plugin.yaml) comes from the host through `mockforge_host.config_get`.
"""
import hmac

import mockforge_host
from mockforge_plugin import AuthCredentials, AuthPlugin, AuthResult, PluginContext


def header(context: PluginContext, name: str) -> str:
    """A request header by name, ignoring case."""
    wanted = name.lower()
    return next((v for k, v in context.headers.items() if k.lower() == wanted), "")


class TokenAuth(AuthPlugin):
    async def authenticate(self, context: PluginContext, credentials: AuthCredentials) -> AuthResult:
        secret = mockforge_host.config_get("token") or ""
        if not secret:
            return AuthResult(authenticated=False, error_message="the plugin has no `token` configured")
        # MockForge passes the parsed credentials; fall back to the raw headers for clients that send an API key.
        presented, method = credentials.token or "", credentials.type or "bearer"
        if not presented:
            authz = header(context, "Authorization")
            if header(context, "X-API-Key"):
                presented, method = header(context, "X-API-Key"), "api_key"
            elif authz.startswith("Bearer "):
                presented = authz[len("Bearer "):]
        if not presented:
            return AuthResult(authenticated=False, error_message="missing credentials: send Authorization: Bearer <token> or X-API-Key")
        if not hmac.compare_digest(presented.encode(), secret.encode()):
            return AuthResult(authenticated=False, error_message="invalid token")
        user = mockforge_host.config_get("user_id") or "demo-user"
        mockforge_host.log("info", f"authenticated {user} for {context.method} {context.uri}")
        return AuthResult(
            authenticated=True,
            user_id=user,
            claims={"sub": user, "auth_method": method, "scopes": ["read", "write"]},
        )

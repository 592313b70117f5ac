"""__PLUGIN_NAME__: accepts a request whose bearer token (or X-API-Key header) equals the configured token.

Run it: `python3 plugin.py` (listens on 127.0.0.1:$PORT). Configuration comes from the environment:
AUTH_TOKEN (the secret) and AUTH_USER_ID (the user reported for an authenticated request).
"""
import hmac
import os
import sys
from pathlib import Path

# The SDK copied into this project by `mockforge-plugin new`, so it runs without `pip install`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "lib" / "mockforge-sdk-python"))

from mockforge_plugin import AuthCredentials, AuthPlugin, AuthResult, PluginContext  # noqa: E402


def header(context: PluginContext, name: str) -> str:
    """A request header by name, ignoring case."""
    wanted = name.lower()
    return next((v for k, v in context.headers.items() if k.lower() == wanted), "")


class TokenAuth(AuthPlugin):
    def __init__(self, token: str, user_id: str = "demo-user"):
        self.token = token
        self.user_id = user_id

    async def authenticate(self, context: PluginContext, credentials: AuthCredentials) -> AuthResult:
        if not self.token:
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
        if not hmac.compare_digest(presented.encode(), self.token.encode()):
            return AuthResult(authenticated=False, error_message="invalid token")
        return AuthResult(
            authenticated=True,
            user_id=self.user_id,
            claims={"sub": self.user_id, "auth_method": method, "scopes": ["read", "write"]},
        )


def from_environment() -> TokenAuth:
    return TokenAuth(os.environ.get("AUTH_TOKEN", ""), os.environ.get("AUTH_USER_ID") or "demo-user")


if __name__ == "__main__":
    plugin, port = from_environment(), int(os.environ.get("PORT", "__PORT__"))
    # PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
    if os.environ.get("PROTOCOL") == "grpc":
        plugin.serve_grpc(port=port)
    else:
        plugin.run(port=port)

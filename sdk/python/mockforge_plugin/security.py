"""What both servers share: listen on loopback unless told otherwise, and the optional shared secret."""
from __future__ import annotations

import hmac
import os
from typing import Callable, Optional

ALL_INTERFACES = {"0.0.0.0", "::", "", "[::]"}


def check_listen_host(host: str, allow_all_interfaces: bool) -> None:
    if host in ALL_INTERFACES and not allow_all_interfaces:
        raise ValueError(
            f"refusing to listen on {host or 'all interfaces'}: that exposes the plugin to the network. "
            "Listen on 127.0.0.1, or pass allow_all_interfaces=True (and set MOCKFORGE_PLUGIN_SECRET)."
        )


def resolve_secret(secret: Optional[str]) -> Optional[str]:
    """The explicit secret, else MOCKFORGE_PLUGIN_SECRET from the environment, else None (no check)."""
    value = secret if secret is not None else os.environ.get("MOCKFORGE_PLUGIN_SECRET")
    return value or None


def api_key_header() -> str:
    return os.environ.get("MOCKFORGE_PLUGIN_API_KEY_HEADER", "x-api-key").lower()


def secret_matches(secret: str, header: Callable[[str], Optional[str]]) -> bool:
    """True when `Authorization: Bearer <secret>` or the API-key header carries the secret (constant time)."""
    auth = header("authorization") or ""
    candidates = []
    if auth.lower().startswith("bearer "):
        candidates.append(auth[7:].strip())
    key = header(api_key_header())
    if key is not None:
        candidates.append(key)
    return any(hmac.compare_digest(c.encode(), secret.encode()) for c in candidates)

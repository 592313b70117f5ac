"""Host functions for Python plugins running under Pyodide in MockForge Plugin Studio (the Python face of
wit/host.wit): log, config_get and http_fetch — the only way out of the sandbox, gated by the manifest."""
import json
from typing import Any, Dict, Optional

import _mockforge_host_js as _js

LEVELS = ("trace", "debug", "info", "warn", "error")


# Looked up once: every attribute read on the JS module makes a new proxy (~15 µs under Pyodide).
_log = _js.log
_fetch = _js.http_fetch
# The plugin's configuration (key -> string), fixed for the life of the interpreter.
_CONFIG: Dict[str, str] = dict(_js.config.to_py())


def log(level: str, message: str) -> None:
    _log(level if level in LEVELS else "info", str(message))


def config_get(key: str) -> Optional[str]:
    return _CONFIG.get(str(key))


def http_fetch(url: str, method: str = "GET", headers: Optional[Dict[str, str]] = None, body: Optional[str] = None,
               timeout_ms: Optional[int] = None) -> Dict[str, Any]:
    """Returns the envelope {"success": True, "result": {"status", "headers", "body"}} or {"success": False, "error": …}."""
    req = {"url": url, "method": method, "headers": headers or {}}
    if body is not None:
        req["body"] = body
    if timeout_ms is not None:
        req["timeout_ms"] = timeout_ms
    return json.loads(_fetch(json.dumps(req)))

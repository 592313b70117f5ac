"""Runs a plugin file under Pyodide through the remote Python SDK's own classes (mockforge_plugin), so the same
plugin runs here and as a remote service: load(entry) finds the plugin, call(operation, body) dispatches it."""
import importlib.util
import json
import logging
import os
import sys

from mockforge_plugin.plugin import MockForgePlugin

_plugin = None
_entry = ""


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.texts = []

    def emit(self, record):
        self.texts.append(record.getMessage())


def trim_traceback(text, entry):
    """Keeps the frames of the plugin's own files (not the SDK's or the runtime's) and the exception line."""
    lines = text.rstrip("\n").split("\n")
    out = ["Traceback (most recent call last):"]
    keep = False
    root = os.path.dirname(entry)
    for line in lines[1:]:
        if line.startswith('  File "'):
            path = line.split('"')[1]
            keep = path == entry or path.startswith(root + "/") and "/mockforge_plugin/" not in path
            if keep:
                out.append(line)
        elif line.startswith("    "):
            if keep:
                out.append(line)
        elif line.strip():
            out.append(line)
    return "\n".join(out)


def load(entry):
    global _plugin, _entry
    _entry = entry
    sys.path.insert(0, os.path.dirname(entry))
    spec = importlib.util.spec_from_file_location("mockforge_user_plugin", entry)
    module = importlib.util.module_from_spec(spec)
    sys.modules["mockforge_user_plugin"] = module
    spec.loader.exec_module(module)
    instances = [v for v in vars(module).values() if isinstance(v, MockForgePlugin)]
    if instances:
        _plugin = instances[0]
        return type(_plugin).__name__
    classes = [v for v in vars(module).values()
               if isinstance(v, type) and issubclass(v, MockForgePlugin) and v.__module__ == module.__name__]
    if len(classes) != 1:
        raise RuntimeError(f"{os.path.basename(entry)} must define exactly one MockForgePlugin subclass (AuthPlugin, "
                           f"TemplatePlugin, ...) or a module-level instance of one; found {len(classes)}")
    _plugin = classes[0]()
    return classes[0].__name__


def prime():
    """Builds every SDK model's field checkers now (before the snapshot is taken), so no first call pays for them."""
    from mockforge_plugin import models
    for value in vars(models).values():
        if isinstance(value, type) and hasattr(value, "_fields") and value.__module__ == models.__name__:
            value._plan() if hasattr(value, "_plan") else value._fields()


def set_environ(values):
    """The interpreter may come from a memory snapshot (whose os.environ is the snapshot's): the plugin's grant wins."""
    os.environ.clear()
    os.environ.update(values)


def _resume(coro, yielded):
    """Drives a coroutine that already ran up to its first real suspension (as asyncio's Task would)."""
    while True:
        try:
            sent = yield yielded
        except GeneratorExit:
            coro.close()
            raise
        except BaseException as exc:  # noqa: BLE001 - forwarded into the coroutine, as Task does
            try:
                yielded = coro.throw(exc)
            except StopIteration as stop:
                return stop.value
        else:
            try:
                yielded = coro.send(sent)
            except StopIteration as stop:
                return stop.value


class _Rest:
    def __init__(self, coro, yielded):
        self._gen = _resume(coro, yielded)

    def __await__(self):
        return self._gen


async def _finish(coro, yielded):
    return await _Rest(coro, yielded)


def call_sync(operation, body_json):
    """Most plugin methods never really wait: run the call straight through and return the reply text. One that
    does await something (a sleep, a future) comes back as a coroutine the host awaits on the event loop."""
    coro = call(operation, body_json)
    try:
        yielded = coro.send(None)
    except StopIteration as stop:
        return stop.value
    return _finish(coro, yielded)


# Installed once (adding and removing a handler per call takes the logging lock several times).
_capture = _Capture()
logging.getLogger("mockforge_plugin").addHandler(_capture)


async def call(operation, body_json):
    capture = _capture
    capture.texts.clear()
    result = await _plugin.dispatch(operation, json.loads(body_json))
    envelope = result.envelope
    if not envelope.get("success") and envelope["error"].get("code") == "plugin_error" and capture.texts:
        text = capture.texts[-1]
        tb = text[text.find("Traceback"):] if "Traceback" in text else text
        trimmed = trim_traceback(tb, _entry)
        envelope["error"]["message"] = f"{envelope['error']['message']}\n{trimmed}"
        envelope["error"].setdefault("details", {})["traceback"] = trimmed
    return json.dumps(envelope)

"""__PLUGIN_NAME__: template functions MockForge can call from response templates, e.g. {{uuid}}, {{upper name}}.

Run it: `python3 plugin.py` (listens on 127.0.0.1:$PORT).
"""
import os
import random
import sys
import uuid
from pathlib import Path
from typing import Any, List, Optional

# The SDK copied into this project by `mockforge-plugin new`, so it runs without `pip install`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "lib" / "mockforge-sdk-python"))

from mockforge_plugin import (  # noqa: E402
    PluginContext,
    PluginError,
    TemplateFunction,
    TemplateFunctionParameter,
    TemplatePlugin,
)

FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Linus", "Frances", "Ken"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Torvalds", "Allen", "Thompson"]


class Functions(TemplatePlugin):
    async def list_functions(self) -> List[TemplateFunction]:
        return [
            TemplateFunction(name="uuid", description="A random UUID (version 4)", return_type="string",
                             examples=["{{uuid}}"]),
            TemplateFunction(name="upper", description="The text in upper case", return_type="string", pure=True,
                             parameters=[TemplateFunctionParameter(name="text", param_type="string",
                                                                   description="text to convert", required=True)],
                             examples=['{{upper "hello"}} → HELLO']),
            TemplateFunction(name="faker_name", description="A random full name", return_type="string",
                             examples=["{{faker_name}}"]),
        ]

    async def execute_function(self, function_name: str, args: List[Any], context: Optional[PluginContext]) -> Any:
        if function_name == "uuid":
            return str(uuid.uuid4())
        if function_name == "faker_name":
            return f"{random.choice(FIRST)} {random.choice(LAST)}"
        if function_name == "upper":
            if len(args) != 1 or not isinstance(args[0], str):
                raise PluginError("upper takes one string argument", code="bad_input")
            return args[0].upper()
        raise ValueError(f"unknown function {function_name!r} (this plugin has uuid, upper, faker_name)")


if __name__ == "__main__":
    plugin, port = Functions(), int(os.environ.get("PORT", "__PORT__"))
    # PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
    if os.environ.get("PROTOCOL") == "grpc":
        plugin.serve_grpc(port=port)
    else:
        plugin.run(port=port)

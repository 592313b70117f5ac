"""Maps the JSON wire format to the messages of plugin.proto and back (the gRPC transport carries the same bodies and
envelopes as HTTP). WIT `json` values travel as JSON text: single fields, json-maps (map<string, string>) and
list<json>. These tables mirror sdk/node/src/grpc-codec.ts; a test checks both against the proto's comments.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor

JSON_TEXT_FIELDS: Dict[str, Tuple[str, ...]] = {
    "AuthCredentials": ("data",),
    "FunctionParameter": ("default_value",),
    "FunctionResult": ("result",),
    "ExecuteFunctionRequest": ("args",),
    "ResponseRequest": ("auth_context",),
    "QueryFilter": ("value",),
}

JSON_MAP_FIELDS: Dict[str, Tuple[str, ...]] = {
    "PluginError": ("details",),
    "PluginCapabilities": ("metadata",),
    "UserIdentity": ("attributes",),
    "AuthResult": ("claims", "metadata"),
    "ResponseRequest": ("custom",),
    "ResponseData": ("metadata", "custom"),
    "DataQuery": ("parameters", "options"),
    "DataRow": ("values", "metadata"),
    "DataResult": ("metadata",),
}


class CodecError(ValueError):
    pass


def find_proto(explicit: Optional[str] = None) -> Path:
    """plugin.proto: an explicit path, $MOCKFORGE_PLUGIN_PROTO, a copy in this package, or wit/ of the repository."""
    here = Path(__file__).resolve().parent
    candidates = [explicit, os.environ.get("MOCKFORGE_PLUGIN_PROTO"), here / "plugin.proto"]
    candidates += [d / "wit" / "plugin.proto" for d in [here, *here.parents]]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    raise FileNotFoundError("cannot find plugin.proto; set MOCKFORGE_PLUGIN_PROTO to its path")


def load_proto(explicit: Optional[str] = None):
    """(messages module, services module) generated in memory by grpcio-tools from plugin.proto (no files written)."""
    import grpc

    path = find_proto(explicit)
    sys.path.insert(0, str(path.parent))
    try:
        return grpc.protos_and_services(path.name)
    finally:
        sys.path.remove(str(path.parent))


def _walk(descriptor, value: Any, to_proto: bool) -> Any:
    if not isinstance(value, dict):
        return value
    name = descriptor.name
    text_fields = JSON_TEXT_FIELDS.get(name, ())
    map_fields = JSON_MAP_FIELDS.get(name, ())
    out: Dict[str, Any] = {}
    for key, v in value.items():
        if v is None:
            continue
        field = descriptor.fields_by_name.get(key)
        repeated = field is not None and _is_repeated(field)
        if key in text_fields:
            out[key] = [_text(x, to_proto, f"{name}.{key}") for x in v] if repeated and isinstance(v, list) else _text(v, to_proto, f"{name}.{key}")
        elif key in map_fields and isinstance(v, dict):
            out[key] = {k: _text(x, to_proto, f"{name}.{key}.{k}") for k, x in v.items()}
        elif field is not None and field.message_type is not None and not field.message_type.GetOptions().map_entry:
            out[key] = [_walk(field.message_type, x, to_proto) for x in v] if repeated and isinstance(v, list) else _walk(field.message_type, v, to_proto)
        else:
            out[key] = v
    return out


def _is_repeated(field) -> bool:
    # protobuf ≥ 6 has is_repeated; older versions only label.
    flag = getattr(field, "is_repeated", None)
    return bool(flag) if flag is not None else field.label == FieldDescriptor.LABEL_REPEATED


def _text(v: Any, to_proto: bool, where: str) -> Any:
    if to_proto:
        return json.dumps(v)
    if not isinstance(v, str):
        return v
    if v == "":
        return None
    try:
        return json.loads(v)
    except ValueError as err:
        raise CodecError(f"{where} must hold JSON text: {err}") from err


def message_to_wire(message) -> Dict[str, Any]:
    try:
        as_dict = json_format.MessageToDict(message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
    except TypeError:  # protobuf < 5.26
        as_dict = json_format.MessageToDict(message, preserving_proto_field_name=True, including_default_value_fields=True)
    return _walk(message.DESCRIPTOR, as_dict, to_proto=False)


def wire_to_message(value: Dict[str, Any], message_class):
    encoded = _walk(message_class.DESCRIPTOR, value, to_proto=True)
    return json_format.ParseDict(encoded, message_class(), ignore_unknown_fields=True)

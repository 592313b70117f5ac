"""The JSON-text tables of the codec must match what wit/plugin.proto says in its comments, so they cannot drift."""
import re

from conftest import PROTO
from mockforge_plugin.codec import JSON_MAP_FIELDS, JSON_TEXT_FIELDS


def json_fields_from_proto():
    text_fields, map_fields = {}, {}
    message = None
    comment = ""
    for line in PROTO.read_text().splitlines():
        s = line.strip()
        m = re.match(r"message (\w+) \{", s)
        if m:
            message, comment = m.group(1), ""
            continue
        if s.startswith("//"):
            comment += s
            continue
        f = re.match(r"(?:optional |repeated )?(map<string, string>|[\w.]+) (\w+) = \d+;", s)
        if f and message and "JSON text" in comment:
            target = map_fields if f.group(1).startswith("map<") else text_fields
            target.setdefault(message, set()).add(f.group(2))
        comment = ""
    return text_fields, map_fields


def test_tables_match_proto_comments():
    text_fields, map_fields = json_fields_from_proto()
    assert {k: set(v) for k, v in JSON_TEXT_FIELDS.items()} == text_fields
    assert {k: set(v) for k, v in JSON_MAP_FIELDS.items()} == map_fields

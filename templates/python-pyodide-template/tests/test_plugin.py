"""Unit tests of the plugin, run in-process with pytest (no server needed): `python3 -m pytest`."""
import asyncio
import re

import pytest
from mockforge_plugin import PluginError

from plugin import FIRST, LAST, Functions


def call(name, *args):
    return asyncio.run(Functions().execute_function(name, list(args), None))


def test_lists_its_three_functions():
    names = [f.name for f in asyncio.run(Functions().list_functions())]
    assert names == ["uuid", "upper", "faker_name"]


def test_upper_handles_unicode():
    assert call("upper", "hello, wörld") == "HELLO, WÖRLD"


def test_upper_needs_one_string():
    with pytest.raises(PluginError) as err:
        call("upper")
    assert err.value.code == "bad_input"


def test_uuid_is_a_version_4_uuid():
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", call("uuid"))


def test_faker_name_is_a_first_and_last_name():
    first, last = call("faker_name").split(" ")
    assert first in FIRST and last in LAST


def test_unknown_function_is_an_error():
    with pytest.raises(ValueError):
        call("nope")

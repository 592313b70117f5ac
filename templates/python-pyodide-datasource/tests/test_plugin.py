"""Unit tests of the plugin, run natively with pytest: `python3 -m pytest`. The same requests run under Pyodide with
`mockforge-plugin test`."""
import asyncio

import pytest
from mockforge_plugin import DataQuery, PluginError

from plugin import CsvSource


def query(filters, limit=None, query_type="select"):
    q = DataQuery.model_validate({"query_type": query_type, "query": "users", "filters": filters, "limit": limit})
    return asyncio.run(CsvSource().query(q, None))


def test_filters_by_equality():
    result = query([{"field": "role", "operator": "eq", "value": "admin"}])
    assert [r.values["name"] for r in result.rows] == ["Ada Lovelace", "Grace Hopper"]
    assert result.total_count == 2


def test_numbers_compare_as_numbers_and_limit_keeps_the_total():
    result = query([{"field": "age", "operator": "gt", "value": 80}], limit=2)
    assert [r.values["name"] for r in result.rows] == ["Grace Hopper", "Barbara Liskov"]
    assert result.total_count == 3


def test_contains_ignores_case():
    assert [r.values["id"] for r in query([{"field": "email", "operator": "contains", "value": "ALAN"}]).rows] == [3]


def test_columns_have_types():
    types = {c.name: c.data_type for c in query([]).columns}
    assert types == {"id": "number", "name": "string", "email": "string", "role": "string", "age": "number"}


def test_unknown_field_is_bad_input():
    with pytest.raises(PluginError) as err:
        query([{"field": "salary", "operator": "gt", "value": 1}])
    assert err.value.code == "bad_input"


def test_the_table_is_read_only():
    with pytest.raises(PluginError):
        query([], query_type="delete")

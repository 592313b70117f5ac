"""__PLUGIN_NAME__: answers queries over a small CSV table shipped with the plugin (users.csv), with filters
(eq, ne, contains, gt, lt, gte, lte), an offset and a limit.

Run it: `python3 plugin.py` (listens on 127.0.0.1:$PORT). A query looks like
{"query_type": "select", "query": "users", "filters": [{"field": "role", "operator": "eq", "value": "admin"}], "limit": 10}.
"""
import csv
import operator
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

# The SDK copied into this project by `mockforge-plugin new`, so it runs without `pip install`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "lib" / "mockforge-sdk-python"))

from mockforge_plugin import DataColumn, DataQuery, DataResult, DataRow, DataSourcePlugin, PluginContext, PluginError  # noqa: E402

CSV_FILE = Path(__file__).resolve().parent / "users.csv"

NUMBER_OPS = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "lt": operator.lt, "gte": operator.ge, "lte": operator.le}
TEXT_OPS = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "lt": operator.lt,
            "contains": lambda a, b: b.lower() in a.lower()}


def number(text: str) -> Optional[float]:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def load_table(path: Path):
    """Columns (a column is a number when every cell parses as one) and rows of a CSV file."""
    with path.open(newline="", encoding="utf-8") as f:
        records = list(csv.reader(f))
    header, body = records[0], records[1:]
    numeric = [bool(body) and all(number(r[c]) is not None for r in body) for c in range(len(header))]
    # Every cell of the bundled table has a value: no column is nullable.
    columns = [DataColumn(name=name, data_type="number" if numeric[c] else "string", nullable=False)
               for c, name in enumerate(header)]
    rows = [{name: number(r[c]) if numeric[c] else r[c] for c, name in enumerate(header)} for r in body]
    return columns, rows


def matches(row: Dict[str, Any], flt: Dict[str, Any]) -> bool:
    field, op, value = flt.get("field"), flt.get("operator") or "eq", flt.get("value")
    if field not in row:
        raise PluginError(f'unknown field "{field}"', code="bad_input")
    cell = row[field]
    numeric = isinstance(cell, (int, float)) and isinstance(value, (int, float)) and not isinstance(value, bool)
    ops = NUMBER_OPS if numeric else TEXT_OPS
    if op not in ops:
        raise PluginError(f'unsupported operator "{op}" for field "{field}"', code="bad_input")
    return ops[op](cell, value) if numeric else ops[op](str(cell), str(value))


class CsvSource(DataSourcePlugin):
    def __init__(self, path: Path = CSV_FILE):
        self.columns, self.rows = load_table(path)

    async def query(self, query: DataQuery, context: Optional[PluginContext]) -> DataResult:
        # An absent query_type means the query is inferred: this table only answers reads.
        if query.query_type not in (None, "select"):
            raise PluginError("this table is read-only: query_type must be select", code="bad_input")
        filters: List[Dict[str, Any]] = getattr(query, "filters", None) or []
        found = [row for row in self.rows if all(matches(row, f) for f in filters)]
        start = query.offset or 0
        shown = found[start:] if query.limit is None else found[start: start + query.limit]
        return DataResult(columns=self.columns, rows=[DataRow(values=row) for row in shown], total_count=len(found))


if __name__ == "__main__":
    plugin, port = CsvSource(), int(os.environ.get("PORT", "__PORT__"))
    # PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
    if os.environ.get("PROTOCOL") == "grpc":
        plugin.serve_grpc(port=port)
    else:
        plugin.run(port=port)

// __PLUGIN_NAME__: answers queries over a small bundled CSV table with filters (eq, ne, contains, gt, lt, gte, lte),
// an offset and a limit.
import {
  Column, DataQuery, DataResult, DataSourcePlugin, JSONValue, PluginContext, QueryFilter, QueryResult, QueryType,
  registerDataSourcePlugin, reject,
} from '@mockforge/plugin-sdk';
import { USERS_CSV } from './data';

// The ABI functions MockForge calls: the allocator and query.
export { mockforge_alloc, mockforge_free, query } from '@mockforge/plugin-sdk/abi';

class Table {
  columns: Column[] = [];
  rows: JSONValue[] = [];
}

function isNumeric(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0x30 && c <= 0x39) && c != 0x2e && !(i == 0 && c == 0x2d)) return false;
  }
  return true;
}

function loadTable(csv: string): Table {
  const t = new Table();
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const numeric: bool[] = [];
  for (let c = 0; c < header.length; c++) {
    let all = lines.length > 1;
    for (let r = 1; r < lines.length; r++) if (!isNumeric(lines[r].split(',')[c])) { all = false; break; }
    numeric.push(all);
    // Every cell of the bundled table has a value: no column is nullable.
    t.columns.push(new Column(header[c], all ? 'number' : 'string', false));
  }
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(',');
    const row = JSONValue.object();
    for (let c = 0; c < header.length; c++) {
      const cell = c < cells.length ? cells[c] : '';
      row.set(header[c], numeric[c] ? JSONValue.number(parseFloat(cell)) : JSONValue.string(cell));
    }
    t.rows.push(row);
  }
  return t;
}

const TABLE = loadTable(USERS_CSV);

/** null when the filter matches, else why it cannot be applied ('' = does not match). */
function matches(row: JSONValue, f: QueryFilter): string | null {
  const cell = row.get(f.field);
  if (cell == null) return 'unknown field "' + f.field + '"';
  const op = f.operator.length > 0 ? f.operator : 'eq';
  if (cell.isNumber && f.value.isNumber) {
    const a = cell.num, b = f.value.num;
    if (op == 'eq') return a == b ? null : '';
    if (op == 'ne') return a != b ? null : '';
    if (op == 'gt') return a > b ? null : '';
    if (op == 'lt') return a < b ? null : '';
    if (op == 'gte') return a >= b ? null : '';
    if (op == 'lte') return a <= b ? null : '';
  } else {
    const a = cell.asText(), b = f.value.asText();
    if (op == 'eq') return a == b ? null : '';
    if (op == 'ne') return a != b ? null : '';
    if (op == 'contains') return a.toLowerCase().includes(b.toLowerCase()) ? null : '';
    if (op == 'gt') return a > b ? null : '';
    if (op == 'lt') return a < b ? null : '';
  }
  return 'unsupported operator "' + op + '" for field "' + f.field + '"';
}

class CsvSource extends DataSourcePlugin {
  query(q: DataQuery, ctx: PluginContext): DataResult | null {
    // An absent query_type means the query is inferred: this table only answers reads.
    const type = q.queryType;
    if (type != null && type.value != QueryType.Select) {
      return reject<DataResult>('this table is read-only: query_type must be select', 'bad_input');
    }
    const result = new QueryResult();
    for (let c = 0; c < TABLE.columns.length; c++) result.column(TABLE.columns[c]);
    const offset = q.offset;
    const limit = q.limit;
    const skip: i64 = offset != null ? <i64>offset.value : 0;
    let total: i64 = 0;
    for (let r = 0; r < TABLE.rows.length; r++) {
      const row = TABLE.rows[r];
      let keep = true;
      for (let i = 0; i < q.filters.length; i++) {
        const why = matches(row, q.filters[i]);
        if (why == null) continue;
        if (why.length > 0) return reject<DataResult>(why, 'bad_input');
        keep = false;
        break;
      }
      if (!keep) continue;
      total++;
      if (total > skip && (limit == null || <u64>result.rows.length < limit.value)) result.row(row);
    }
    return result.total(total);
  }
}

registerDataSourcePlugin(new CsvSource());

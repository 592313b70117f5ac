// __PLUGIN_NAME__: answers queries over a small CSV table shipped with the plugin (users.csv), with filters
// (eq, ne, contains, gt, lt, gte, lte), an offset and a limit.
//
// Run it: `node plugin.js` (listens on 127.0.0.1:$PORT). A query looks like
// {"query_type": "select", "query": "users", "filters": [{"field": "role", "operator": "eq", "value": "admin"}], "limit": 10}.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
// The SDK copied into this project by `mockforge-plugin new` (one file, no npm install needed).
const { DataSourcePlugin, PluginError } = require('./lib/mockforge-plugin-sdk');

const CSV_FILE = path.join(__dirname, 'users.csv');

const NUMBER_OPS = { eq: (a, b) => a === b, ne: (a, b) => a !== b, gt: (a, b) => a > b, lt: (a, b) => a < b, gte: (a, b) => a >= b, lte: (a, b) => a <= b };
const TEXT_OPS = { eq: (a, b) => a === b, ne: (a, b) => a !== b, gt: (a, b) => a > b, lt: (a, b) => a < b, contains: (a, b) => a.toLowerCase().includes(b.toLowerCase()) };

/** Columns (a column is a number when every cell parses as one) and rows of a simple CSV file (no quoted commas). */
function loadTable(file) {
  const [header, ...body] = readFileSync(file, 'utf8').trim().split(/\r?\n/).map((line) => line.split(','));
  const numeric = header.map((_, c) => body.length > 0 && body.every((r) => r[c].trim() !== '' && Number.isFinite(Number(r[c]))));
  // Every cell of the bundled table has a value: no column is nullable.
  const columns = header.map((name, c) => ({ name, data_type: numeric[c] ? 'number' : 'string', nullable: false }));
  const rows = body.map((r) => Object.fromEntries(header.map((name, c) => [name, numeric[c] ? Number(r[c]) : r[c]])));
  return { columns, rows };
}

function matches(row, filter) {
  const { field, value } = filter;
  const op = filter.operator || 'eq';
  if (!(field in row)) throw new PluginError(`unknown field "${field}"`, 'bad_input');
  const cell = row[field];
  const numeric = typeof cell === 'number' && typeof value === 'number';
  const ops = numeric ? NUMBER_OPS : TEXT_OPS;
  if (!(op in ops)) throw new PluginError(`unsupported operator "${op}" for field "${field}"`, 'bad_input');
  return numeric ? ops[op](cell, value) : ops[op](String(cell), String(value));
}

class CsvSource extends DataSourcePlugin {
  constructor(file = CSV_FILE) {
    super();
    Object.assign(this, loadTable(file));
  }

  query(query) {
    // An absent query_type means the query is inferred: this table only answers reads.
    if (query.query_type != null && query.query_type !== 'select') throw new PluginError('this table is read-only: query_type must be select', 'bad_input');
    const filters = query.filters || [];
    const found = this.rows.filter((row) => filters.every((f) => matches(row, f)));
    const start = query.offset ?? 0;
    const shown = query.limit == null ? found.slice(start) : found.slice(start, start + query.limit);
    return { columns: this.columns, rows: shown.map((values) => ({ values })), total_count: found.length };
  }
}

module.exports = { CsvSource };

if (require.main === module) {
  const plugin = new CsvSource();
  const port = Number(process.env.PORT || __PORT__);
  // PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
  (process.env.PROTOCOL === 'grpc' ? plugin.serveGrpc(port) : plugin.listen(port)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

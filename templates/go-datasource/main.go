// __PLUGIN_NAME__: answers queries over a small CSV table embedded in the module (users.csv), with filters
// (eq, ne, contains, gt, lt, gte, lte), an offset and a limit.
package main

import (
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
	// Exports the wasm function(s) MockForge calls for this kind of plugin.
	_ "github.com/mockforge/plugin-studio/sdk/go/export/datasource"
)

//go:embed users.csv
var usersCSV string

type table struct {
	columns []mockforge.ColumnInfo
	rows    []map[string]any
}

func loadTable(text string) (*table, error) {
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(records) == 0 {
		return nil, fmt.Errorf("users.csv: %v", err)
	}
	header, body := records[0], records[1:]
	t := &table{}
	numeric := make([]bool, len(header))
	for c, name := range header {
		numeric[c] = len(body) > 0
		for _, r := range body {
			if _, err := strconv.ParseFloat(r[c], 64); err != nil {
				numeric[c] = false
				break
			}
		}
		kind := "string"
		if numeric[c] {
			kind = "number"
		}
		// Every cell of the bundled table has a value: no column is nullable.
		t.columns = append(t.columns, mockforge.ColumnInfo{Name: name, DataType: kind, Nullable: false})
	}
	for _, r := range body {
		row := map[string]any{}
		for c, name := range header {
			if numeric[c] {
				row[name], _ = strconv.ParseFloat(r[c], 64)
			} else {
				row[name] = r[c]
			}
		}
		t.rows = append(t.rows, row)
	}
	return t, nil
}

var users, usersErr = loadTable(usersCSV)

// matches reports whether row passes f, or an error when f cannot be applied.
func matches(row map[string]any, f mockforge.QueryFilter) (bool, error) {
	cell, ok := row[f.Field]
	if !ok {
		return false, &mockforge.Error{Code: "bad_input", Message: fmt.Sprintf("unknown field %q", f.Field)}
	}
	op := f.Operator
	if op == "" {
		op = "eq"
	}
	var value any
	if len(f.Value) > 0 {
		if err := json.Unmarshal(f.Value, &value); err != nil {
			return false, &mockforge.Error{Code: "bad_input", Message: fmt.Sprintf("filter value for %q is not JSON", f.Field)}
		}
	}
	a, aNum := cell.(float64)
	b, bNum := value.(float64)
	if aNum && bNum {
		switch op {
		case "eq":
			return a == b, nil
		case "ne":
			return a != b, nil
		case "gt":
			return a > b, nil
		case "lt":
			return a < b, nil
		case "gte":
			return a >= b, nil
		case "lte":
			return a <= b, nil
		}
	} else {
		as, bs := text(cell), text(value)
		switch op {
		case "eq":
			return as == bs, nil
		case "ne":
			return as != bs, nil
		case "contains":
			return strings.Contains(strings.ToLower(as), strings.ToLower(bs)), nil
		case "gt":
			return as > bs, nil
		case "lt":
			return as < bs, nil
		}
	}
	return false, &mockforge.Error{Code: "bad_input", Message: fmt.Sprintf("unsupported operator %q for field %q", op, f.Field)}
}

// text is a value as the other SDKs print it: strings as they are, numbers without a fraction when whole, null as "null".
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return "null"
	}
	b, _ := mockforge.Marshal(v)
	return string(b)
}

type csvSource struct{}

func (csvSource) Query(q *mockforge.DataQuery, ctx *mockforge.PluginContext) (*mockforge.DataResult, error) {
	if usersErr != nil {
		return nil, usersErr
	}
	// An absent query_type means the query is inferred: this table only answers reads.
	if q.QueryType != nil && *q.QueryType != "select" {
		return nil, &mockforge.Error{Code: "bad_input", Message: "this table is read-only: query_type must be select"}
	}
	out := &mockforge.DataResult{Columns: users.columns, Rows: []mockforge.DataRow{}}
	found := 0
	for _, row := range users.rows {
		keep := true
		for _, f := range q.Filters {
			ok, err := matches(row, f)
			if err != nil {
				return nil, err
			}
			if !ok {
				keep = false
				break
			}
		}
		if !keep {
			continue
		}
		found++
		if q.Offset != nil && uint64(found) <= *q.Offset {
			continue
		}
		if q.Limit == nil || uint64(len(out.Rows)) < *q.Limit {
			r, err := mockforge.Row(row)
			if err != nil {
				return nil, err
			}
			out.Rows = append(out.Rows, r)
		}
	}
	out.TotalCount = mockforge.Count(found)
	return out, nil
}

// Register in init: a -buildmode=c-shared module runs package init (through _initialize), not main.
func init() { mockforge.ExportDataSourcePlugin(csvSource{}) }

func main() {}

// __PLUGIN_NAME__: answers queries over a small CSV table embedded in the module (users.csv), with filters
// (eq, ne, contains, gt, lt, gte, lte) and a limit.
package main

import (
	_ "embed"
	"encoding/csv"
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
	columns []mockforge.DataColumn
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
		t.columns = append(t.columns, mockforge.DataColumn{Name: name, DataType: kind})
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
func matches(row map[string]any, f mockforge.DataFilter) (bool, error) {
	cell, ok := row[f.Field]
	if !ok {
		return false, &mockforge.Error{Code: "bad_input", Message: fmt.Sprintf("unknown field %q", f.Field)}
	}
	op := f.Operator
	if op == "" {
		op = "eq"
	}
	a, aNum := cell.(float64)
	b, bNum := f.Value.(float64)
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
		as, bs := text(cell), text(f.Value)
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

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

type csvSource struct{}

func (csvSource) Query(q *mockforge.DataQuery, ctx *mockforge.PluginContext) (*mockforge.DataResult, error) {
	if usersErr != nil {
		return nil, usersErr
	}
	if q.QueryType != "select" {
		return nil, &mockforge.Error{Code: "bad_input", Message: "this table is read-only: query_type must be select"}
	}
	out := &mockforge.DataResult{Columns: users.columns, Rows: []map[string]any{}}
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
		out.TotalCount++
		if q.Limit == nil || len(out.Rows) < *q.Limit {
			out.Rows = append(out.Rows, row)
		}
	}
	return out, nil
}

// Register in init: a -buildmode=c-shared module runs package init (through _initialize), not main.
func init() { mockforge.ExportDataSourcePlugin(csvSource{}) }

func main() {}

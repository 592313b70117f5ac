package main

import (
	"encoding/json"
	"testing"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
)

func TestQuery(t *testing.T) {
	limit := uint64(2)
	res, err := csvSource{}.Query(&mockforge.DataQuery{Limit: &limit,
		Filters: []mockforge.QueryFilter{{Field: "age", Operator: "gt", Value: json.RawMessage(`80`)}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if *res.TotalCount != 3 || len(res.Rows) != 2 || string(res.Rows[0].Values["name"]) != `"Grace Hopper"` {
		t.Fatalf("%+v", res)
	}
	_, err = csvSource{}.Query(&mockforge.DataQuery{Filters: []mockforge.QueryFilter{{Field: "salary", Operator: "gt", Value: json.RawMessage(`1`)}}}, nil)
	if err == nil {
		t.Fatal("unknown field must fail")
	}
}

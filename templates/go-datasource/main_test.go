package main

import (
	"testing"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
)

func TestQuery(t *testing.T) {
	limit := 2
	res, err := csvSource{}.Query(&mockforge.DataQuery{QueryType: "select", Limit: &limit,
		Filters: []mockforge.DataFilter{{Field: "age", Operator: "gt", Value: 80.0}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalCount != 3 || len(res.Rows) != 2 || res.Rows[0]["name"] != "Grace Hopper" {
		t.Fatalf("%+v", res)
	}
	if _, err := (csvSource{}).Query(&mockforge.DataQuery{QueryType: "select", Filters: []mockforge.DataFilter{{Field: "salary", Operator: "gt", Value: 1.0}}}, nil); err == nil {
		t.Fatal("unknown field must fail")
	}
}

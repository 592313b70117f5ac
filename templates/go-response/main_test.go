package main

import (
	"testing"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
)

func TestOrders(t *testing.T) {
	res, err := orders{}.GenerateResponse(nil, &mockforge.ResponseRequest{Method: "GET", URI: "/orders/A-1001", Path: "/orders/A-1001"})
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("%v %v", res, err)
	}
	want := `{"id":"A-1001","status":"shipped","items":2,"total":39.98,"currency":"EUR"}`
	if string(res.Body) != want {
		t.Fatalf("body %s", res.Body)
	}
	res, _ = orders{}.GenerateResponse(nil, &mockforge.ResponseRequest{Method: "DELETE", URI: "/customers/7"})
	if res.StatusCode != 404 {
		t.Fatalf("status %d", res.StatusCode)
	}
}

package main

import (
	"encoding/json"
	"regexp"
	"testing"
)

func TestFunctions(t *testing.T) {
	f := functions{}
	out, err := f.ExecuteFunction("upper", []json.RawMessage{json.RawMessage(`"hello, wörld"`)}, nil)
	if err != nil || out != "HELLO, WÖRLD" {
		t.Fatalf("upper: %v %v", out, err)
	}
	id, err := f.ExecuteFunction("uuid", nil, nil)
	if err != nil || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id.(string)) {
		t.Fatalf("uuid: %v %v", id, err)
	}
	if _, err := f.ExecuteFunction("nope", nil, nil); err == nil {
		t.Fatal("unknown function must fail")
	}
	if n := len(f.ListFunctions()); n != 3 {
		t.Fatalf("ListFunctions: %d", n)
	}
}

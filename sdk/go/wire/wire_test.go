package wire

// Hand-written tests of the generated types_gen.go (regenerate that file with mockforge-plugin codegen; see
// cli/src/codegen/sdk-targets.ts): the docs/protocol.md examples decode and encode back to the same JSON.

import (
	"encoding/json"
	"reflect"
	"testing"
)

func roundTrip[T any](t *testing.T, in, want string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatalf("decode %s: %v", in, err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	var got, exp any
	_ = json.Unmarshal(out, &got)
	_ = json.Unmarshal([]byte(want), &exp)
	if !reflect.DeepEqual(got, exp) {
		t.Fatalf("round trip of %s\n got %s\nwant %s", in, out, want)
	}
	return v
}

func TestAuthenticateRequest(t *testing.T) {
	v := roundTrip[AuthenticateRequest](t,
		`{"context": {"method": "GET", "uri": "/api/users", "headers": {"authorization": "Bearer eyJhbGc..."}, "body": null},
		  "credentials": {"type": "bearer", "token": "eyJhbGc...", "data": null}}`,
		`{"context": {"method": "GET", "uri": "/api/users", "headers": {"authorization": "Bearer eyJhbGc..."}, "query_params": {}},
		  "credentials": {"type": "bearer", "token": "eyJhbGc..."}}`)
	if v.Context.Headers["authorization"] != "Bearer eyJhbGc..." || *v.Credentials.Token != "eyJhbGc..." || v.Context.Body != nil {
		t.Fatalf("decoded %+v", v)
	}
}

func TestResponseDataBytesAreBase64(t *testing.T) {
	v := roundTrip[ResponseData](t,
		`{"status_code": 201, "headers": {"x-mock": "1"}, "body": "eyJpZCI6MX0=", "content_type": "application/json", "metadata": {}}`,
		`{"status_code": 201, "headers": {"x-mock": "1"}, "body": "eyJpZCI6MX0=", "content_type": "application/json", "metadata": {}, "custom": {}}`)
	if string(v.Body) != `{"id":1}` || v.StatusCode != 201 {
		t.Fatalf("decoded %+v", v)
	}
}

func TestEnumsAreSnakeCaseStrings(t *testing.T) {
	v := roundTrip[PluginError](t, `{"code": "unsupported_operation", "message": "no"}`,
		`{"code": "unsupported_operation", "message": "no", "details": {}}`)
	if v.Code != ErrorCodeUnsupportedOperation {
		t.Fatalf("code %q", v.Code)
	}
	q := roundTrip[DataQuery](t, `{"query_type": "select", "query": "users", "limit": 10, "sort": [{"field": "name", "direction": "desc"}]}`,
		`{"query_type": "select", "query": "users", "parameters": {}, "limit": 10, "sort": [{"field": "name", "direction": "desc"}], "filters": [], "options": {}}`)
	if *q.QueryType != QueryTypeSelect || q.Sort[0].Direction != SortDirectionDesc || *q.Limit != 10 || q.Offset != nil {
		t.Fatalf("decoded %+v", q)
	}
}

func TestJSONValuesAreEmbedded(t *testing.T) {
	v := roundTrip[FunctionResult](t, `{"result": {"a": [1, "x", null]}}`, `{"result": {"a": [1, "x", null]}}`)
	if string(v.Result) != `{"a": [1, "x", null]}` {
		t.Fatalf("result %s", v.Result)
	}
	roundTrip[FunctionResult](t, `{}`, `{"result": null}`)
	out, _ := json.Marshal(AuthResult{Authenticated: true})
	if string(out) != `{"authenticated":true,"claims":{},"metadata":{}}` {
		t.Fatalf("zero AuthResult encodes as %s", out)
	}
}

func TestOutOfRangeIntegersAreRefused(t *testing.T) {
	var v ResponseData
	if err := json.Unmarshal([]byte(`{"status_code": 70000, "headers": {}, "body": "", "content_type": "x"}`), &v); err == nil {
		t.Fatal("status_code 70000 was accepted for a u16")
	}
}

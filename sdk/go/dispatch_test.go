package mockforge

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type fakeHost struct {
	config map[string]string
	logs   []string
	fetch  []byte
}

func (f *fakeHost) log(level LogLevel, message string) { f.logs = append(f.logs, message) }
func (f *fakeHost) configGet(key string) (string, bool) {
	v, ok := f.config[key]
	return v, ok
}
func (f *fakeHost) httpFetch(request []byte) []byte { return f.fetch }

func withHost(t *testing.T, h hostFuncs) {
	old := host
	host = h
	t.Cleanup(func() { host = old })
}

func reset(t *testing.T) {
	t.Cleanup(func() { authPlugin, templatePlugin, responsePlugin, dataSourcePlugin = nil, nil, nil, nil })
}

func decodeReply(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("reply is not JSON: %s (%v)", b, err)
	}
	return v
}

type tokenAuth struct{}

func (tokenAuth) Authenticate(ctx *PluginContext, cred *AuthCredentials) (*AuthResult, error) {
	secret, _ := ConfigGet("token")
	token := Deref(cred.Token)
	if token == "explode" {
		return nil, &Error{Code: "bad_input", Message: "explosive token"}
	}
	if token == "oops" {
		return nil, errors.New("database down")
	}
	if token != secret {
		return Deny("invalid token"), nil
	}
	Log(LevelInfo, "ok for %s", Header(ctx.Headers, "x-user"))
	return Allow("u1", map[string]any{"role": "admin"}), nil
}

func TestAuthenticate(t *testing.T) {
	reset(t)
	h := &fakeHost{config: map[string]string{"token": "s3cret"}}
	withHost(t, h)
	ExportAuthPlugin(tokenAuth{})

	good := Dispatch("authenticate", []byte(`{"context":{"method":"GET","uri":"/","headers":{"X-User":"ann"}},"credentials":{"type":"bearer","token":"s3cret"}}`))
	want := `{"success":true,"result":{"authenticated":true,"user_id":"u1","claims":{"role":"admin"},"metadata":{}}}`
	if string(good) != want {
		t.Fatalf("got %s\nwant %s", good, want)
	}
	if !reflect.DeepEqual(h.logs, []string{"ok for ann"}) {
		t.Fatalf("logs %v", h.logs)
	}
	bad := Dispatch("authenticate", []byte(`{"credentials":{"type":"bearer","token":"nope"}}`))
	if string(bad) != `{"success":true,"result":{"authenticated":false,"claims":{},"metadata":{},"error_message":"invalid token"}}` {
		t.Fatalf("got %s", bad)
	}
}

func TestErrorsBecomeEnvelopes(t *testing.T) {
	reset(t)
	withHost(t, &fakeHost{config: map[string]string{}})
	ExportAuthPlugin(tokenAuth{})
	cases := map[string]string{
		`{"credentials":{"type":"bearer","token":"explode"}}`: `{"success":false,"error":{"code":"bad_input","message":"explosive token"}}`,
		`{"credentials":{"type":"bearer","token":"oops"}}`:    `{"success":false,"error":{"code":"plugin_error","message":"database down"}}`,
	}
	for in, want := range cases {
		if got := string(Dispatch("authenticate", []byte(in))); got != want {
			t.Errorf("%s: got %s want %s", in, got, want)
		}
	}
	got := decodeReply(t, Dispatch("authenticate", []byte(`{"credentials":`)))
	if got["success"] != false || got["error"].(map[string]any)["code"] != "bad_input" {
		t.Errorf("malformed JSON: %v", got)
	}
	got = decodeReply(t, Dispatch("query", []byte(`{}`)))
	if got["error"].(map[string]any)["code"] != "unsupported_operation" {
		t.Errorf("unregistered kind: %v", got)
	}
}

type funcs struct{}

func (funcs) ListFunctions() []FunctionDescriptor {
	return []FunctionDescriptor{{Name: "upper", Description: "Upper-cases", ReturnType: "string", Pure: true,
		Parameters: []FunctionParameter{{Name: "s", ParamType: "string", Required: true}}}}
}

func (funcs) ExecuteFunction(name string, args []json.RawMessage, ctx *PluginContext) (any, error) {
	var s string
	if name != "upper" || len(args) != 1 || json.Unmarshal(args[0], &s) != nil {
		return nil, &Error{Code: "bad_input", Message: "upper(s: string)"}
	}
	return strings.ToUpper(s), nil
}

func TestTemplate(t *testing.T) {
	reset(t)
	ExportTemplatePlugin(funcs{})
	list := string(Dispatch("list_functions", nil))
	want := `{"success":true,"result":{"functions":[{"name":"upper","description":"Upper-cases","parameters":[{"name":"s","param_type":"string","description":"","required":true,"var_args":false}],"return_type":"string","examples":[],"pure":true}]}}`
	if list != want {
		t.Fatalf("got %s", list)
	}
	if got := string(Dispatch("execute_function", []byte(`{"function_name":"upper","args":["héllo ✓"]}`))); got != `{"success":true,"result":{"result":"HÉLLO ✓"}}` {
		t.Fatalf("got %s", got)
	}
	if got := string(Dispatch("template_function", []byte(`{"function_name":"upper","args":[1]}`))); !strings.Contains(got, `"bad_input"`) {
		t.Fatalf("legacy alias with bad args: %s", got)
	}
}

type echoResponse struct{}

func (echoResponse) GenerateResponse(ctx *PluginContext, req *ResponseRequest) (*ResponseData, error) {
	return JSONResponse(201, map[string]string{"path": req.Path})
}

func TestResponseBodyIsBase64(t *testing.T) {
	reset(t)
	ExportResponsePlugin(echoResponse{})
	got := string(Dispatch("generate_response", []byte(`{"context":{},"request":{"method":"GET","uri":"/a","path":"/a"}}`)))
	want := `{"success":true,"result":{"status_code":201,"headers":{},"body":"eyJwYXRoIjoiL2EifQ==","content_type":"application/json","metadata":{},"custom":{}}}`
	if got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}

type rows struct{}

func (rows) Query(q *DataQuery, ctx *PluginContext) (*DataResult, error) {
	n := 3
	if q.Limit != nil {
		n = int(*q.Limit)
	}
	out := &DataResult{Columns: []ColumnInfo{{Name: "id", DataType: "integer"}}}
	for i := 0; i < n; i++ {
		row, err := Row(map[string]any{"id": i})
		if err != nil {
			return nil, err
		}
		out.Rows = append(out.Rows, row)
	}
	out.TotalCount = Count(3)
	return out, nil
}

func TestQueryLimit(t *testing.T) {
	reset(t)
	ExportDataSourcePlugin(rows{})
	got := string(Dispatch("query", []byte(`{"query":{"query":"all","limit":2},"context":{}}`)))
	want := `{"success":true,"result":{"rows":[{"values":{"id":0},"metadata":{}},{"values":{"id":1},"metadata":{}}],"columns":[{"name":"id","data_type":"integer","nullable":false}],"total_count":3,"execution_time_ms":0,"metadata":{}}}`
	if got != want {
		t.Fatalf("got %s", got)
	}
}

func TestHTTPFetch(t *testing.T) {
	h := &fakeHost{fetch: []byte(`{"success":true,"result":{"status":404,"headers":{"content-type":"text/plain"},"body":"nope"}}`)}
	withHost(t, h)
	res, err := HTTPFetch(HTTPRequest{URL: "https://api.example.com/x"})
	if err != nil || res.Status != 404 || res.Body != "nope" {
		t.Fatalf("got %+v %v", res, err)
	}
	h.fetch = []byte(`{"success":false,"error":{"code":"capability_denied","message":"not in allowed_hosts"}}`)
	_, err = HTTPFetch(HTTPRequest{URL: "https://evil.example.org"})
	var e *Error
	if !errors.As(err, &e) || e.Code != "capability_denied" {
		t.Fatalf("got %v", err)
	}
}

func TestPackRoundTrip(t *testing.T) {
	for _, c := range []struct {
		ptr uintptr
		len uint32
	}{{8, 0}, {0xfffffff0, 0xffffffff}, {65536, 17}} {
		p, l := unpack(pack(c.ptr, c.len))
		if p != c.ptr || uint32(l) != c.len {
			t.Errorf("pack(%d,%d) → %d,%d", c.ptr, c.len, p, l)
		}
	}
}

func TestWrongWireTypeIsBadInput(t *testing.T) {
	reset(t)
	withHost(t, &fakeHost{config: map[string]string{}})
	ExportAuthPlugin(tokenAuth{})
	ExportResponsePlugin(echoResponse{})
	for op, in := range map[string]string{
		"authenticate":      `{"credentials":{"type":7}}`,
		"generate_response": `{"context":{"body":"not base64!"},"request":{}}`,
	} {
		got := decodeReply(t, Dispatch(op, []byte(in)))
		if got["success"] != false || got["error"].(map[string]any)["code"] != "bad_input" {
			t.Errorf("%s %s: %v", op, in, got)
		}
	}
}

func TestMarshalKeepsHTMLCharacters(t *testing.T) {
	b, err := Marshal(map[string]string{"m": "<a> & <b>"})
	if err != nil || string(b) != `{"m":"<a> & <b>"}` {
		t.Fatalf("got %s %v", b, err)
	}
}

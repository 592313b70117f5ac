package mockforge

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/mockforge/plugin-studio/sdk/go/wire"
)

// The request and result types are the generated ones (package wire, produced from wit/ by `mockforge-plugin
// codegen`; a test keeps it equal to the generator's output), so every reply has the shape of docs/protocol.md §3.
// The aliases keep plugin code short; the functions below are the authoring helpers on top of them.
type (
	PluginContext      = wire.PluginContext
	AuthCredentials    = wire.AuthCredentials
	AuthResult         = wire.AuthResult
	UserIdentity       = wire.UserIdentity
	FunctionParameter  = wire.FunctionParameter
	FunctionDescriptor = wire.FunctionDescriptor
	ResponseRequest    = wire.ResponseRequest
	ResponseData       = wire.ResponseData
	DataQuery          = wire.DataQuery
	QueryFilter        = wire.QueryFilter
	SortField          = wire.SortField
	QueryType          = wire.QueryType
	DataRow            = wire.DataRow
	ColumnInfo         = wire.ColumnInfo
	DataResult         = wire.DataResult
	StringMap          = wire.StringMap
	JSONMap            = wire.JSONMap
)

// Header returns a header value by case-insensitive name ("" when absent): Header(ctx.Headers, "X-API-Key").
func Header(headers StringMap, name string) string {
	for k, v := range headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// Deref returns *s, or "" for nil (the wire types' optional strings).
func Deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Marshal encodes v as JSON without HTML escaping (so `<`, `>` and `&` stay as they are, as in every other SDK).
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// ToJSONMap encodes each value (claims, metadata, row values) as a json-map.
func ToJSONMap(values map[string]any) (JSONMap, error) {
	out := JSONMap{}
	for k, v := range values {
		b, err := Marshal(v)
		if err != nil {
			return nil, err
		}
		out[k] = b
	}
	return out, nil
}

// Allow builds an authenticated result with claims. A claim that cannot be encoded as JSON is left out.
func Allow(userID string, claims map[string]any) *AuthResult {
	m := JSONMap{}
	for k, v := range claims {
		if b, err := Marshal(v); err == nil {
			m[k] = b
		}
	}
	return &AuthResult{Authenticated: true, UserID: &userID, Claims: m}
}

// Deny builds a rejected result with the reason: a refused request is a normal result, not an error.
func Deny(message string) *AuthResult {
	return &AuthResult{ErrorMessage: &message}
}

// JSONResponse encodes value as an application/json response.
func JSONResponse(status int, value any) (*ResponseData, error) {
	body, err := Marshal(value)
	if err != nil {
		return nil, err
	}
	return &ResponseData{StatusCode: uint16(status), Headers: StringMap{}, Body: body, ContentType: "application/json"}, nil
}

// Row builds a result row from values keyed by column name.
func Row(values map[string]any) (DataRow, error) {
	m, err := ToJSONMap(values)
	return DataRow{Values: m}, err
}

// Count is a *uint64 for DataResult.TotalCount.
func Count(n int) *uint64 {
	c := uint64(n)
	return &c
}

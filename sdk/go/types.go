package mockforge

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// PluginContext is the HTTP request MockForge is handling.
type PluginContext struct {
	Method  string            `json:"method"`
	URI     string            `json:"uri"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    json.RawMessage   `json:"body,omitempty"`
}

// Header returns a header value by case-insensitive name ("" when absent).
func (c *PluginContext) Header(name string) string {
	if c == nil {
		return ""
	}
	for k, v := range c.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// AuthCredentials are what the client presented: Type is e.g. "bearer", "api_key", "basic".
type AuthCredentials struct {
	Type  string          `json:"type"`
	Token string          `json:"token"`
	Data  json.RawMessage `json:"data,omitempty"`
}

// AuthResult is the answer of an AuthPlugin.
type AuthResult struct {
	Authenticated bool           `json:"authenticated"`
	UserID        string         `json:"user_id"`
	Claims        map[string]any `json:"claims"`
	ErrorMessage  string         `json:"error_message,omitempty"`
}

// Allow builds an authenticated result with claims.
func Allow(userID string, claims map[string]any) *AuthResult {
	if claims == nil {
		claims = map[string]any{}
	}
	return &AuthResult{Authenticated: true, UserID: userID, Claims: claims}
}

// Deny builds a rejected result with the reason.
func Deny(message string) *AuthResult {
	return &AuthResult{Claims: map[string]any{}, ErrorMessage: message}
}

// FunctionParameter describes one argument of a template function.
type FunctionParameter struct {
	Name        string `json:"name"`
	ParamType   string `json:"param_type"`
	Description string `json:"description"`
	Required    bool   `json:"required"`
}

// FunctionDescriptor is one entry of list_functions.
type FunctionDescriptor struct {
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Parameters  []FunctionParameter `json:"parameters"`
	ReturnType  string              `json:"return_type"`
	Examples    []string            `json:"examples"`
	Pure        bool                `json:"pure"`
}

// ResponseRequest is the request a ResponsePlugin answers.
type ResponseRequest struct {
	Method      string            `json:"method"`
	URI         string            `json:"uri"`
	Path        string            `json:"path,omitempty"`
	Headers     map[string]string `json:"headers,omitempty"`
	QueryParams map[string]string `json:"query_params,omitempty"`
	PathParams  map[string]string `json:"path_params,omitempty"`
	Body        json.RawMessage   `json:"body,omitempty"`
}

// ResponseData is a generated HTTP response. Body is raw bytes; it is base64-encoded on the wire.
type ResponseData struct {
	StatusCode  int               `json:"status_code"`
	Headers     map[string]string `json:"headers"`
	Body        []byte            `json:"-"`
	ContentType string            `json:"content_type"`
}

// MarshalJSON writes body as base64 (the wire format).
func (r ResponseData) MarshalJSON() ([]byte, error) {
	headers := r.Headers
	if headers == nil {
		headers = map[string]string{}
	}
	return json.Marshal(struct {
		StatusCode  int               `json:"status_code"`
		Headers     map[string]string `json:"headers"`
		Body        string            `json:"body"`
		ContentType string            `json:"content_type"`
	}{r.StatusCode, headers, base64.StdEncoding.EncodeToString(r.Body), r.ContentType})
}

// JSONResponse marshals value as an application/json response.
func JSONResponse(status int, value any) (*ResponseData, error) {
	body, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	return &ResponseData{StatusCode: status, Headers: map[string]string{}, Body: body, ContentType: "application/json"}, nil
}

// DataFilter is one `filters` entry of a query.
type DataFilter struct {
	Field    string `json:"field"`
	Operator string `json:"operator"`
	Value    any    `json:"value"`
}

// DataQuery is the `query` of a datasource request. Limit is nil when the request sets none.
type DataQuery struct {
	QueryType  string         `json:"query_type"`
	Query      string         `json:"query"`
	Parameters map[string]any `json:"parameters,omitempty"`
	Limit      *int           `json:"limit,omitempty"`
	Filters    []DataFilter   `json:"filters,omitempty"`
}

// DataColumn describes one column of a result.
type DataColumn struct {
	Name     string `json:"name"`
	DataType string `json:"data_type"`
	Nullable bool   `json:"nullable"`
}

// DataResult is the answer of a DataSourcePlugin; rows are objects keyed by column name.
type DataResult struct {
	Rows            []map[string]any `json:"rows"`
	Columns         []DataColumn     `json:"columns"`
	TotalCount      int              `json:"total_count"`
	ExecutionTimeMs float64          `json:"execution_time_ms"`
}

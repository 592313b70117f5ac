// Package mockforge is the Go SDK for MockForge WebAssembly plugins (core ABI v1, docs/abi.md).
//
// Implement one of the plugin interfaces, register it from main with Export…Plugin, and build with
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o build/plugin.wasm .   (Go ≥ 1.24)
//	tinygo build -target=wasip1 -buildmode=c-shared -o build/plugin.wasm .
package mockforge

import "encoding/json"

// AuthPlugin authenticates requests.
type AuthPlugin interface {
	Authenticate(ctx *PluginContext, credentials *AuthCredentials) (*AuthResult, error)
}

// TemplatePlugin provides template functions.
type TemplatePlugin interface {
	ListFunctions() []FunctionDescriptor
	// ExecuteFunction returns the function's value; the SDK sends it as {"result": value}.
	ExecuteFunction(name string, args []json.RawMessage, ctx *PluginContext) (any, error)
}

// ResponsePlugin generates responses.
type ResponsePlugin interface {
	GenerateResponse(ctx *PluginContext, request *ResponseRequest) (*ResponseData, error)
}

// DataSourcePlugin answers data queries.
type DataSourcePlugin interface {
	Query(query *DataQuery, ctx *PluginContext) (*DataResult, error)
}

// Error is a failure with a code from MockForge's error list (plugin_error, bad_input, …). Any other error a
// plugin returns is reported as plugin_error with its message.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

var (
	authPlugin       AuthPlugin
	templatePlugin   TemplatePlugin
	responsePlugin   ResponsePlugin
	dataSourcePlugin DataSourcePlugin
)

// ExportAuthPlugin registers the plugin that answers `authenticate`. Call it from main (or init).
func ExportAuthPlugin(p AuthPlugin) { authPlugin = p }

// ExportTemplatePlugin registers the plugin that answers `list_functions` and `execute_function`.
func ExportTemplatePlugin(p TemplatePlugin) { templatePlugin = p }

// ExportResponsePlugin registers the plugin that answers `generate_response`.
func ExportResponsePlugin(p ResponsePlugin) { responsePlugin = p }

// ExportDataSourcePlugin registers the plugin that answers `query`.
func ExportDataSourcePlugin(p DataSourcePlugin) { dataSourcePlugin = p }

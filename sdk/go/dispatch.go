package mockforge

import (
	"encoding/json"
	"errors"
)

// The ABI-independent part of every call: request bytes in, reply envelope bytes out. The wasm exports
// (abi_*.go) and the command-mode runner only move bytes; this file is what the native unit tests exercise.

type envelopeError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type envelope struct {
	Success bool           `json:"success"`
	Result  any            `json:"result,omitempty"`
	Error   *envelopeError `json:"error,omitempty"`
}

func okReply(result any) []byte {
	b, err := json.Marshal(envelope{Success: true, Result: result})
	if err != nil {
		return errorReply("plugin_error", "cannot encode the result as JSON: "+err.Error())
	}
	if result == nil { // keep "result": null explicit
		return []byte(`{"success":true,"result":null}`)
	}
	return b
}

func errorReply(code, message string) []byte {
	b, _ := json.Marshal(envelope{Success: false, Error: &envelopeError{Code: code, Message: message}})
	return b
}

func failure(err error) []byte {
	var e *Error
	if errors.As(err, &e) {
		return errorReply(e.Code, e.Message)
	}
	return errorReply("plugin_error", err.Error())
}

func decode(input []byte, into any) []byte {
	if err := json.Unmarshal(input, into); err != nil {
		return errorReply("bad_input", "request body is not valid: "+err.Error())
	}
	return nil
}

func notRegistered(kind string) []byte {
	return errorReply("unsupported_operation", "no "+kind+" plugin registered (call mockforge.Export"+kind+"Plugin in main)")
}

// Dispatch runs one operation on the registered plugins and returns the reply envelope.
func Dispatch(operation string, input []byte) []byte {
	switch operation {
	case "authenticate":
		return handleAuthenticate(input)
	case "list_functions":
		return handleListFunctions()
	case "execute_function", "template_function":
		return handleExecuteFunction(input)
	case "generate_response":
		return handleGenerateResponse(input)
	case "query", "query_datasource":
		return handleQuery(input)
	}
	return errorReply("unsupported_operation", "unknown operation "+operation)
}

func handleAuthenticate(input []byte) []byte {
	if authPlugin == nil {
		return notRegistered("Auth")
	}
	var req struct {
		Context     PluginContext   `json:"context"`
		Credentials AuthCredentials `json:"credentials"`
	}
	if bad := decode(input, &req); bad != nil {
		return bad
	}
	res, err := authPlugin.Authenticate(&req.Context, &req.Credentials)
	if err != nil {
		return failure(err)
	}
	if res == nil {
		return errorReply("plugin_error", "Authenticate returned neither a result nor an error")
	}
	if res.Claims == nil {
		res.Claims = map[string]any{}
	}
	return okReply(res)
}

func handleListFunctions() []byte {
	if templatePlugin == nil {
		return notRegistered("Template")
	}
	fns := templatePlugin.ListFunctions()
	if fns == nil {
		fns = []FunctionDescriptor{}
	}
	for i := range fns {
		if fns[i].Parameters == nil {
			fns[i].Parameters = []FunctionParameter{}
		}
		if fns[i].Examples == nil {
			fns[i].Examples = []string{}
		}
	}
	return okReply(fns)
}

func handleExecuteFunction(input []byte) []byte {
	if templatePlugin == nil {
		return notRegistered("Template")
	}
	var req struct {
		FunctionName string            `json:"function_name"`
		Args         []json.RawMessage `json:"args"`
		Context      PluginContext     `json:"context"`
	}
	if bad := decode(input, &req); bad != nil {
		return bad
	}
	if req.FunctionName == "" {
		return errorReply("bad_input", "function_name is required")
	}
	value, err := templatePlugin.ExecuteFunction(req.FunctionName, req.Args, &req.Context)
	if err != nil {
		return failure(err)
	}
	return okReply(value)
}

func handleGenerateResponse(input []byte) []byte {
	if responsePlugin == nil {
		return notRegistered("Response")
	}
	var req struct {
		Context PluginContext   `json:"context"`
		Request ResponseRequest `json:"request"`
	}
	if bad := decode(input, &req); bad != nil {
		return bad
	}
	res, err := responsePlugin.GenerateResponse(&req.Context, &req.Request)
	if err != nil {
		return failure(err)
	}
	if res == nil {
		return errorReply("plugin_error", "GenerateResponse returned neither a response nor an error")
	}
	return okReply(res)
}

func handleQuery(input []byte) []byte {
	if dataSourcePlugin == nil {
		return notRegistered("DataSource")
	}
	var req struct {
		Query   DataQuery     `json:"query"`
		Context PluginContext `json:"context"`
	}
	if bad := decode(input, &req); bad != nil {
		return bad
	}
	if req.Query.QueryType == "" {
		req.Query.QueryType = "select"
	}
	res, err := dataSourcePlugin.Query(&req.Query, &req.Context)
	if err != nil {
		return failure(err)
	}
	if res == nil {
		return errorReply("plugin_error", "Query returned neither a result nor an error")
	}
	if res.Rows == nil {
		res.Rows = []map[string]any{}
	}
	if res.Columns == nil {
		res.Columns = []DataColumn{}
	}
	return okReply(res)
}

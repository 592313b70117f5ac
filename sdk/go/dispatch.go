package mockforge

import (
	"encoding/json"
	"errors"

	"github.com/mockforge/plugin-studio/sdk/go/wire"
)

// The ABI-independent part of every call: request bytes in, reply envelope bytes out. The wasm exports
// (abi_*.go) and the command-mode runner only move bytes; this file is what the native unit tests exercise.
// Requests are read into, and results written from, the generated wire types (package wire).

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
	b, err := Marshal(envelope{Success: true, Result: result})
	if err != nil {
		return errorReply("plugin_error", "cannot encode the result as JSON: "+err.Error())
	}
	return b
}

func errorReply(code, message string) []byte {
	b, _ := Marshal(envelope{Success: false, Error: &envelopeError{Code: code, Message: message}})
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
	var req wire.AuthenticateRequest
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
	return okReply(res)
}

func handleListFunctions() []byte {
	if templatePlugin == nil {
		return notRegistered("Template")
	}
	return okReply(wire.FunctionList{Functions: templatePlugin.ListFunctions()})
}

func handleExecuteFunction(input []byte) []byte {
	if templatePlugin == nil {
		return notRegistered("Template")
	}
	var req wire.ExecuteFunctionRequest
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
	encoded, err := Marshal(value)
	if err != nil {
		return errorReply("plugin_error", "cannot encode the function's value as JSON: "+err.Error())
	}
	return okReply(wire.FunctionResult{Result: encoded})
}

func handleGenerateResponse(input []byte) []byte {
	if responsePlugin == nil {
		return notRegistered("Response")
	}
	var req wire.GenerateResponseRequest
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
	var req wire.QueryRequest
	if bad := decode(input, &req); bad != nil {
		return bad
	}
	res, err := dataSourcePlugin.Query(&req.Query, &req.Context)
	if err != nil {
		return failure(err)
	}
	if res == nil {
		return errorReply("plugin_error", "Query returned neither a result nor an error")
	}
	return okReply(res)
}

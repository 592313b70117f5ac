//go:build wasip1 && !tinygo && !mockforge_command

package mockforge

// Exports for standard Go ≥ 1.24 built with -buildmode=c-shared. The host calls _initialize (package init, where
// plugins register) before any of these. Every operation is exported; one without a registered plugin answers
// unsupported_operation.

//go:wasmexport mockforge_alloc
func exportAlloc(size int32) uint32 { return uint32(allocBytes(size)) }

//go:wasmexport mockforge_free
func exportFree(ptr uint32, size int32) { freeBytes(uintptr(ptr)) }

func call(operation string, ptr uint32, length int32) uint64 {
	return packReply(Dispatch(operation, bytesAt(uintptr(ptr), length)))
}

//go:wasmexport authenticate
func exportAuthenticate(ptr uint32, length int32) uint64 { return call("authenticate", ptr, length) }

//go:wasmexport list_functions
func exportListFunctions(ptr uint32, length int32) uint64 { return call("list_functions", ptr, length) }

//go:wasmexport execute_function
func exportExecuteFunction(ptr uint32, length int32) uint64 {
	return call("execute_function", ptr, length)
}

//go:wasmexport generate_response
func exportGenerateResponse(ptr uint32, length int32) uint64 {
	return call("generate_response", ptr, length)
}

//go:wasmexport query
func exportQuery(ptr uint32, length int32) uint64 { return call("query", ptr, length) }

//go:build tinygo && !mockforge_command

package mockforge

// Exports for TinyGo (-target=wasip1 -buildmode=c-shared). TinyGo has long used //export; it also exports its own
// malloc/free, but the host prefers mockforge_alloc.

//export mockforge_alloc
func exportAlloc(size int32) uint32 { return uint32(allocBytes(size)) }

//export mockforge_free
func exportFree(ptr uint32, size int32) { freeBytes(uintptr(ptr)) }

func call(operation string, ptr uint32, length int32) uint64 {
	return packReply(Dispatch(operation, bytesAt(uintptr(ptr), length)))
}

//export authenticate
func exportAuthenticate(ptr uint32, length int32) uint64 { return call("authenticate", ptr, length) }

//export list_functions
func exportListFunctions(ptr uint32, length int32) uint64 { return call("list_functions", ptr, length) }

//export execute_function
func exportExecuteFunction(ptr uint32, length int32) uint64 {
	return call("execute_function", ptr, length)
}

//export generate_response
func exportGenerateResponse(ptr uint32, length int32) uint64 {
	return call("generate_response", ptr, length)
}

//export query
func exportQuery(ptr uint32, length int32) uint64 { return call("query", ptr, length) }

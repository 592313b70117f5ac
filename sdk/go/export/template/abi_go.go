//go:build wasip1 && !tinygo && !mockforge_command

package template

import mockforge "github.com/mockforge/plugin-studio/sdk/go"

//go:wasmexport list_functions
func listFunctions(ptr uint32, length int32) uint64 {
	return mockforge.CallOperation("list_functions", ptr, length)
}

//go:wasmexport execute_function
func executeFunction(ptr uint32, length int32) uint64 {
	return mockforge.CallOperation("execute_function", ptr, length)
}

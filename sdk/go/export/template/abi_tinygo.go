//go:build tinygo && !mockforge_command

package template

import mockforge "github.com/mockforge/plugin-studio/sdk/go"

//export list_functions
func listFunctions(ptr uint32, length int32) uint64 {
	return mockforge.CallOperation("list_functions", ptr, length)
}

//export execute_function
func executeFunction(ptr uint32, length int32) uint64 {
	return mockforge.CallOperation("execute_function", ptr, length)
}

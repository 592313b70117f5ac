//go:build wasip1 && !tinygo && !mockforge_command

package datasource

import mockforge "github.com/mockforge/plugin-studio/sdk/go"

//go:wasmexport query
func query(ptr uint32, length int32) uint64 {
	return mockforge.CallOperation("query", ptr, length)
}

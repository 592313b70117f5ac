//go:build wasip1 && !tinygo && !mockforge_command

package response

import mockforge "github.com/mockforge/plugin-studio/sdk/go"

//go:wasmexport generate_response
func generateResponse(ptr uint32, length int32) uint64 {
	return mockforge.CallOperation("generate_response", ptr, length)
}

//go:build wasip1 && !tinygo && !mockforge_command

package auth

import mockforge "github.com/mockforge/plugin-studio/sdk/go"

//go:wasmexport authenticate
func authenticate(ptr uint32, length int32) uint64 {
	return mockforge.CallOperation("authenticate", ptr, length)
}

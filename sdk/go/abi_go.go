//go:build wasip1 && !tinygo && !mockforge_command

package mockforge

// Allocator exports for standard Go ≥ 1.24 built with -buildmode=c-shared. The operation exports live in the
// packages under export/ (one per plugin kind), so a module exports exactly the operations its plugin implements.

//go:wasmexport mockforge_alloc
func exportAlloc(size int32) uint32 { return uint32(allocBytes(size)) }

//go:wasmexport mockforge_free
func exportFree(ptr uint32, size int32) { freeBytes(uintptr(ptr)) }

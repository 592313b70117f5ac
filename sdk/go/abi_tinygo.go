//go:build tinygo && !mockforge_command

package mockforge

// Allocator exports for TinyGo (-target=wasip1 -buildmode=c-shared), which has long used //export. TinyGo also
// exports its own malloc/free; the host prefers mockforge_alloc.

//export mockforge_alloc
func exportAlloc(size int32) uint32 { return uint32(allocBytes(size)) }

//export mockforge_free
func exportFree(ptr uint32, size int32) { freeBytes(uintptr(ptr)) }

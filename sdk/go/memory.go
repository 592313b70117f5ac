package mockforge

import "unsafe"

// Buffers handed to the host stay referenced here until the host frees them (mockforge_free), so the Go garbage
// collector neither moves nor reclaims them; the host owns both buffers of a call (docs/abi.md §2).
var pinned = map[uintptr][]byte{}

func allocBytes(size int32) uintptr {
	if size < 1 {
		size = 1
	}
	buf := make([]byte, size)
	ptr := uintptr(unsafe.Pointer(&buf[0]))
	pinned[ptr] = buf
	return ptr
}

func freeBytes(ptr uintptr) {
	delete(pinned, ptr)
}

// bytesAt views memory owned by the host for the duration of a call.
func bytesAt(ptr uintptr, length int32) []byte {
	if length <= 0 {
		return nil
	}
	// unsafe.Add from nil: wasm32 linear-memory addresses are plain offsets, and the host pins the buffer.
	return unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(nil), ptr)), int(length))
}

// packReply copies a reply into a pinned buffer and returns (ptr << 32) | len.
func packReply(reply []byte) uint64 {
	ptr := allocBytes(int32(len(reply)))
	copy(pinned[ptr], reply)
	return pack(ptr, uint32(len(reply)))
}

func pack(ptr uintptr, length uint32) uint64 {
	return uint64(uint32(ptr))<<32 | uint64(length)
}

func unpack(packed uint64) (uintptr, int32) {
	return uintptr(uint32(packed >> 32)), int32(uint32(packed))
}

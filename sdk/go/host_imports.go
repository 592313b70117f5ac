//go:build wasip1 && !mockforge_command

package mockforge

import "unsafe"

// The mockforge.* host imports of docs/abi.md §3. Standard Go (≥ 1.24) and TinyGo both understand go:wasmimport.

//go:wasmimport mockforge log
func mfLog(level int32, ptr uint32, length uint32)

//go:wasmimport mockforge config_get
func mfConfigGet(keyPtr uint32, keyLen uint32) uint64

//go:wasmimport mockforge http_fetch
func mfHTTPFetch(reqPtr uint32, reqLen uint32) uint64

type importHost struct{}

func init() { host = importHost{} }

func addr(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return uint32(uintptr(unsafe.Pointer(&b[0])))
}

// takeHostBuffer copies a buffer the host allocated with mockforge_alloc and releases it.
func takeHostBuffer(packed uint64) []byte {
	ptr, length := unpack(packed)
	out := make([]byte, length)
	copy(out, bytesAt(ptr, length))
	freeBytes(ptr)
	return out
}

func (importHost) log(level LogLevel, message string) {
	b := []byte(message)
	mfLog(int32(level), addr(b), uint32(len(b)))
}

func (importHost) configGet(key string) (string, bool) {
	k := []byte(key)
	packed := mfConfigGet(addr(k), uint32(len(k)))
	if packed == 0 {
		return "", false
	}
	return string(takeHostBuffer(packed)), true
}

func (importHost) httpFetch(request []byte) []byte {
	packed := mfHTTPFetch(addr(request), uint32(len(request)))
	if packed == 0 {
		return errorReply("internal", "http_fetch returned nothing")
	}
	return takeHostBuffer(packed)
}

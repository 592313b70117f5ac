//go:build wasip1

package mockforge

// CallOperation runs one operation on the bytes the host wrote at ptr and returns the packed reply
// ((ptr << 32) | len, in a buffer the host frees with mockforge_free). The packages under export/ call it from
// their wasm exports; plugins do not need it.
func CallOperation(operation string, ptr uint32, length int32) uint64 {
	return packReply(Dispatch(operation, bytesAt(uintptr(ptr), length)))
}

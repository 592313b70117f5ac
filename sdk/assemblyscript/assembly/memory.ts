// Buffers that cross the ABI boundary (docs/abi.md §1–2): the host allocates inputs with mockforge_alloc and frees
// replies with mockforge_free, so both live in the unmanaged heap (heap.alloc), outside the garbage collector.

/** Allocator export: `size` writable bytes, 0 when out of memory is not possible here (heap.alloc traps instead). */
export function alloc(size: i32): usize {
  return heap.alloc(<usize>max(size, 1));
}

export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** UTF-8 bytes at ptr..ptr+len as a string (invalid sequences become U+FFFD). */
export function readString(ptr: usize, len: i32): string {
  return String.UTF8.decodeUnsafe(ptr, <usize>len);
}

/** Copies `s` as UTF-8 into a fresh unmanaged buffer and returns `(ptr << 32) | len`. */
export function packString(s: string): i64 {
  const len = String.UTF8.byteLength(s);
  const ptr = alloc(len);
  String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, ptr);
  return pack(ptr, len);
}

export function pack(ptr: usize, len: i32): i64 {
  return (<i64>(<u32>ptr) << 32) | <i64>(<u32>len);
}

export function unpackPtr(packed: i64): usize { return <usize>(<u32>(packed >>> 32)); }
export function unpackLen(packed: i64): i32 { return <i32>(<u32>(packed & 0xffffffff)); }

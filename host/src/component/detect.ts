// A component and a core module share the `\0asm` magic; the 4 bytes after it differ: a core module has version 1,
// layer 0 (`01 00 00 00`), a component version 0x0d, layer 1 (`0d 00 01 00`).
export function isComponentBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d && bytes[6] === 1 && bytes[7] === 0;
}

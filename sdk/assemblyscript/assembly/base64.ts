// Standard base64 (RFC 4648, with padding) for response bodies, which travel base64-encoded on the wire.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: Uint8Array): string {
  const parts: string[] = [];
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (<u32>bytes[i] << 16) | (<u32>bytes[i + 1] << 8) | <u32>bytes[i + 2];
    parts.push(ALPHABET.charAt((v >> 18) & 63) + ALPHABET.charAt((v >> 12) & 63) + ALPHABET.charAt((v >> 6) & 63) + ALPHABET.charAt(v & 63));
  }
  if (n - i == 1) {
    const v = <u32>bytes[i] << 16;
    parts.push(ALPHABET.charAt((v >> 18) & 63) + ALPHABET.charAt((v >> 12) & 63) + '==');
  } else if (n - i == 2) {
    const v = (<u32>bytes[i] << 16) | (<u32>bytes[i + 1] << 8);
    parts.push(ALPHABET.charAt((v >> 18) & 63) + ALPHABET.charAt((v >> 12) & 63) + ALPHABET.charAt((v >> 6) & 63) + '=');
  }
  return parts.join('');
}

/** UTF-8 text → base64. */
export function base64EncodeString(s: string): string {
  return base64Encode(Uint8Array.wrap(String.UTF8.encode(s)));
}

/** base64 → bytes; null when the input is not valid base64. */
export function base64Decode(s: string): Uint8Array | null {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) == 0x3d) len--;
  const out = new Uint8Array((len * 3) >> 2);
  let acc: u32 = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const d = ALPHABET.indexOf(s.charAt(i));
    if (d < 0) return null;
    acc = (acc << 6) | <u32>d;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o < out.length) out[o++] = <u8>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// Formatting shared by the id generator and the client order id, per RFC 9562.

/** Sets the 4-bit version and the RFC 9562 variant (binary 10) in 16 bytes, in place. */
export function stampUuidVersion(bytes: Uint8Array, version: number): Uint8Array {
  bytes[6] = (version << 4) | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return bytes;
}

/** 16 bytes as the canonical lower-case 8-4-4-4-12 text form. */
export function formatUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

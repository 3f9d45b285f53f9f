// Formatting shared by the id generator and the client order id, per RFC 9562.

/** Sets the 4-bit version and the RFC 9562 variant (binary 10) in 16 bytes, in place. */
export function stampUuidVersion(bytes: Uint8Array, version: number): Uint8Array {
  bytes[6] = (version << 4) | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** 16 bytes as the canonical lower-case 8-4-4-4-12 text form. */
export function formatUuid(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text += '-';
    text += HEX[bytes[index] ?? 0];
  }
  return text;
}

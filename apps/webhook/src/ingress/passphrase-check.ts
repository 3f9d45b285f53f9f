import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A check of the sender's passphrase against the configured one in constant time. Both sides are
 * hashed first so the comparison always runs over 32 bytes: neither the length of the passphrase nor
 * the position of the first wrong character shows in the response time.
 */
export function createPassphraseCheck(configured: string): (given: string | undefined) => boolean {
  const expected = sha256(configured);
  return (given) => {
    const matches = timingSafeEqual(sha256(given ?? ''), expected);
    return matches && given !== undefined;
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

// `shared` compiles without DOM or Node typings; this is the one Web Crypto call it needs.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A random id of `length` characters from an unambiguous alphabet (no 0/O, 1/l/I), so ids
 * can be read aloud and typed from a projected screen. Uses the Web Crypto API, present in
 * browsers and in Node ≥ 19 as a global.
 */
export function randomId(length = 12): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

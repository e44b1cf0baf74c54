import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TokenClaims } from '@trama/shared';
import { describe, expect, it } from 'vitest';
import { loadTokenSecret, TokenError, TokenSigner } from '../src/access/tokens.js';

const claims: TokenClaims = {
  v: 1,
  iid: 'inv1',
  pid: 'perc1',
  bid: null,
  role: 'osservatore',
  exp: 2_000_000_000,
};

function problem(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('access tokens', () => {
  const signer = new TokenSigner(randomBytes(32));

  it('[AC1] a signed token verifies to its claims', () => {
    expect(signer.verify(signer.sign(claims), 1_000)).toEqual(claims);
  });

  it('[AC1] a tampered token is refused', () => {
    const token = signer.sign(claims);
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'facilitatore' })).toString(
      'base64url',
    );
    expect(problem(() => signer.verify(`${forged}.${mac}`))).toBe('badSignature');
    expect(problem(() => signer.verify(`${body}.${mac.slice(0, -2)}xx`))).toBe('badSignature');
    expect(problem(() => new TokenSigner(randomBytes(32)).verify(token))).toBe('badSignature');
  });

  it('[AC1] an expired token is refused', () => {
    expect(problem(() => signer.verify(signer.sign({ ...claims, exp: 100 }), 100))).toBe('expired');
  });

  it.each([
    ['missing', ''],
    ['malformed', 'abc'],
    ['malformed', 'a.b.c'],
  ])('[AC1] %s tokens are refused (%s)', (expected, token) => {
    expect(problem(() => signer.verify(token))).toBe(expected);
  });

  it('[AC1] claims that are signed but invalid are refused', () => {
    const bad = signer.sign({ ...claims, role: 'admin' } as unknown as TokenClaims);
    expect(problem(() => signer.verify(bad))).toBe('malformed');
  });

  it('[AC2] the secret is generated once and kept in the data dir', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-secret-'));
    try {
      const first = loadTokenSecret(dir, undefined);
      expect(first.length).toBe(32);
      expect(loadTokenSecret(dir, undefined).equals(first)).toBe(true);
      expect(fs.statSync(path.join(dir, 'token-secret')).mode & 0o777).toBe(0o600);
      const configured = 'ab'.repeat(32);
      expect(loadTokenSecret(dir, configured).toString('hex')).toBe(configured);
      expect(() => loadTokenSecret(dir, 'abcd')).toThrow(/32 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type TokenClaims, tokenClaimsSchema } from '@trama/shared';

/**
 * Access tokens: `base64url(claims JSON).base64url(HMAC-SHA256(secret, claims part))`.
 * Self-contained (scope, role, expiry) and checked against the invite registry on use, so a
 * revoked invite's tokens stop working at once.
 */

export type TokenProblem = 'missing' | 'malformed' | 'badSignature' | 'expired';

export class TokenError extends Error {
  override name = 'TokenError';
  constructor(readonly problem: TokenProblem) {
    super(
      {
        missing: 'no access token',
        malformed: 'the access token is malformed',
        badSignature: 'the access token is not valid',
        expired: 'the access token has expired',
      }[problem],
    );
  }
}

export class TokenSigner {
  readonly #secret: Buffer;

  constructor(secret: Buffer) {
    if (secret.length < 32) throw new Error('the token secret must be at least 32 bytes');
    this.#secret = secret;
  }

  sign(claims: TokenClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }

  /** The claims of a genuine, unexpired token; throws TokenError otherwise. */
  verify(
    token: string | undefined | null,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): TokenClaims {
    if (!token) throw new TokenError('missing');
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.') || token.length > 2048) {
      throw new TokenError('malformed');
    }
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.#mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new TokenError('badSignature');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw new TokenError('malformed');
    }
    const claims = tokenClaimsSchema.safeParse(parsed);
    if (!claims.success) throw new TokenError('malformed');
    if (claims.data.exp <= nowSeconds) throw new TokenError('expired');
    return claims.data;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url');
  }
}

/**
 * The signing secret: `TOKEN_SECRET` when configured (hex or base64, ≥ 32 bytes), else a
 * random one generated on first start and kept in `<dataDir>/token-secret` (mode 0600).
 */
export function loadTokenSecret(dataDir: string, configured: string | undefined): Buffer {
  if (configured) {
    const secret = /^[0-9a-f]+$/i.test(configured)
      ? Buffer.from(configured, 'hex')
      : Buffer.from(configured, 'base64');
    if (secret.length < 32) throw new Error('TOKEN_SECRET must encode at least 32 bytes');
    return secret;
  }
  const file = path.join(dataDir, 'token-secret');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  // 'wx': if two processes race on first start, one wins and the other reads its secret.
  try {
    fs.writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  }
}

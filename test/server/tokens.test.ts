import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken, type SessionClaims } from '../../server/auth/tokens';
import { bearerToken } from '../../server/context';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const CLAIMS: SessionClaims = { tenantId: 'tenant-1', userId: 'user-1', role: 'learner' };
const NOW = Date.UTC(2026, 0, 1);
const IN_AN_HOUR = NOW + 3_600_000;

/** A correctly signed token around any payload text, to reach the checks after the signature. */
function signedRaw(payloadText: string): string {
  const encoded = Buffer.from(payloadText).toString('base64url');
  return `${encoded}.${createHmac('sha256', SECRET).update(encoded).digest('base64url')}`;
}

describe('session tokens', () => {
  it('round-trips the claims until expiry', () => {
    const token = signToken(SECRET, CLAIMS, IN_AN_HOUR);
    expect(verifyToken(SECRET, token, NOW)).toEqual(CLAIMS);
    expect(verifyToken(SECRET, token, IN_AN_HOUR - 1000)).toEqual(CLAIMS);
    expect(verifyToken(SECRET, token, IN_AN_HOUR)).toBeNull();
  });

  it('carries {t, u, r, exp} with exp in epoch seconds', () => {
    const [payload] = signToken(SECRET, CLAIMS, IN_AN_HOUR).split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({
      t: 'tenant-1',
      u: 'user-1',
      r: 'learner',
      exp: IN_AN_HOUR / 1000,
    });
  });

  it.each([
    ['another key', () => signToken('another-secret-that-is-long-enough-000', CLAIMS, IN_AN_HOUR)],
    ['a changed payload', () => {
      const [, signature] = signToken(SECRET, CLAIMS, IN_AN_HOUR).split('.');
      return `${Buffer.from(JSON.stringify({ t: 'tenant-2', u: 'user-1', r: 'learner', exp: IN_AN_HOUR / 1000 })).toString('base64url')}.${signature}`;
    }],
    ['a changed signature', () => `${signToken(SECRET, CLAIMS, IN_AN_HOUR).slice(0, -2)}AA`],
    ['a signature with an extra character', () => `${signToken(SECRET, CLAIMS, IN_AN_HOUR)}=`],
    ['three segments', () => `${signToken(SECRET, CLAIMS, IN_AN_HOUR)}.x`],
    ['no signature', () => signToken(SECRET, CLAIMS, IN_AN_HOUR).split('.')[0]!],
    ['empty', () => ''],
    ['huge', () => 'a'.repeat(10_000)],
    ['signed non-JSON', () => signedRaw('not json')],
    ['signed JSON of the wrong shape', () => signedRaw(JSON.stringify({ t: 'x', u: 'y', r: 'root', exp: IN_AN_HOUR / 1000 }))],
    ['signed JSON without exp', () => signedRaw(JSON.stringify({ t: 'x', u: 'y', r: 'learner' }))],
  ])('rejects a token with %s', (_name, make) => {
    expect(verifyToken(SECRET, make(), NOW)).toBeNull();
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def', 'abc.def'],
    ['bearer abc.def', 'abc.def'],
    ['Basic abc', null],
    ['Bearer', null],
    ['Bearer a b', null],
    [undefined, null],
  ])('%s → %s', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});

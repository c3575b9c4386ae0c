// Bearer authentication at the stand-in's gateway: only `Bearer <the token>` is valid.
import { describe, expect, it } from 'vitest';
import { bearerChallenge, createBearerCheck } from '../../../../src/target/gateway/security/bearer-auth.ts';
import { BAD_CREDENTIALS } from '../../../../src/vu/security/payloads.ts';

const check = createBearerCheck('dev-s3cret.token_1');

describe('bearer check', () => {
  it('accepts the token, with the scheme in any case', () => {
    expect(check('Bearer dev-s3cret.token_1')).toBe('valid');
    expect(check('bearer dev-s3cret.token_1')).toBe('valid');
  });

  it.each([
    ['no header', undefined, 'missing'],
    ['empty header', '', 'missing'],
    ['another token', 'Bearer dev-s3cret.token_2', 'invalid'],
    ['a prefix of the token', 'Bearer dev-s3cret', 'invalid'],
    ['the token plus more', 'Bearer dev-s3cret.token_1x', 'invalid'],
    ['no scheme', 'dev-s3cret.token_1', 'invalid'],
    ['Basic scheme', 'Basic dev-s3cret.token_1', 'invalid'],
    ['two headers', ['Bearer dev-s3cret.token_1', 'Bearer x'], 'invalid'],
  ] as const)('%s → %s', (_what, header, expected) => {
    expect(check(header as string | string[] | undefined)).toBe(expected);
  });

  it('refuses every bad credential the probe sends', () => {
    for (const credential of BAD_CREDENTIALS) expect(check(credential.authorization)).not.toBe('valid');
  });

  it('challenges with RFC 6750 wording', () => {
    expect(bearerChallenge('missing')).toBe('Bearer realm="c4ang"');
    expect(bearerChallenge('invalid')).toBe('Bearer realm="c4ang", error="invalid_token"');
  });
});

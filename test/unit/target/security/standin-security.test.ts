// How the stand-in's security rules are asked for: C4ANG_PERF_STANDIN_SECURITY, `npm run target`'s
// flags, the development token, the checks on each value, and what a load run hands to the VUs.
import { describe, expect, it } from 'vitest';
import {
  resolveRunSecurity,
  securityVuEnv,
  standinSecurityFor,
} from '../../../../src/target/security/run-security.ts';
import {
  allStandinRules,
  DEFAULT_CORS_ORIGIN,
  describeStandinSecurity,
  parseStandinSecurityEnv,
  toGatewaySecurity,
} from '../../../../src/target/security/standin-security.ts';
import { securityFromTargetFlags } from '../../../../src/target/security/target-flags.ts';
import { resolveTargetOptions } from '../../../../src/target/target-options.ts';
import { DEFAULT_RATE_LIMIT_PER_SECOND } from '../../../../src/vu/security/security-env.ts';

describe('C4ANG_PERF_STANDIN_SECURITY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['off', false],
    ['on', true],
  ])('%s → %s', (value, on) => {
    const problems: string[] = [];
    expect(parseStandinSecurityEnv(value, problems)).toBe(on);
    expect(problems).toEqual([]);
  });

  it('names the variable for any other value', () => {
    const problems: string[] = [];
    parseStandinSecurityEnv('yes', problems);
    expect(problems).toEqual(['C4ANG_PERF_STANDIN_SECURITY: must be on or off (got "yes")']);
  });
});

describe('the rules all on', () => {
  it('uses AUTH_TOKEN, or a fresh development token each time', () => {
    expect(allStandinRules('given-token').authToken).toBe('given-token');
    const a = allStandinRules(undefined).authToken!;
    const b = allStandinRules(undefined).authToken!;
    expect(a).toMatch(/^dev-[A-Za-z0-9_-]{32}$/);
    expect(a).not.toBe(b);
  });

  it('limits at the expected rate, allows the shop origin and scrubs errors', () => {
    expect(allStandinRules('t', 20)).toEqual({
      authToken: 't',
      rateLimitPerSecond: 20,
      corsOrigins: [DEFAULT_CORS_ORIGIN],
      scrubErrors: true,
    });
  });

  it('becomes gateway settings with a mesh identity, never describing the token', () => {
    const problems: string[] = [];
    const settings = toGatewaySecurity(allStandinRules('secret-token', 20), problems);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      authToken: 'secret-token',
      rateLimit: { perSecond: 20, burst: 20 },
      corsOrigins: [DEFAULT_CORS_ORIGIN],
      scrubErrors: true,
      meshIdentity: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
    });
    expect(describeStandinSecurity(allStandinRules('secret-token', 20))).not.toContain('secret-token');
  });

  it('has no gateway settings (and no mesh identity) when no rule is on', () => {
    expect(toGatewaySecurity(undefined, [])).toBeUndefined();
    expect(toGatewaySecurity({}, [])).toBeUndefined();
  });

  it('refuses bad values through the target options, without echoing the token', () => {
    expect(() =>
      resolveTargetOptions({
        security: { authToken: 'has space', rateLimitPerSecond: 0, corsOrigins: ['evil.example/x'] },
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'security.authToken: must be a bearer token of letters, digits and -._~+/ (value not shown)',
          'security.rateLimitPerSecond: must be a whole number 1..10000 (got 0)',
          'security.corsOrigins: "evil.example/x" must be an origin such as https://www.c4ang.com',
        ],
      }),
    );
  });
});

describe('npm run target flags', () => {
  it('switches nothing on by default', () => {
    const problems: string[] = [];
    expect(securityFromTargetFlags({}, {}, problems)).toEqual({ security: undefined, devToken: undefined });
    expect(problems).toEqual([]);
  });

  it('--security (or the env) switches every rule on with a printed development token', () => {
    for (const [flags, env] of [
      [{ security: true }, {}],
      [{}, { C4ANG_PERF_STANDIN_SECURITY: 'on' }],
    ] as const) {
      const { security, devToken } = securityFromTargetFlags(flags, env, []);
      expect(devToken).toMatch(/^dev-/);
      expect(security).toEqual({
        authToken: devToken,
        rateLimitPerSecond: DEFAULT_RATE_LIMIT_PER_SECOND,
        corsOrigins: [DEFAULT_CORS_ORIGIN],
        scrubErrors: true,
      });
    }
  });

  it('takes the rules one at a time, AUTH_TOKEN as the token', () => {
    const { security, devToken } = securityFromTargetFlags(
      { auth: true, rateLimit: '7', corsOrigin: ['https://a.example', 'http://localhost:3000'] },
      { AUTH_TOKEN: 'mine' },
      [],
    );
    expect(devToken).toBeUndefined();
    expect(security).toEqual({
      authToken: 'mine',
      rateLimitPerSecond: 7,
      corsOrigins: ['https://a.example', 'http://localhost:3000'],
    });
  });

  it('names each bad flag', () => {
    const problems: string[] = [];
    securityFromTargetFlags({ rateLimit: '2.5', corsOrigin: ['https://a.example/path'] }, {}, problems);
    expect(problems).toEqual([
      '--rate-limit: must be a whole number of requests per second, 1..10000 (got "2.5")',
      '--cors-origin: must be an origin such as https://www.c4ang.com, without a path (got "https://a.example/path")',
    ]);
  });
});

describe('a load run', () => {
  it('checks SECURITY_* and passes the set ones on', () => {
    const problems: string[] = [];
    const run = resolveRunSecurity(
      { SECURITY_RATE_LIMIT: '20', SECURITY_PUBLIC_ROUTES: '/api/v1/products', OTHER: 'x' },
      problems,
    );
    expect(problems).toEqual([]);
    expect(run).toEqual({
      standinSecurity: false,
      securityEnv: { SECURITY_RATE_LIMIT: '20', SECURITY_PUBLIC_ROUTES: '/api/v1/products' },
    });
    resolveRunSecurity({ SECURITY_RATE_LIMIT: '0', C4ANG_PERF_STANDIN_SECURITY: 'maybe' }, problems);
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'C4ANG_PERF_STANDIN_SECURITY',
      'SECURITY_RATE_LIMIT',
    ]);
  });

  it('with the rules on, hands the VUs the development token and the allowed origin', () => {
    const run = { standinSecurity: true, securityEnv: { SECURITY_RATE_LIMIT: '20' }, authToken: undefined };
    const standin = standinSecurityFor(run)!;
    expect(standin.rateLimitPerSecond).toBe(20);
    expect(securityVuEnv(run, standin)).toEqual({
      SECURITY_RATE_LIMIT: '20',
      AUTH_TOKEN: standin.authToken,
      SECURITY_ALLOWED_ORIGIN: DEFAULT_CORS_ORIGIN,
    });
  });

  it('keeps AUTH_TOKEN and SECURITY_ALLOWED_ORIGIN when they are set, and adds nothing with the rules off', () => {
    const run = {
      standinSecurity: true,
      securityEnv: { SECURITY_ALLOWED_ORIGIN: 'https://other.example' },
      authToken: 'mine',
    };
    const standin = standinSecurityFor(run)!;
    expect(standin.authToken).toBe('mine');
    expect(securityVuEnv(run, standin)).toEqual({ SECURITY_ALLOWED_ORIGIN: 'https://other.example' });
    const off = { standinSecurity: false, securityEnv: {}, authToken: undefined };
    expect(standinSecurityFor(off)).toBeUndefined();
    expect(securityVuEnv(off, undefined)).toEqual({});
  });
});

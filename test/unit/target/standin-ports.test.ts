// The ports of the stand-in a load run starts (C4ANG_PERF_STANDIN_ADMIN_PORT and _GATEWAY_PORT): any
// free ones unless set; a bad value stops the run (104) naming the variable; a port already in use is
// found before anything starts, naming the variable and the port.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveRunConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/errors.ts';
import { standinPortProblems } from '../../../src/target/standin-ports.ts';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    resolveRunConfig('spike', {}, env, '/work/project');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('C4ANG_PERF_STANDIN_ADMIN_PORT and C4ANG_PERF_STANDIN_GATEWAY_PORT', () => {
  test('unset or empty: any free ports; set: those ports', () => {
    expect(resolveRunConfig('spike', {}, {}, '/w').standinPorts).toEqual({ port: 0, adminPort: 0 });
    expect(
      resolveRunConfig(
        'spike',
        {},
        { C4ANG_PERF_STANDIN_ADMIN_PORT: '', C4ANG_PERF_STANDIN_GATEWAY_PORT: '' },
        '/w',
      ).standinPorts,
    ).toEqual({ port: 0, adminPort: 0 });
    expect(
      resolveRunConfig(
        'spike',
        {},
        { C4ANG_PERF_STANDIN_ADMIN_PORT: '8090', C4ANG_PERF_STANDIN_GATEWAY_PORT: '8080' },
        '/w',
      ).standinPorts,
    ).toEqual({ port: 8080, adminPort: 8090 });
  });

  test.each(['0', '65536', '80.5', '-1', 'eighty', ' 8090'])(
    '%j is a problem naming the variable',
    (value) => {
      expect(problemsOf({ C4ANG_PERF_STANDIN_ADMIN_PORT: value })).toEqual([
        `C4ANG_PERF_STANDIN_ADMIN_PORT: must be a whole number 1..65535, the port the run's stand-in listens on (got "${value}")`,
      ]);
      expect(problemsOf({ C4ANG_PERF_STANDIN_GATEWAY_PORT: value })).toEqual([
        expect.stringMatching(/^C4ANG_PERF_STANDIN_GATEWAY_PORT: must be a whole number 1\.\.65535/),
      ]);
    },
  );

  test('the same port for both is a problem', () => {
    expect(
      problemsOf({ C4ANG_PERF_STANDIN_ADMIN_PORT: '9000', C4ANG_PERF_STANDIN_GATEWAY_PORT: '9000' }),
    ).toEqual([
      'C4ANG_PERF_STANDIN_ADMIN_PORT: must differ from C4ANG_PERF_STANDIN_GATEWAY_PORT (both 9000)',
    ]);
  });
});

describe('a fixed port already in use is found before anything starts', () => {
  let holder: Server;
  let busy: number;
  beforeAll(async () => {
    holder = createServer();
    busy = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  test('naming the variable and the port', async () => {
    expect(await standinPortProblems({ port: 0, adminPort: busy })).toEqual([
      expect.stringMatching(
        new RegExp(`^C4ANG_PERF_STANDIN_ADMIN_PORT: port ${busy} on 127\\.0\\.0\\.1 is already in use`),
      ),
    ]);
    expect(await standinPortProblems({ port: busy, adminPort: 0 })).toEqual([
      expect.stringMatching(/^C4ANG_PERF_STANDIN_GATEWAY_PORT: port \d+ on 127\.0\.0\.1 is already in use/),
    ]);
  });

  test('a free port, and any free port (0), are no problem, and stay free after the probe', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    expect(await standinPortProblems({ port: 0, adminPort: free })).toEqual([]);
    expect(await standinPortProblems({ port: 0, adminPort: 0 })).toEqual([]);
    // The probe let go of it: the stand-in can listen there next.
    expect(await standinPortProblems({ port: 0, adminPort: free })).toEqual([]);
  });
});

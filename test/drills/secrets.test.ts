// Drills: AUTH_TOKEN is a secret. With a unique token set, runs on the local runner (embedded target,
// with and without chaos; and a real loopback target that records what it was sent) and on the k6
// engine (the fake `k6` first on PATH — real k6 once got the token on its command line) must not
// show it, nor any Authorization header value, in any file under the results root (gzip read
// through), the ledger while chaos is applied, stdout/stderr, or any process's command line while the
// run runs. And run ids: path-safe, never reusing a folder, generated ones differ.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { npmRun, ROOT } from '../e2e/npm-run.ts';
import { allCommandLines, filesUnder, pollWhileRunning, readText, startRun } from './drill-probes.ts';
import { type DrillRun, ledgerEntries, newResultsRoot } from './run-drill.ts';

const FAKE_K6_DIR = path.join(ROOT, 'test/fixtures/fake-k6');
/** Any Authorization header written out as a value (JSON, header dump, curl line…). */
const AUTHORIZATION_VALUE = /authorization["']?\s*[:=]\s*["']?(bearer|basic|token)?\s*[\x21-\x7e]{6,}/i;
const JUDGED = [0, 99];

const newToken = () => `drill-tok-${randomBytes(18).toString('hex')}`;

interface Exposure {
  /** Where the token (or an Authorization value) showed: file paths, `stdout`, `ps: <line>`, … */
  readonly places: string[];
  /** Command-line polls taken while the run ran, and ledger snapshots. */
  polls: number;
  ledgerReads: number;
  /** Command lines seen that match a pattern of interest (e.g. the k6 process). */
  readonly commandLines: Set<string>;
}

/** Watches a run for the token until it exits: every command line, every ledger entry. */
async function watchRun(
  run: DrillRun,
  token: string,
  interesting?: RegExp,
): Promise<{ exit: number | string; exposure: Exposure }> {
  const exposure: Exposure = { places: [], polls: 0, ledgerReads: 0, commandLines: new Set() };
  const ledgerDir = path.join(run.resultsRoot, 'chaos-ledger');
  const exit = await pollWhileRunning(run, 250, () => {
    exposure.polls++;
    for (const line of allCommandLines()) {
      if (line.includes(token) || AUTHORIZATION_VALUE.test(line)) exposure.places.push(`ps: ${line}`);
      if (interesting?.test(line)) exposure.commandLines.add(line);
    }
    for (const name of ledgerEntries(run.resultsRoot)) {
      let text: string;
      try {
        text = readText(path.join(ledgerDir, name));
      } catch {
        continue; // removed meanwhile (recovered)
      }
      exposure.ledgerReads++;
      if (text.includes(token) || AUTHORIZATION_VALUE.test(text)) exposure.places.push(`ledger: ${name}`);
    }
  });
  return { exit, exposure };
}

/** Every place under `root` and in the run's output the token or an Authorization value shows. */
function leaksAfter(
  run: DrillRun,
  token: string,
  roots: readonly string[],
): { places: string[]; files: number } {
  const places: string[] = [];
  let files = 0;
  for (const root of roots)
    for (const file of filesUnder(root)) {
      files++;
      const text = readText(file);
      if (text.includes(token)) places.push(`${file}: token`);
      const auth = AUTHORIZATION_VALUE.exec(text);
      if (auth) places.push(`${file}: ${auth[0]}`);
    }
  for (const [name, text] of [
    ['stdout', run.stdout()],
    ['stderr', run.stderr()],
  ] as const) {
    if (text.includes(token)) places.push(`${name}: token`);
    if (AUTHORIZATION_VALUE.test(text)) places.push(`${name}: ${AUTHORIZATION_VALUE.exec(text)![0]}`);
  }
  return { places, files };
}

/** A loopback stand-in for a real gateway: 200 `{}` for everything, and it keeps every Authorization. */
async function recordingTarget(): Promise<{
  url: string;
  authorizations: Set<string>;
  close: () => Promise<void>;
}> {
  const authorizations = new Set<string>();
  const server = createServer((req, res) => {
    if (req.headers.authorization) authorizations.add(req.headers.authorization);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('secrets through npm run', () => {
  test('AUTH_TOKEN on the local runner (embedded smoke, a chaos run, a real loopback target): shown nowhere', async ({
    task,
  }) => {
    const token = newToken();
    const target = await recordingTarget();
    const figures: string[] = [];
    try {
      const cases = [
        {
          name: 'smoke',
          start: () => startRun('smoke', 'secret-smoke', [], undefined, { AUTH_TOKEN: token }),
        },
        {
          name: 'chaos',
          start: () =>
            startRun(
              'normal',
              'secret-chaos',
              [
                ...['--scale', '0.005', '--vu-scale', '0.3', '--chaos-at', '10'],
                ...['--chaos', 'chaos/pod-kill-order-service-with-every-5m.yaml'],
              ],
              undefined,
              { AUTH_TOKEN: token },
            ),
        },
        {
          name: 'real target',
          start: () =>
            startRun('smoke', 'secret-target', ['--target', target.url], undefined, { AUTH_TOKEN: token }),
        },
      ];
      for (const { name, start } of cases) {
        const run = start();
        const { exit, exposure } = await watchRun(run, token);
        expect(JUDGED, `${name}: exit ${exit}\n${run.stderr()}`).toContain(exit);
        const after = leaksAfter(run, token, [run.resultsRoot]);
        expect([...exposure.places, ...after.places], `${name}: where the secret showed`).toEqual([]);
        expect(exposure.polls, `${name}: command lines polled while it ran`).toBeGreaterThan(2);
        if (name === 'chaos')
          expect(exposure.ledgerReads, 'ledger entries read while chaos was applied').toBeGreaterThan(0);
        figures.push(
          `${name}: ${after.files} files, ${exposure.polls} ps polls, ${exposure.ledgerReads} ledger reads`,
        );
      }
      // The token was really in use: the loopback target got it, as a bearer token, on every request.
      expect([...target.authorizations]).toEqual([`Bearer ${token}`]);
    } finally {
      await target.close();
    }
    task.meta.figures = `0 leaks; ${figures.join('; ')}`;
  }, 600_000);

  test('AUTH_TOKEN on the k6 engine (fake k6 on PATH): not on its command line, nor in results or logs', async ({
    task,
  }) => {
    const token = newToken();
    const work = mkdtempSync(path.join(tmpdir(), 'c4ang-drill-fake-k6-'));
    const argvLog = path.join(work, 'k6-argv.ndjson');
    const run = startRun('smoke', 'secret-k6', ['--engine', 'k6'], undefined, {
      AUTH_TOKEN: token,
      PATH: `${FAKE_K6_DIR}:${process.env.PATH}`,
      FAKE_K6_LOG: argvLog,
      // The fake k6 stays up 30 s, so its command line is polled many times while it runs.
      FAKE_K6_HANG: '1',
      FAKE_K6_EXIT: undefined,
    });
    const { exit, exposure } = await watchRun(run, token, /fake-k6\/k6|\bk6 run\b/);
    expect(JUDGED, `exit ${exit}\n${run.stderr()}`).toContain(exit);
    expect(run.runJson()).toMatchObject({ engine: 'k6' });
    expect(exposure.commandLines.size, 'the k6 process was seen while it ran').toBeGreaterThan(0);
    // What k6 was given on its command line, as it recorded it.
    const argv = readFileSync(argvLog, 'utf8');
    expect(argv).toMatch(/"run"/);
    const after = leaksAfter(run, token, [run.resultsRoot, work]);
    expect([...exposure.places, ...after.places], 'where the secret showed').toEqual([]);
    expect(argv.includes(token)).toBe(false);
    task.meta.figures = `0 leaks; k6 command line seen in ${exposure.polls} ps polls (${[...exposure.commandLines].length} distinct); ${after.files} files scanned`;
  }, 300_000);

  test('run ids: path-safe, an existing folder is never reused, generated ids differ', async ({ task }) => {
    const root = newResultsRoot('run-ids');
    const env = { BASE_URL: undefined, CI: 'true' };
    const base = ['--results-dir', root];
    // Two generated ids in a row.
    const generated: string[] = [];
    for (let i = 0; i < 2; i++) {
      const run = npmRun('load:smoke', base, env);
      const exit = await run.exited;
      expect(JUDGED, `generated run ${i + 1}: exit ${exit}\n${run.stderr()}`).toContain(exit);
      const id = /results in \S*\/([^/\s]+) \(/.exec(run.stderr())?.[1];
      expect(id, run.stderr()).toMatch(/^smoke-\d{8}-\d{6}-[0-9a-f]+$/);
      generated.push(id!);
    }
    expect(generated[0]).not.toBe(generated[1]);
    for (const id of generated) expect(existsSync(path.join(root, id, 'verdict.json'))).toBe(true);

    const snapshot = (dir: string) =>
      readdirSync(dir)
        .sort()
        .map((name) => {
          const s = statSync(path.join(dir, name));
          return `${name} ${s.size} ${s.mtimeMs}`;
        });
    const rootBefore = snapshot(root);
    const outside = path.join(path.dirname(root), 'escape');
    const outsideBefore = existsSync(outside);
    const firstBefore = snapshot(path.join(root, generated[0]!));
    const historyBefore = readFileSync(path.join(root, 'history.ndjson'), 'utf8');

    const refused: string[] = [];
    for (const [runId, named] of [
      ['..', /--run-id[^\n]*"\.\."/],
      ['a/b', /--run-id[^\n]*"a\/b"/],
      ['../escape', /--run-id[^\n]*"\.\.\/escape"/],
      [generated[0]!, new RegExp(`--run-id[^\\n]*"${generated[0]}"[^\\n]*already exists`)],
    ] as const) {
      const run = npmRun('load:smoke', [...base, '--run-id', runId], env);
      const exit = await run.exited;
      expect(exit, `--run-id ${runId}\n${run.stderr()}`).toBe(104);
      expect(run.stderr()).toMatch(named);
      refused.push(runId === generated[0] ? 'existing' : runId);
    }
    // Nothing was written anywhere: not in the root, not beside it, not into the existing run.
    expect(snapshot(root)).toEqual(rootBefore);
    expect(existsSync(outside)).toBe(outsideBefore);
    expect(snapshot(path.join(root, generated[0]!))).toEqual(firstBefore);
    expect(readFileSync(path.join(root, 'history.ndjson'), 'utf8')).toBe(historyBefore);
    expect(existsSync(path.join(root, 'a'))).toBe(false);
    task.meta.figures = `generated ${generated.join(', ')}; refused with 104: ${refused.join(', ')}`;
  }, 300_000);
});

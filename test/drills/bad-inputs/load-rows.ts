// Bad inputs of load runs: every flag and env var of `npm run load:<profile>`.
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { isRoot, type Row } from './row.ts';

/** The recording fake k6 of the contract tests, answering `k6 version` as FAKE_K6_VERSION says. */
const FAKE_K6_DIR = path.resolve(import.meta.dirname, '../../fixtures/fake-k6');

export const LOAD_ROWS: readonly Row[] = [
  // --- load flags -------------------------------------------------------------------------------
  { name: '--scale 0', script: 'load:smoke', args: ['--scale', '0'], expect: /--scale.*"0"/ },
  { name: '--scale 2', script: 'load:spike', args: ['--scale', '2'], expect: /--scale.*"2"/ },
  { name: '--scale abc', script: 'load:smoke', args: ['--scale', 'abc'], expect: /--scale.*"abc"/ },
  { name: '--vu-scale 11', script: 'load:spike', args: ['--vu-scale', '11'], expect: /--vu-scale.*"11"/ },
  { name: '--vu-scale 0', script: 'load:spike', args: ['--vu-scale', '0'], expect: /--vu-scale.*"0"/ },
  { name: '--workers 1.5', script: 'load:smoke', args: ['--workers', '1.5'], expect: /--workers.*"1\.5"/ },
  { name: '--workers 0', script: 'load:smoke', args: ['--workers', '0'], expect: /--workers.*"0"/ },
  { name: '--chaos-at 150', script: 'load:normal', args: ['--chaos-at', '150'], expect: /--chaos-at.*150/ },
  { name: '--chaos-at abc', script: 'load:normal', args: ['--chaos-at', 'abc'], expect: /--chaos-at.*abc/ },
  { name: '--engine bogus', script: 'load:smoke', args: ['--engine', 'bogus'], expect: /--engine.*bogus/ },
  {
    name: '--engine k6-operator without --target',
    script: 'load:spike',
    args: ['--engine', 'k6-operator', '--dry-run'],
    expect: /--target: --engine k6-operator needs the gateway URL/,
  },
  {
    name: '--parallelism 0',
    script: 'load:spike',
    args: ['--engine', 'k6-operator', '--target', 'http://gw.example', '--parallelism', '0', '--dry-run'],
    expect: /--parallelism.*"0"/,
  },
  {
    name: '--parallelism above the profile’s VUs',
    script: 'load:smoke',
    args: ['--engine', 'k6-operator', '--target', 'http://gw.example', '--parallelism', '2', '--dry-run'],
    expect: /--parallelism: 2 runners for a smoke run of at most 1 VU/,
  },
  {
    name: '--dry-run without k6-operator',
    script: 'load:smoke',
    args: ['--dry-run'],
    expect: /--dry-run: only with --engine k6-operator/,
  },
  {
    name: '--chaos-provider bogus',
    script: 'load:smoke',
    args: ['--chaos-provider', 'bogus'],
    expect: /--chaos-provider.*bogus/,
  },
  { name: '--seed -1', script: 'load:smoke', args: ['--seed', '-1'], expect: /--seed.*"-1"/ },
  { name: '--seed abc', script: 'load:smoke', args: ['--seed', 'abc'], expect: /--seed.*"abc"/ },
  { name: "--run-id '..'", script: 'load:smoke', args: ['--run-id', '..'], expect: /--run-id.*"\.\."/ },
  { name: "--run-id 'a/b'", script: 'load:smoke', args: ['--run-id', 'a/b'], expect: /--run-id.*"a\/b"/ },
  {
    name: '--run-id with a space',
    script: 'load:smoke',
    args: ['--run-id', 'a b'],
    expect: /--run-id.*"a b"/,
  },
  {
    name: '--run-id of an existing run folder',
    script: 'load:smoke',
    args: ['--run-id', 'taken-1'],
    setup: ({ results }) => mkdirSync(path.join(results, 'taken-1')),
    expect: /--run-id.*taken-1.*already exists/,
  },
  {
    name: '--target ftp://x',
    script: 'load:smoke',
    args: ['--target', 'ftp://x'],
    expect: /--target.*ftp:\/\/x/,
  },
  {
    name: "--target 'http://'",
    script: 'load:smoke',
    args: ['--target', 'http://'],
    expect: /--target.*"http:\/\/"/,
  },
  {
    name: '--target a closed port',
    script: 'load:smoke',
    args: ['--target', 'http://127.0.0.1:9'],
    expect: /--target.*cannot reach http:\/\/127\.0\.0\.1:9/,
  },
  {
    name: '--target a server that answers 404 everywhere',
    script: 'load:smoke',
    args: ['--target', '$HTTP404'],
    expect: /--target.*answered 404/,
  },
  {
    name: '--k6-bin /nonexistent',
    script: 'load:smoke',
    args: ['--k6-bin', '/nonexistent/k6'],
    expect: /--k6-bin.*\/nonexistent\/k6/,
  },
  {
    name: '--engine k6 without a k6 binary',
    script: 'load:smoke',
    args: ['--engine', 'k6'],
    env: { PATH: path.dirname(process.execPath) },
    expect: /--engine k6/,
  },
  {
    name: '--k6-summary bogus',
    script: 'load:smoke',
    args: ['--k6-summary', 'bogus'],
    expect: /--k6-summary.*"bogus"/,
  },
  {
    name: '--engine k6 with a k6 older than the bundles need',
    script: 'load:smoke',
    args: ['--engine', 'k6'],
    env: {
      PATH: `${FAKE_K6_DIR}:${process.env.PATH}`,
      FAKE_K6_LOG: '$FIX/k6-argv.ndjson',
      FAKE_K6_VERSION: 'k6 v0.49.0 (2024-01-29T13:16:28+0000/v0.49.0-0-g0c2b7f2d, go1.21.6, linux/amd64)',
    },
    expect: /--engine k6: k6 at .* is v0\.49\.0; the bundles need k6 ≥ v0\.53\.0/,
  },
  {
    name: '--results-dir pointing at a file',
    script: 'load:smoke',
    args: ['--results-dir', '$FIX/a-file'],
    files: { 'a-file': 'not a folder\n' },
    expect: /--results-dir.*a-file/,
  },
  {
    name: '--results-dir unwritable',
    script: 'load:smoke',
    args: ['--results-dir', '$FIX/locked'],
    setup: ({ fix }) => {
      mkdirSync(path.join(fix, 'locked'));
      chmodSync(path.join(fix, 'locked'), 0o500);
    },
    expect: /--results-dir.*locked.*not writable/,
    ...(isRoot ? { skip: 'root ignores file modes' } : {}),
  },
  {
    name: 'unknown flag --bogus',
    script: 'load:smoke',
    args: ['--bogus'],
    expect: /unknown option '--bogus'/,
  },
  { name: 'an extra argument', script: 'load:smoke', args: ['extra'], expect: /too many arguments|extra/ },
  {
    name: 'missing profile',
    script: 'scripts/load.ts',
    args: [],
    expect: /missing required argument 'profile'/,
  },
  {
    name: 'unknown profile',
    script: 'scripts/load.ts',
    args: ['nosuch'],
    expect: /profile.*"nosuch"|nosuch.*profile/,
  },
  {
    name: 'several bad flags at once are all reported',
    script: 'load:smoke',
    args: ['--scale', '0', '--workers', '0', '--seed', 'abc', '--engine', 'bogus'],
    expect: /(?=[\s\S]*--scale)(?=[\s\S]*--workers)(?=[\s\S]*--seed)(?=[\s\S]*--engine)/,
  },
  {
    name: 'through npm run: --scale 0',
    script: 'load:spike',
    args: ['--scale', '0'],
    viaNpm: true,
    expect: /--scale.*"0"/,
  },
  // --- environment ------------------------------------------------------------------------------
  {
    name: 'LOAD_SCALE=abc',
    script: 'load:smoke',
    args: [],
    env: { LOAD_SCALE: 'abc' },
    expect: /LOAD_SCALE.*"abc"/,
  },
  { name: 'VU_SCALE=0', script: 'load:smoke', args: [], env: { VU_SCALE: '0' }, expect: /VU_SCALE.*"0"/ },
  { name: 'SEED=x', script: 'load:smoke', args: [], env: { SEED: 'x' }, expect: /SEED.*"x"/ },
  {
    name: 'BASE_URL=notaurl',
    script: 'load:smoke',
    args: [],
    env: { BASE_URL: 'notaurl' },
    expect: /BASE_URL.*notaurl/,
  },
  {
    name: "API_HOST='bad host'",
    script: 'load:smoke',
    args: [],
    env: { API_HOST: 'bad host' },
    expect: /API_HOST.*"bad host"/,
  },
  {
    name: 'AUTH_TOKEN with CR/LF (not echoed)',
    script: 'load:smoke',
    args: [],
    env: { AUTH_TOKEN: 'abc\r\nX-Evil: 1' },
    expect: /AUTH_TOKEN/,
    mustNotShow: ['X-Evil', 'abc\r', 'abc\\r'],
  },
  {
    name: 'C4ANG_PERF_ENGINE=bogus',
    script: 'load:smoke',
    args: [],
    env: { C4ANG_PERF_ENGINE: 'bogus' },
    expect: /C4ANG_PERF_ENGINE.*bogus/,
  },
  {
    name: 'C4ANG_PERF_CHAOS_PROVIDER=bogus',
    script: 'load:smoke',
    args: [],
    env: { C4ANG_PERF_CHAOS_PROVIDER: 'bogus' },
    expect: /C4ANG_PERF_CHAOS_PROVIDER.*bogus/,
  },
  {
    name: 'C4ANG_PERF_STANDIN_SLOWDOWN=0',
    script: 'load:smoke',
    args: [],
    env: { C4ANG_PERF_STANDIN_SLOWDOWN: '0' },
    expect: /C4ANG_PERF_STANDIN_SLOWDOWN.*"0"/,
  },
  {
    name: "RUN_ID='../x'",
    script: 'load:smoke',
    args: [],
    env: { RUN_ID: '../x' },
    expect: /RUN_ID.*"\.\.\/x"/,
  },
  {
    name: 'K6_BIN=/nonexistent',
    script: 'load:smoke',
    args: [],
    env: { K6_BIN: '/nonexistent/k6' },
    expect: /K6_BIN.*\/nonexistent\/k6/,
  },
];

// Picks the engine: real k6 when a binary is available (K6_BIN or PATH), else the local runner.
// `--engine k6|local` forces one and says clearly why it cannot be had. A k6 too old for the bundles
// (k6-version/preflight-k6.ts) is refused by `--engine k6` and passed over by `auto`. Runs in: Node.
import { accessSync, constants } from 'node:fs';
import { which } from 'zx';
import type { EngineChoice } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { createK6BinaryEngine } from './k6-binary-engine.ts';
import { preflightK6 } from './k6-version/preflight-k6.ts';
import { createLocalEngine } from './local-engine.ts';
import type { Engine } from './types.ts';

/** Where a k6 binary is, or why none is usable. */
export function findK6Binary(
  k6Bin: string | undefined,
  pathEnv: string | undefined,
): { path?: string; why: string } {
  if (k6Bin) {
    try {
      accessSync(k6Bin, constants.X_OK);
      return { path: k6Bin, why: `K6_BIN=${k6Bin}` };
    } catch {
      return { why: `K6_BIN=${k6Bin} is not an executable file` };
    }
  }
  const found = which.sync('k6', { nothrow: true, path: pathEnv ?? '' });
  return found
    ? { path: found, why: `k6 found on PATH at ${found}` }
    : { why: 'no k6 binary on PATH and K6_BIN is not set' };
}

export function selectEngine(
  choice: EngineChoice,
  k6Bin: string | undefined,
  pathEnv: string | undefined,
): Engine {
  if (choice === 'local') return createLocalEngine('--engine local');
  const k6 = findK6Binary(k6Bin, pathEnv);
  if (k6.path) {
    // Too old a k6 would fail at load (107, a Babel stack): said now, with the versions found and needed.
    const preflight = preflightK6(k6.path, choice === 'k6');
    if (preflight.usable)
      return createK6BinaryEngine(k6.path, `${k6.why}; ${preflight.note}`, preflight.info);
    if (choice === 'k6')
      throw new ConfigError('--engine k6: cannot run real k6', [
        `--engine k6: ${preflight.why}; install a newer k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or use --engine local`,
      ]);
    return createLocalEngine(`${preflight.why}: using the k6-compatible local runner`);
  }
  // A binary named on purpose that cannot run is a mistake to report, not a reason to switch engines.
  if (k6Bin)
    throw new ConfigError('--k6-bin / K6_BIN: cannot run real k6', [
      `--k6-bin / K6_BIN: ${k6.why}; fix the path, or drop --k6-bin/K6_BIN to use k6 from PATH or the local runner`,
    ]);
  if (choice === 'k6') {
    throw new ConfigError('--engine k6: cannot run real k6', [
      `--engine k6: ${k6.why}; install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or set K6_BIN, or use --engine local`,
    ]);
  }
  return createLocalEngine(`${k6.why}: using the k6-compatible local runner`);
}

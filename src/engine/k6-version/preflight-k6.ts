// Before any load: asks the k6 binary its version and decides whether the harness may use it.
// Too old (below MIN_K6_VERSION) means the bundles would fail at load with a long Babel stack
// (exit 107), so it is refused here instead, naming the version found and the one needed:
// `--engine k6` stops the run (104), `--engine auto` falls back to the local runner and says why.
// A version line that names no release (a dev build) is used when k6 was asked for by name, with
// the assumption said, and passed over by `auto`, which only picks k6 when it knows it will work.
// Runs in: Node (validate phase; synchronous, bounded by a timeout).
import { spawnSync } from 'node:child_process';
import { describeNeeds, meetsMinimum } from './k6-requirements.ts';
import { formatK6Version, type K6VersionInfo, parseK6Version } from './parse-k6-version.ts';

const VERSION_TIMEOUT_MS = 15_000;

export type K6Preflight =
  | {
      readonly usable: true;
      readonly info: K6VersionInfo;
      /** For the engine reason, e.g. `k6 v1.3.0` or `k6 v1.0.0 (xk6 build)`. */
      readonly note: string;
    }
  | { readonly usable: false; readonly why: string };

/** Output of `<k6Path> version`, or why it could not be had. */
function runVersion(k6Path: string): { output?: string; problem?: string } {
  const result = spawnSync(k6Path, ['version'], {
    encoding: 'utf8',
    timeout: VERSION_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) return { problem: `\`${k6Path} version\` could not run (${result.error.message})` };
  if (result.status !== 0) {
    const said = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n')[0];
    return {
      problem: `\`${k6Path} version\` exited ${result.status ?? result.signal}${said ? `: ${said}` : ''}`,
    };
  }
  return { output: result.stdout };
}

/** `forced`: k6 was asked for by name (`--engine k6`), so an unreadable version is tried anyway. */
export function preflightK6(k6Path: string, forced: boolean): K6Preflight {
  const { output, problem } = runVersion(k6Path);
  if (output === undefined) return { usable: false, why: problem ?? 'no output' };
  const info = parseK6Version(output);
  const build = info.custom ? ' (xk6 build)' : '';
  if (info.version === undefined) {
    const unreadable = `k6 at ${k6Path} printed no release version ("${info.line}")`;
    if (!forced) return { usable: false, why: `${unreadable}; --engine k6 uses it anyway` };
    return {
      usable: true,
      info,
      note: `${unreadable}: assuming a current k6${build}; ${describeNeeds()}`,
    };
  }
  const found = formatK6Version(info.version);
  if (!meetsMinimum(info.version)) {
    return { usable: false, why: `k6 at ${k6Path} is ${found}${build}; ${describeNeeds()}` };
  }
  return { usable: true, info, note: `k6 ${found}${build}` };
}

// The flags of `npm run chaos:apply`, checked all at once before anything is applied: every problem
// is one line naming its flag (the script throws them as one ConfigError, exit 104). Node side; pure.
import { parseDurationMs } from '../vu/duration.ts';

export interface ApplyFlagValues {
  hold: string;
  timeScale: string;
  adminUrl: string;
}

export interface CheckedApplyFlags {
  holdMs: number;
  timeScale: number;
  problems: string[];
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export function checkApplyFlags(flags: ApplyFlagValues): CheckedApplyFlags {
  const problems: string[] = [];
  let holdMs = 0;
  try {
    // k6/Go durations (`10s`, `1m30s`) or a plain number of milliseconds, as everywhere in the harness.
    holdMs = parseDurationMs(flags.hold);
  } catch (error) {
    problems.push(`--hold: ${(error as Error).message}`);
  }
  const timeScale = Number(flags.timeScale);
  if (flags.timeScale.trim() === '' || !(timeScale > 0 && timeScale <= 1)) {
    problems.push(`--time-scale: must be a number with 0 < s ≤ 1 (got ${JSON.stringify(flags.timeScale)})`);
  }
  let url: URL | undefined;
  try {
    url = new URL(flags.adminUrl);
  } catch {
    problems.push(
      `--admin-url: not a URL (got ${JSON.stringify(flags.adminUrl)}, expected e.g. http://127.0.0.1:8090)`,
    );
  }
  // The admin API can kill processes: the local provider only ever talks to this machine.
  if (url && (!/^https?:$/.test(url.protocol) || !LOOPBACK.includes(url.hostname))) {
    problems.push(`--admin-url: must be an http URL on loopback (got ${JSON.stringify(flags.adminUrl)})`);
  }
  return { holdMs, timeScale, problems };
}

// k6-style log lines (`ERRO[0003] message`) with rate limiting for errors thrown inside iterations:
// at most 10 error lines per second, the rest summarized, so a failing script cannot flood the
// terminal or slow the generator. Runs in: Node (runner main thread).
import type { LogLevel } from './vu-host.ts';

const LABEL: Record<LogLevel, string> = { info: 'INFO', warn: 'WARN', error: 'ERRO', debug: 'DEBU' };
const ERRORS_PER_SECOND = 10;

interface RunLogger {
  log(level: LogLevel, message: string): void;
  /** Print the pending "suppressed" note, if any. */
  flush(): void;
}

export function createRunLogger(write: (text: string) => void, startMs: () => number): RunLogger {
  let windowStart = -1;
  let inWindow = 0;
  let suppressed = 0;
  const stamp = () => String(Math.max(0, Math.floor((Date.now() - startMs()) / 1000))).padStart(4, '0');
  const flush = () => {
    if (suppressed > 0)
      write(
        `WARN[${stamp()}] ${suppressed} similar error messages were suppressed (rate limit ${ERRORS_PER_SECOND}/s)\n`,
      );
    suppressed = 0;
  };
  return {
    log(level, message) {
      if (level === 'debug') return;
      if (level === 'error') {
        const second = Math.floor(Date.now() / 1000);
        if (second !== windowStart) {
          flush();
          windowStart = second;
          inWindow = 0;
        }
        if (++inWindow > ERRORS_PER_SECOND) {
          suppressed++;
          return;
        }
      }
      write(`${LABEL[level]}[${stamp()}] ${message}\n`);
    },
    flush,
  };
}

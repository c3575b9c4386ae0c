// Sends one remote-write body: POST with the protocol's headers and the configured ones (auth
// included), on its own undici Agent so pushes never queue behind VU connections or hold them. Bounded
// in every direction: a per-attempt timeout, a few retries with backoff for what a retry can fix
// (network errors, 5xx, 429 — the remote-write spec's retryable answers), and an overall deadline the
// caller gives (the final push at exit must not keep a finished run waiting), and a signal that cuts
// a push short (the output aborts a periodic push that is still going when the run ends).
// Runs in: Node (runner main thread).
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import type { RemoteWriteConfig } from './rw-config.ts';
import { REMOTE_WRITE_HEADERS } from './write-request.ts';

/** k6's remote-write client timeout. */
const ATTEMPT_TIMEOUT_MS = 5000;
const RETRIES = 2;
const FIRST_BACKOFF_MS = 250;

export type PushOutcome = { ok: true } | { ok: false; error: string };

export class PushClient {
  readonly #config: RemoteWriteConfig;
  readonly #agent: Agent;

  constructor(config: RemoteWriteConfig) {
    this.#config = config;
    this.#agent = new Agent({
      connections: 2,
      connect: {
        rejectUnauthorized: !config.insecureSkipTlsVerify,
        minVersion: config.tlsMinVersion,
      },
    });
  }

  /** POSTs `body`, retrying retryable failures until `deadlineMs` (epoch ms) or until `signal` aborts. */
  async push(body: Buffer, deadlineMs: number, signal?: AbortSignal): Promise<PushOutcome> {
    let error = '';
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      const left = deadlineMs - Date.now();
      if (left <= 0 || signal?.aborted) break;
      const timeout = AbortSignal.timeout(Math.min(ATTEMPT_TIMEOUT_MS, left));
      const result = await this.#attempt(body, signal ? AbortSignal.any([timeout, signal]) : timeout);
      if (result.ok) return result;
      error = result.error;
      const backoff = FIRST_BACKOFF_MS * 2 ** attempt;
      if (!result.retryable || attempt === RETRIES || Date.now() + backoff >= deadlineMs) break;
      await sleep(backoff, undefined, { signal }).catch(() => undefined);
    }
    return { ok: false, error: error || 'no time left to push' };
  }

  async #attempt(
    body: Buffer,
    signal: AbortSignal,
  ): Promise<{ ok: true } | { ok: false; error: string; retryable: boolean }> {
    try {
      const response = await request(this.#config.serverUrl, {
        method: 'POST',
        dispatcher: this.#agent,
        headers: { ...this.#config.headers, ...REMOTE_WRITE_HEADERS },
        body,
        signal,
      });
      const text = await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true };
      return {
        ok: false,
        error: `HTTP ${response.statusCode}${text.trim() ? `: ${text.trim().slice(0, 200)}` : ''}`,
        retryable: response.statusCode >= 500 || response.statusCode === 429,
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: reason, retryable: true };
    }
  }

  async close(): Promise<void> {
    await this.#agent.destroy();
  }
}

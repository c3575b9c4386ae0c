// The VUs of one runner thread: initialized up front (init context per VU, like k6), handed to
// executors and returned when a scenario ends. Interrupted VUs are retired (their abandoned iteration
// may still be settling). Keeps exec.instance counters and the vus/vus_max values
// (vus_max: the peak, so it never drops below what ran). Runs in: VU thread.
import type { CompiledScript } from './load-script.ts';
import { instantiateScript } from './load-script.ts';
import { Vu } from './vu.ts';
import type { VuHost } from './vu-host.ts';

export class VuPool {
  readonly #host: VuHost;
  readonly #script: CompiledScript;
  readonly #env: Readonly<Record<string, string>>;
  readonly #idle: Vu[] = [];
  /** Worker striping: VU number k of this thread gets idInTest k·stride + offset + 1. */
  readonly #stride: number;
  readonly #offset: number;
  #created = 0;
  #live = 0;
  /** Most VUs alive at once: vus_max. Retiring an interrupted VU must not lower it (k6 never retires). */
  #peak = 0;

  constructor(
    host: VuHost,
    script: CompiledScript,
    env: Readonly<Record<string, string>>,
    stride = 1,
    offset = 0,
  ) {
    this.#host = host;
    this.#script = script;
    this.#env = env;
    this.#stride = stride;
    this.#offset = offset;
  }

  /** Peak of VUs initialized at once (k6's vus_max): retired VUs were replaced, not given back. */
  get initialized(): number {
    return this.#peak;
  }

  /** Create VUs until `count` are initialized (errors in the init context propagate). */
  prepare(count: number): void {
    while (this.#live < count) this.#idle.push(this.#create());
  }

  /** An idle VU, or a freshly initialized one. */
  acquire(): Vu {
    const vu = this.#idle.pop() ?? this.#create();
    this.#host.counters.vusActive++;
    return vu;
  }

  release(vu: Vu): void {
    this.#host.counters.vusActive--;
    vu.activate(null);
    if (vu.interrupted) this.#live--;
    else this.#idle.push(vu);
  }

  #create(): Vu {
    const index = this.#created++;
    const id = index * this.#stride + this.#offset + 1;
    const vu = new Vu(this.#host, id, id, this.#env);
    instantiateScript(this.#script, vu);
    this.#live++;
    this.#peak = Math.max(this.#peak, this.#live);
    this.#host.counters.vusInitialized = this.#peak;
    return vu;
  }
}

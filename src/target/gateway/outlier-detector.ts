// Outlier detection of one service (Istio DestinationRule): a replica with `consecutive5xxErrors`
// failures in a row (5xx, connect failure, reset, timeout) is ejected for baseEjectionTime × times
// ejected; a sweep every ejectionIntervalMs returns replicas whose time is up. At most
// maxEjectionPercent of the service is ejected at once, but always at least one. Runs in: Node (gateway).

interface OutlierPolicy {
  consecutive5xxErrors: number;
  baseEjectionTimeMs: number;
  maxEjectionPercent: number;
}

interface HostState {
  consecutiveFailures: number;
  ejectedUntilMs: number;
  timesEjected: number;
}

export class OutlierDetector {
  readonly #policy: OutlierPolicy;
  readonly #hosts = new Map<string, HostState>();
  readonly #now: () => number;
  readonly #onChange: (host: string, ejected: boolean) => void;

  constructor(
    policy: OutlierPolicy,
    onChange: (host: string, ejected: boolean) => void = () => {},
    now: () => number = Date.now,
  ) {
    this.#policy = policy;
    this.#onChange = onChange;
    this.#now = now;
  }

  /** Keep the host list in step with the service's endpoints. */
  setHosts(names: readonly string[]): void {
    for (const name of names)
      if (!this.#hosts.has(name))
        this.#hosts.set(name, { consecutiveFailures: 0, ejectedUntilMs: 0, timesEjected: 0 });
    for (const name of [...this.#hosts.keys()]) if (!names.includes(name)) this.#hosts.delete(name);
  }

  isEjected(name: string): boolean {
    return (this.#hosts.get(name)?.ejectedUntilMs ?? 0) > 0;
  }

  ejectedCount(): number {
    let count = 0;
    for (const state of this.#hosts.values()) if (state.ejectedUntilMs > 0) count++;
    return count;
  }

  /** Record one upstream outcome; `failed` = 5xx or a locally seen connect failure/reset/timeout. */
  record(name: string, failed: boolean): void {
    const state = this.#hosts.get(name);
    if (!state) return;
    if (!failed) {
      state.consecutiveFailures = 0;
      return;
    }
    state.consecutiveFailures++;
    if (state.ejectedUntilMs > 0 || state.consecutiveFailures < this.#policy.consecutive5xxErrors) return;
    if (!this.#mayEjectAnother()) return;
    state.timesEjected++;
    state.ejectedUntilMs = this.#now() + this.#policy.baseEjectionTimeMs * state.timesEjected;
    this.#onChange(name, true);
  }

  /** Return replicas whose ejection time has passed (called every ejectionIntervalMs). */
  sweep(): void {
    const now = this.#now();
    for (const [name, state] of this.#hosts) {
      if (state.ejectedUntilMs > 0 && state.ejectedUntilMs <= now) {
        state.ejectedUntilMs = 0;
        state.consecutiveFailures = 0;
        this.#onChange(name, false);
      }
    }
  }

  #mayEjectAnother(): boolean {
    const total = this.#hosts.size;
    const ejected = this.ejectedCount();
    if (ejected === 0) return true;
    return ((ejected + 1) / total) * 100 <= this.#policy.maxEjectionPercent;
  }
}

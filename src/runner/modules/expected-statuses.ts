// k6's http.expectedStatuses(): which statuses count as expected (tag expected_response, metric
// http_req_failed). A 1000-entry lookup keeps the per-response check O(1). Runs in: VU thread.

/** A status range, inclusive on both ends. */
interface StatusRange {
  min: number;
  max: number;
}

/** The object http.expectedStatuses() returns; the only accepted response callback, as in k6. */
export class ExpectedStatuses {
  readonly #lookup = new Uint8Array(1000);
  constructor(args: readonly unknown[]) {
    args.forEach((arg, index) => {
      if (typeof arg === 'number' && Number.isInteger(arg)) {
        if (arg >= 0 && arg < 1000) this.#lookup[arg] = 1;
        return;
      }
      const range = arg as Partial<StatusRange> | null;
      if (range && typeof range === 'object' && Number.isInteger(range.min) && Number.isInteger(range.max)) {
        for (let s = Math.max(0, range.min as number); s <= Math.min(999, range.max as number); s++)
          this.#lookup[s] = 1;
        return;
      }
      throw new TypeError(
        `argument number ${index + 1} to expectedStatuses was neither an integer nor an object like {min:100, max:329}`,
      );
    });
  }
  /** True when `status` (0 = network error) is expected. */
  matches(status: number): boolean {
    return status > 0 && status < 1000 && this.#lookup[status] === 1;
  }
}

export function expectedStatuses(...args: unknown[]): ExpectedStatuses {
  return new ExpectedStatuses(args);
}

/** k6's default: 200–399 are expected. */
export const DEFAULT_EXPECTED_STATUSES = new ExpectedStatuses([{ min: 200, max: 399 }]);

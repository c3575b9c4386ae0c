// The parts of k6's handleSummary data object that our VU code reads (the full shape is k6's).
// Runs in: VU and Node (types only).

/** The parts of k6's handleSummary data object this module reads. */
export interface SummaryData {
  readonly metrics: Record<
    string,
    {
      type: string;
      contains?: string;
      values: Record<string, number>;
      thresholds?: Record<string, { ok: boolean }>;
    }
  >;
  readonly root_group: SummaryGroup;
  readonly state?: { testRunDurationMs?: number };
}
export interface SummaryGroup {
  readonly name: string;
  readonly groups: readonly SummaryGroup[];
  readonly checks: readonly { name: string; passes: number; fails: number }[];
}

// How a canary run's settings reach the VUs and the stand-in: CANARY_SPLIT / CANARY_HEADER for the
// bundle's __ENV (src/vu/canary.ts reads them), and the header the stand-in routes its v2 on.
// Runs in: Node.
import type { CanarySettings } from '../results/canary/canary-settings.ts';
import { type CanaryHeader, parseCanaryHeader } from '../vu/canary.ts';

/** The VU environment of a canary run; empty for any other run. */
export function canaryVuEnv(canary: CanarySettings | undefined): Record<string, string> {
  if (!canary) return {};
  return { CANARY_SPLIT: String(canary.splitPercent), CANARY_HEADER: canary.header };
}

/** The run's canary header, parsed (validated before load); undefined outside a canary run. */
export function canaryHeaderOf(canary: CanarySettings | undefined): CanaryHeader | undefined {
  if (!canary) return undefined;
  const header = parseCanaryHeader(canary.header);
  return typeof header === 'string' ? undefined : header;
}

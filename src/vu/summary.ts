// handleSummary for every scenario: writes summary.json (k6's summary data plus the criteria verdicts)
// and summary.txt into RESULTS_DIR, and prints the text summary. Runs in: VU (end of test).
import type { VuEnv } from './env.ts';
import type { Scales } from './options.ts';
import { evaluateCriteria } from './criteria.ts';
import type { Profile } from './profiles.ts';
import type { SummaryData } from './summary-data.ts';
import { renderSummaryText } from './summary-text.ts';

export function createSummaryHandler(profile: Profile, env: VuEnv, scales: Scales) {
  return (data: SummaryData): Record<string, string> => {
    const criteria = evaluateCriteria(profile, scales, data);
    const c4ang = { profile: profile.name, runId: env.runId, baseUrl: env.baseUrl, ...scales, criteria };
    const text = renderSummaryText(data, { profile: profile.name, runId: env.runId, criteria });
    return {
      stdout: text,
      [`${env.resultsDir}/summary.json`]: `${JSON.stringify({ ...data, c4ang }, null, 2)}\n`,
      [`${env.resultsDir}/summary.txt`]: text,
    };
  };
}

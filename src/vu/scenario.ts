// Builds everything a scenario entry point exports from a profile name: options, the iteration
// function (mix, smoke or the security probes), and handleSummary. Keeps scenarios/*.ts to three lines.
// Runs in: VU.
import exec from 'k6/execution';
import { createClient } from './c4ang-client.ts';
import { createVersionPicker, parseCanaryEnv, versionSubmetrics } from './canary.ts';
import { parseVuEnv } from './env.ts';
import { FLOWS, type FlowState } from './flows.ts';
import { createPicker, TRAFFIC_MIX, type MixOperation } from './mix.ts';
import { buildOptions, phaseAt, phaseWindows } from './options.ts';
import { pause } from './pause.ts';
import { PROFILES, type ProfileName } from './profiles.ts';
import { createRandom, seedForVu } from './seeded-random.ts';
import { createSecurityProbes } from './security/run-probes.ts';
import { parseSecurityEnv } from './security/security-env.ts';
import { runSmoke } from './smoke-flow.ts';
import { createSummaryHandler } from './summary.ts';

export function createScenario(name: ProfileName) {
  const profile = PROFILES[name];
  const env = parseVuEnv(__ENV);
  // A canary run (load:canary): a seeded share of iterations is v2, sent with the canary header.
  const canary = parseCanaryEnv(__ENV);
  const scales = { loadScale: env.loadScale, vuScale: env.vuScale };
  const windows = phaseWindows(profile.phases, env.loadScale);
  const phase = () => (windows.length ? phaseAt(windows, Date.now() - exec.scenario.startTime) : '');

  // One state per VU: in k6 each VU has its own copy of this module, and so it has in the local runner.
  let state: (FlowState & { pick: () => MixOperation; versions?: { next(): unknown } }) | undefined;
  const vuState = () => {
    if (!state) {
      const random = createRandom(seedForVu(env.seed, exec.vu.idInTest));
      const versions = canary && createVersionPicker(canary, env.seed, exec.vu.idInTest);
      const client = createClient(env, phase, versions ? versions.current : undefined);
      state = {
        client,
        random,
        runId: env.runId,
        vuId: exec.vu.idInTest,
        unpaid: [],
        pick: createPicker(TRAFFIC_MIX, random),
        ...(versions ? { versions } : {}),
      };
    }
    return state;
  };

  // The security profile probes instead of running the mix (src/vu/security/).
  const security = name === 'security' ? createSecurityProbes(env, parseSecurityEnv(__ENV)) : undefined;

  async function iteration(): Promise<void> {
    if (security) return security();
    const current = vuState();
    current.versions?.next();
    if (name === 'smoke') return runSmoke(current);
    await FLOWS[current.pick()](current);
    if (profile.thinkTimeMs > 0) await pause(profile.thinkTimeMs * (0.5 + current.random()));
  }

  const options = buildOptions(profile, scales);
  // Per-version sub-metrics in k6's own summary (empty thresholds surface them, as for services).
  if (canary) for (const key of versionSubmetrics()) options.thresholds![key] = [];
  return {
    options,
    iteration,
    handleSummary: createSummaryHandler(profile, env, scales),
  };
}

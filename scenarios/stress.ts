// k6 entry point for the stress profile (see src/vu/profiles.ts). Bundled by build.mjs into dist/stress.js.
import { createScenario } from '../src/vu/scenario.ts';

const scenario = createScenario('stress');
export const options = scenario.options;
export const handleSummary = scenario.handleSummary;
export default scenario.iteration;

// k6 entry point for the smoke profile (see src/vu/profiles.ts). Bundled by build.mjs into dist/smoke.js.
import { createScenario } from '../src/vu/scenario.ts';

const scenario = createScenario('smoke');
export const options = scenario.options;
export const handleSummary = scenario.handleSummary;
export default scenario.iteration;

// k6 entry point for the spike profile (see src/vu/profiles.ts). Bundled by build.mjs into dist/spike.js.
import { createScenario } from '../src/vu/scenario.ts';

const scenario = createScenario('spike');
export const options = scenario.options;
export const handleSummary = scenario.handleSummary;
export default scenario.iteration;

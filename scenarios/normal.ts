// k6 entry point for the normal profile (see src/vu/profiles.ts). Bundled by build.mjs into dist/normal.js.
import { createScenario } from '../src/vu/scenario.ts';

const scenario = createScenario('normal');
export const options = scenario.options;
export const handleSummary = scenario.handleSummary;
export default scenario.iteration;

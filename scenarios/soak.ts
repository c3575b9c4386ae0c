// k6 entry point for the soak profile (see src/vu/profiles.ts). Bundled by build.mjs into dist/soak.js.
import { createScenario } from '../src/vu/scenario.ts';

const scenario = createScenario('soak');
export const options = scenario.options;
export const handleSummary = scenario.handleSummary;
export default scenario.iteration;

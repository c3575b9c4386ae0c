// k6 entry point for the security profile (see src/vu/security/). Bundled by build.mjs into dist/security.js.
import { createScenario } from '../src/vu/scenario.ts';

const scenario = createScenario('security');
export const options = scenario.options;
export const handleSummary = scenario.handleSummary;
export default scenario.iteration;

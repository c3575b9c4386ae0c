// k6 entry point for the breakpoint profile (see src/vu/profiles.ts). Bundled by build.mjs into dist/breakpoint.js.
import { createScenario } from '../src/vu/scenario.ts';

const scenario = createScenario('breakpoint');
export const options = scenario.options;
export const handleSummary = scenario.handleSummary;
export default scenario.iteration;

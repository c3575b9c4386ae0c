import { loadExperiments } from './src/chaos/load-experiments.ts';
import { formatProblem } from './src/chaos/problem.ts';
const r = await loadExperiments(process.argv.slice(2));
for (const p of [...r.problems, ...r.warnings]) { console.log(formatProblem(p)); if (p.hint) console.log(p.hint); }
console.log(r.experiments.length, 'ok');

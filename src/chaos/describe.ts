// What an experiment does, in words: the action name recorded in chaos.json and the ledger, and the
// one-line description providers build their describe() from (logs of runs, chaos:apply, chaos:clean).
// Node side; pure.
import { type ActionSpec, actionSpecOf, type Experiment, type PodTargeting } from './kinds/types.ts';
import { labelSelectorText } from './selector.ts';

/**
 * The action of a spec. HTTPChaos has no `action` field: its action is whichever of abort, delay,
 * replace and patch the spec sets (several may be set at once; they are joined with `+`).
 */
export function actionOf(action: ActionSpec): string {
  if (action.kind !== 'HTTPChaos') return action.spec.action;
  const { abort, delay, replace, patch } = action.spec;
  const parts = [abort && 'abort', delay && 'delay', replace && 'replace', patch && 'patch'].filter(Boolean);
  return parts.join('+') || 'none';
}

/** e.g. `PodChaos pod-kill of one pod (app.kubernetes.io/name=order-service in ecommerce)`. */
export function describeExperiment(experiment: Experiment): string {
  const action = actionSpecOf(experiment);
  const schedule = experiment.kind === 'Schedule' ? `Schedule "${experiment.spec.schedule}": ` : '';
  const spec = action.spec;
  let what = `${action.kind} ${actionOf(action)}`;
  if (action.kind === 'HTTPChaos') {
    const on = [action.spec.method, action.spec.path].filter(Boolean).join(' ');
    what += ` of ${on ? `${on} ` : ''}${action.spec.target.toLowerCase()}s`;
    if (action.spec.delay) what += ` (+${action.spec.delay})`;
  } else if (action.kind === 'NetworkChaos' && action.spec.delay) {
    what += ` ${action.spec.delay.latency}`;
  }
  let text = `${schedule}${what} on ${targets(spec)}`;
  if (action.kind === 'NetworkChaos' && action.spec.target) {
    text += ` ${action.spec.direction ?? 'to'} ${targets(action.spec.target)}`;
  }
  return spec.duration ? `${text} for ${spec.duration}` : text;
}

function targets(t: PodTargeting): string {
  const count =
    t.mode === 'one'
      ? 'one pod'
      : t.mode === 'all'
        ? 'all pods'
        : t.mode === 'fixed'
          ? `${t.value} pod(s)`
          : t.mode === 'fixed-percent'
            ? `${t.value} % of pods`
            : `up to ${t.value} % of pods`;
  const { selector } = t;
  if (selector.pods) {
    const names = Object.entries(selector.pods).flatMap(([ns, pods]) => pods.map((p) => `${ns}/${p}`));
    return `${count} of ${names.join(', ')}`;
  }
  const labels = labelSelectorText(selector);
  const where = selector.namespaces?.length ? ` in ${selector.namespaces.join(', ')}` : '';
  return `${count} (${labels || 'any labels'}${where})`;
}

// The security profile's part of the verdict. Its probe criteria are k6 thresholds like any other
// (threshold-criteria.ts); a failed one here also names the requests that failed it — the routes
// served without credentials, the payloads answered with a 5xx — from the checks in the summary, so
// the verdict says which rule is missing where. And `security-mtls-strict`, from security.json:
// judged when a cluster answered, not measured otherwise. Runs in: Node.
import type { ProfileName } from '../../vu/profiles.ts';
import { PROBES, PROBE_NAMES, type ProbeName, probeOfCheck } from '../../vu/security/probe-catalogue.ts';
import type { CriterionResult } from '../types.ts';
import type { SecurityFile } from './security-file.ts';

export const MTLS_CRITERION = 'security-mtls-strict';
/** Failed requests named in a criterion's description; the rest are counted. */
const NAMED = 10;

interface CheckRow {
  name: string;
  passes: number;
  fails: number;
}
interface GroupLike {
  checks?: readonly CheckRow[];
  groups?: readonly GroupLike[];
}

/** Every check of the summary's group tree (k6's handleSummary shape). */
function allChecks(group: GroupLike | undefined): CheckRow[] {
  if (!group) return [];
  return [...(group.checks ?? []), ...(group.groups ?? []).flatMap(allChecks)];
}

/** Failed check names per probe, the probe's prefix taken off. */
export function failedChecksByProbe(summary: unknown): Map<ProbeName, string[]> {
  const failed = new Map<ProbeName, string[]>();
  const root = (summary as { root_group?: GroupLike } | undefined)?.root_group;
  for (const check of allChecks(root)) {
    const probe = probeOfCheck(check.name);
    if (!probe || !(check.fails > 0)) continue;
    const list = failed.get(probe) ?? [];
    list.push(check.name.slice(PROBES[probe].checkPrefix.length));
    failed.set(probe, list);
  }
  return failed;
}

const WHAT_FAILED: Readonly<Record<ProbeName, string>> = {
  unauthenticated: 'served without valid credentials',
  injection: 'not answered with a 4xx',
  reflection: 'payload echoed raw',
  badBody: 'not answered with a 4xx',
  rateLimit: 'failed',
  withinLimit: 'refused or failed',
  cors: 'failed',
  internals: 'leaked internals',
};

/**
 * Failed checks read as requests: `GET /api/v1/orders with no token → 401` and its five siblings
 * become `GET /api/v1/orders (6)` — the route is what names the missing rule; the expectation after
 * `→` is the criterion's own description.
 */
export function summarizeFailures(names: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of names) {
    const head = name.replace(/ → .*$/, '').split(' with ')[0]!;
    counts.set(head, (counts.get(head) ?? 0) + 1);
  }
  return [...counts].map(([head, n]) => (n > 1 ? `${head} (${n})` : head));
}

/** A failed probe criterion's description, with the requests that failed it. */
export function nameFailedProbes(criteria: readonly CriterionResult[], summary: unknown): CriterionResult[] {
  const failed = failedChecksByProbe(summary);
  return criteria.map((criterion) => {
    const probe = PROBE_NAMES.find((name) => PROBES[name].criterion === criterion.id);
    const checks = probe && criterion.status === 'fail' ? failed.get(probe) : undefined;
    if (!probe || !checks?.length) return criterion;
    const names = summarizeFailures(checks);
    const shown = names.slice(0, NAMED).join('; ');
    const more = names.length > NAMED ? ` and ${names.length - NAMED} more` : '';
    return { ...criterion, description: `${criterion.description} — ${WHAT_FAILED[probe]}: ${shown}${more}` };
  });
}

/** `security-mtls-strict` for a security run; nothing for other profiles. */
export function mtlsCriteria(profile: ProfileName, file: SecurityFile | undefined): CriterionResult[] {
  if (profile !== 'security') return [];
  const base = {
    id: MTLS_CRITERION,
    limit: '0 non-STRICT policies',
    unit: 'count' as const,
    source: 'analysis' as const,
  };
  const mtls = file?.mtls;
  if (!mtls?.checked) {
    const reason = mtls?.reason ?? 'not checked: the run folder has no security.json';
    return [
      {
        ...base,
        description: 'mTLS is STRICT in the platform namespace (PeerAuthentication)',
        observed: null,
        pass: null,
        status: 'not-measured',
        notMeasured: reason,
      },
    ];
  }
  const description = mtls.strict
    ? `mTLS is STRICT in ${mtls.namespace} (${mtls.source}; ${mtls.where})`
    : `mTLS is not STRICT in ${mtls.namespace} (${mtls.where}): ${mtls.weakening.join('; ')}`;
  return [
    {
      ...base,
      description,
      observed: mtls.weakening.length,
      pass: mtls.strict,
      status: mtls.strict ? 'pass' : 'fail',
    },
  ];
}

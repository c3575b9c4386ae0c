// The Kubernetes API permissions a recorded kubectl call needs, as kubectl's documented behaviour has
// them: `get <type>/<name>` reads (get), `get <type>` lists (list), `apply` reads and then creates or
// patches, `wait` and `rollout status` read and watch, `annotate`/`patch` read and patch, `delete`
// deletes. Calls that need none: `version --client`, `config …`, and `api-resources` (discovery, open
// to every authenticated identity). A call this map does not know fails the test that uses it, so a
// new kind of kubectl call in the provider cannot slip past the RBAC check. Node side; tests only.
import type { KubectlCall } from './fake-kubectl.ts';

export interface Permission {
  /** API group ('' for core). */
  group: string;
  resource: string;
  verb: string;
  /** Undefined for cluster-scoped resources. */
  namespace: string | undefined;
}

const FLAGS_WITH_VALUE = new Set(['-n', '-o', '-l', '-p', '-f', '--type']);

/** `podchaos.chaos-mesh.org/x` → podchaos in chaos-mesh.org; `pods` → pods in core; `deployment/x` → apps. */
function resourceOfRef(ref: string): { group: string; resource: string; named: boolean } {
  const [type, name] = ref.split('/');
  const named = name !== undefined;
  const qualified = /^([a-z0-9-]+)\.(.+)$/.exec(type!);
  if (qualified) return { group: qualified[2]!, resource: qualified[1]!, named };
  if (type === 'pods' || type === 'pod') return { group: '', resource: 'pods', named };
  if (type === 'deployment' || type === 'deployments')
    return { group: 'apps', resource: 'deployments', named };
  if (type === 'crd') return { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', named };
  throw new Error(`kubectl-permissions: unknown resource type "${type}"`);
}

const CLUSTER_SCOPED = new Set(['customresourcedefinitions']);

/** Positional arguments after the verb (flags and their values removed). */
function positionals(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (FLAGS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) out.push(arg);
  }
  return out;
}

export function permissionsOf(call: KubectlCall): Permission[] {
  const argv = call.argv[0] === '--context' ? call.argv.slice(2) : call.argv;
  const [verb, ...rest] = argv;
  const nsIndex = rest.indexOf('-n');
  const namespace = nsIndex >= 0 ? rest[nsIndex + 1] : undefined;
  const make = (ref: { group: string; resource: string }, verbs: string[]): Permission[] =>
    verbs.map((v) => ({
      group: ref.group,
      resource: ref.resource,
      verb: v,
      namespace: CLUSTER_SCOPED.has(ref.resource) ? undefined : namespace,
    }));
  const words = positionals(rest);
  switch (verb) {
    case 'version':
    case 'config':
    case 'api-resources':
      return [];
    case 'get': {
      const ref = resourceOfRef(words[0]!);
      // `get <type> <name…>` and `get <type>/<name>` read objects by name; `get <type>` lists.
      return make(ref, ref.named || words.length > 1 ? ['get'] : ['list']);
    }
    case 'apply': {
      const manifest = JSON.parse(call.stdin ?? '{}') as { kind?: string; metadata?: { namespace?: string } };
      const plural = {
        PodChaos: 'podchaos',
        NetworkChaos: 'networkchaos',
        HTTPChaos: 'httpchaos',
        Schedule: 'schedules',
      }[manifest.kind ?? ''];
      if (!plural) throw new Error(`kubectl-permissions: apply of unknown kind ${manifest.kind}`);
      return ['get', 'create', 'patch'].map((v) => ({
        group: 'chaos-mesh.org',
        resource: plural,
        verb: v,
        namespace: manifest.metadata?.namespace,
      }));
    }
    case 'wait':
      return make(resourceOfRef(words[0]!), ['get', 'list', 'watch']);
    case 'delete':
      return make(resourceOfRef(words[0]!), ['delete']);
    case 'annotate':
    case 'patch':
      return make(resourceOfRef(words[0]!), ['get', 'patch']);
    case 'rollout':
      if (words[0] !== 'status') break;
      return make(resourceOfRef(words[1]!), ['get', 'list', 'watch']);
  }
  throw new Error(`kubectl-permissions: no mapping for "kubectl ${argv.join(' ')}"; add one`);
}

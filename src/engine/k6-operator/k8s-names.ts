// The Kubernetes naming rules the k6-operator objects must follow (object names, label keys and values,
// ConfigMap keys), and the size limit of a ConfigMap, as the Kubernetes API documents them. Checked
// here so a bad name is one clear line before anything is applied. Runs in: Node; pure.

/** RFC 1123 label: lower-case alphanumerics and '-', alphanumeric ends, at most 63. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** RFC 1035 label (Service names): as an RFC 1123 label, but starting with a letter. */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** ConfigMap and Secret data keys. */
export const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The API server refuses a ConfigMap whose data adds up to more than 1 MiB (etcd keeps objects small);
 * k6-operator mounts the script from one, so the bundle must fit.
 */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;

/** Problems of one label (`where` names it in messages). */
export function labelProblems(key: string, value: string, where: string): string[] {
  const problems: string[] = [];
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !(prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)))
    problems.push(`${where}: label key prefix "${prefix}" must be a DNS subdomain`);
  if (!(name.length <= 63 && LABEL_NAME.test(name)))
    problems.push(`${where}: label key "${key}" must be at most 63 alphanumerics, '-', '_' or '.'`);
  if (!(value.length <= 63 && LABEL_VALUE.test(value)))
    problems.push(
      `${where}: label value "${value}" must be at most 63 alphanumerics, '-', '_' or '.', with alphanumeric ends`,
    );
  return problems;
}

/** Problems of every label in a map. */
export function labelMapProblems(labels: Record<string, unknown> | undefined, where: string): string[] {
  return Object.entries(labels ?? {}).flatMap(([key, value]) =>
    typeof value === 'string' ? labelProblems(key, value, `${where}["${key}"]`) : [],
  );
}

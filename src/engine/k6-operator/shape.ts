// A small structural checker for Kubernetes-style objects: a shape says which fields an object may
// have, their types, which are required and which string values are allowed, and `checkShape` lists
// every place a value departs from it (`spec.runner.env[2].valueFrom: …`). It exists so the TestRun
// this harness generates is checked by our own reading of the k6-operator schema before anything is
// sent to a cluster, offline (`--dry-run` too). Runs in: Node; pure.

export type Shape =
  | {
      readonly type: 'string';
      readonly oneOf?: readonly string[];
      readonly pattern?: RegExp;
      readonly hint?: string;
    }
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'array'; readonly items: Shape }
  | {
      readonly type: 'object';
      /** Known fields; any other field is a problem unless `open`. */
      readonly fields?: Readonly<Record<string, Shape>>;
      readonly required?: readonly string[];
      /** A map: every value has this shape (labels, annotations, nodeSelector). */
      readonly values?: Shape;
      /** Accept fields not listed, unchecked (parts of the Pod API this harness never writes). */
      readonly open?: boolean;
    };

/** `path: message` for every departure of `value` from `shape` (empty: it conforms). */
export function checkShape(value: unknown, shape: Shape, path: string): string[] {
  const problems: string[] = [];
  visit(value, shape, path, problems);
  return problems;
}

function visit(value: unknown, shape: Shape, path: string, problems: string[]): void {
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string')
        return void problems.push(`${path}: must be a string (got ${typeName(value)})`);
      if (shape.oneOf && !shape.oneOf.includes(value))
        problems.push(`${path}: must be one of ${shape.oneOf.join(', ')} (got "${value}")`);
      if (shape.pattern && !shape.pattern.test(value))
        problems.push(`${path}: ${shape.hint ?? `must match ${shape.pattern}`} (got "${value}")`);
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        return void problems.push(
          `${path}: must be a whole number (got ${typeName(value)} ${JSON.stringify(value)})`,
        );
      if (shape.min !== undefined && value < shape.min)
        problems.push(`${path}: must be ≥ ${shape.min} (got ${value})`);
      if (shape.max !== undefined && value > shape.max)
        problems.push(`${path}: must be ≤ ${shape.max} (got ${value})`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean')
        problems.push(`${path}: must be true or false (got ${typeName(value)})`);
      return;
    case 'array':
      if (!Array.isArray(value))
        return void problems.push(`${path}: must be a list (got ${typeName(value)})`);
      value.forEach((item, i) => {
        visit(item, shape.items, `${path}[${i}]`, problems);
      });
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return void problems.push(`${path}: must be an object (got ${typeName(value)})`);
      const record = value as Record<string, unknown>;
      for (const field of shape.required ?? [])
        if (record[field] === undefined) problems.push(`${path}.${field}: required`);
      for (const [field, fieldValue] of Object.entries(record)) {
        const fieldShape = shape.fields?.[field] ?? shape.values;
        if (fieldShape) visit(fieldValue, fieldShape, `${path}.${field}`, problems);
        else if (!shape.open) problems.push(`${path}.${field}: unknown field`);
      }
      return;
    }
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

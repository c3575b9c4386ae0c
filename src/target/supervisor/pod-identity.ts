// Pod-like identity of a replica: a Deployment-style name (`<service>-<template hash>-<suffix>`), its
// labels and the cAdvisor-style labels of its metrics. Deterministic, so names are stable per run
// configuration. Runs in: Node (parent).
import { createHash } from 'node:crypto';
import type { ServiceRoute } from '../../vu/services.ts';
import { NAMESPACE } from '../defaults.ts';

/** Kubernetes' alphabet for generated name suffixes (no vowels, no look-alikes). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function encode(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

function podTemplateHash(service: string): string {
  return encode(createHash('sha256').update(`template:${service}`).digest(), 9);
}

export function podName(service: string, index: number): string {
  const suffix = encode(createHash('sha256').update(`pod:${service}:${index}`).digest(), 5);
  return `${service}-${podTemplateHash(service)}-${suffix}`;
}

export function podLabels(definition: ServiceRoute): Record<string, string> {
  return {
    'app.kubernetes.io/name': definition.name,
    app: definition.app,
    'pod-template-hash': podTemplateHash(definition.name),
  };
}

/** Labels of container_* metrics, as cAdvisor reports them. */
export function containerLabels(definition: ServiceRoute, name: string): Record<string, string> {
  return { namespace: NAMESPACE, pod: name, container: definition.app };
}

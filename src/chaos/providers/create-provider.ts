// Makes a chaos provider by name: the one place that knows every provider, used by the load run,
// the chaos scripts and leftover cleanup (which needs the provider each ledger entry names). Node side.
import { type ChaosMeshProviderOptions, createChaosMeshProvider } from './chaos-mesh/chaos-mesh-provider.ts';
import { createLocalProvider, type LocalProviderOptions } from './local/local-provider.ts';
import type { ChaosProvider, ProviderName } from './types.ts';

export const PROVIDER_NAMES: readonly ProviderName[] = ['local', 'chaos-mesh'];

export interface ProviderOptions {
  local?: LocalProviderOptions;
  chaosMesh?: ChaosMeshProviderOptions;
}

export function createProvider(name: ProviderName, options: ProviderOptions = {}): ChaosProvider {
  return name === 'local' ? createLocalProvider(options.local) : createChaosMeshProvider(options.chaosMesh);
}

// The security profile's one iteration: the probes in a fixed order, the rate-limit burst last so it
// cannot starve the others. Every request's answer is also screened for leaked internals (in the
// probe client). Runs in: VU.
import type { VuEnv } from '../env.ts';
import { probeUnauthenticated } from './auth-probe.ts';
import { probeCors } from './cors-probe.ts';
import { probeBadBodies, probeErrorPaths, probeInjection } from './input-probes.ts';
import { createProbeClient } from './probe-client.ts';
import { protectedRoutes } from './protected-routes.ts';
import { probeRateLimit } from './rate-limit-probe.ts';
import type { SecurityEnv } from './security-env.ts';

export function createSecurityProbes(env: VuEnv, security: SecurityEnv): () => Promise<void> {
  return async () => {
    const client = createProbeClient(env, security.rateLimitPerSecond);
    await probeUnauthenticated(client, protectedRoutes(security.publicPrefixes));
    await probeInjection(client);
    await probeBadBodies(client, security.maxBodyBytes);
    await probeErrorPaths(client);
    await probeCors(client, security.allowedOrigin);
    await probeRateLimit(client, security.rateLimitPerSecond);
  };
}

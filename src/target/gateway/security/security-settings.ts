// The edge rules of the stand-in's gateway as the gateway process receives them over IPC: bearer
// auth, a token bucket per client, a CORS policy, error bodies without internals, and the secret
// that marks a call between services (inside the mesh, not at the edge). Every rule is off unless
// set. Types and the one predicate; shared by the parent and the gateway. Runs in: Node.

export interface RateLimitSettings {
  /** Tokens added per second: the sustained requests per second of one client. */
  readonly perSecond: number;
  /** Bucket size: how many requests one client may send at once. */
  readonly burst: number;
}

export interface GatewaySecuritySettings {
  /** The bearer token every request from outside must carry; undefined: auth off. */
  readonly authToken?: string;
  /** One token bucket per client; undefined: no rate limit. */
  readonly rateLimit?: RateLimitSettings;
  /** Origins the CORS policy allows; undefined: no CORS policy (the gateway adds no CORS header). */
  readonly corsOrigins?: readonly string[];
  /** Rebuild every error body without stack traces, paths, addresses or runtime error codes. */
  readonly scrubErrors?: boolean;
  /**
   * The value of MESH_IDENTITY_HEADER on calls between services, which go through this gateway here
   * while in the mesh they never pass the ingress: those skip the edge rules. Random per stand-in.
   */
  readonly meshIdentity?: string;
}

export const MESH_IDENTITY_HEADER = 'x-c4ang-mesh-identity';

/** True when at least one edge rule is on. */
export function anyEdgeRule(settings: GatewaySecuritySettings | undefined): boolean {
  return (
    !!settings &&
    (settings.authToken !== undefined ||
      settings.rateLimit !== undefined ||
      settings.corsOrigins !== undefined ||
      settings.scrubErrors === true)
  );
}

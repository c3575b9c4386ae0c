// The time limits of the chaos lifecycle, defined once: every provider, the load run's chaos
// timeline, `chaos:apply` and `chaos:clean` read them here, so a run and a manual apply wait alike.
// Node side; constants only.

/**
 * verifyInjected: Chaos Mesh has to reconcile the object, select pods and have chaos-daemon inject
 * into each of them (seconds on a healthy cluster, longer while images or nodes are busy); the local
 * provider is done when apply returns. A minute separates "slow" from "never".
 */
export const INJECT_TIMEOUT_MS = 60_000;

/**
 * Of the injection wait, the part spent waiting for `Selected`: Selected=False is final (Chaos Mesh
 * never retries the selection), so a selector that matches nothing fails fast.
 */
export const SELECT_TIMEOUT_MS = 30_000;

/**
 * verifyRecovered, counted from the end of the fault: killed pods are recreated and must pass their
 * readiness probes (Deployment rollout). The wait ends as soon as every target is Ready, so a
 * generous bound costs nothing when recovery works and only delays reporting a real failure; it is
 * the longer of the two values the harness used before (90 s in load runs, 120 s in chaos:apply).
 */
export const VERIFY_TIMEOUT_MS = 120_000;

/**
 * Per step of deleting a Chaos Mesh object (plain delete → force annotation → finalizer patch): the
 * controller recovers every target before it drops the finalizer, which may take a while for many
 * pods; a step that hangs this long escalates.
 */
export const DELETE_STEP_TIMEOUT_MS = 60_000;

/** Per kubectl call unless the call says otherwise (waits pass their own): the API server answers in ms. */
export const KUBECTL_CALL_TIMEOUT_MS = 30_000;

/** Per admin API call of the local provider: the embedded target is on loopback. */
export const ADMIN_CALL_TIMEOUT_MS = 5000;

/**
 * Per admin API call when cleaning a local leftover: the target is on loopback, so a slow answer means
 * it is gone or hung — and a gone target took its chaos with it.
 */
export const LOCAL_CLEAN_REQUEST_TIMEOUT_MS = 3000;

/**
 * The longest fault a manifest may ask for (`duration`, `delay`, `latency`, …): 24 h, the length of
 * the longest profile (soak) at full scale. A longer fault cannot be observed recovering in any run,
 * and it keeps every timer far below Node's setTimeout limit (2^31−1 ms ≈ 24.8 days, beyond which a
 * timer fires at once — a `99999h` fault used to end immediately, mid-run). Go's time.Duration holds
 * ~292 years, so anything accepted here is also a valid Chaos Mesh duration.
 */
export const MAX_CHAOS_DURATION_MS = 24 * 3_600_000;

/** Node's setTimeout limit: a longer delay is treated as 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

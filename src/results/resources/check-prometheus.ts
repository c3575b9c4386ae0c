// Part of phase 1 when PROMETHEUS_URL is set: one cheap query to tell the user at the start — not
// after a 30-minute run — that Prometheus does not answer. Only a warning: the resources are
// collected after the run, when it may answer, and without it they are "not measured", never a
// failed run. Runs in: Node.
import { PrometheusApi } from './prometheus-api.ts';
import { displayPrometheusUrl } from './prometheus-url.ts';

const PROBE_TIMEOUT_MS = 3000;

/** A warning line when Prometheus does not answer a trivial query; undefined when it does. */
export async function prometheusWarning(prometheusUrl: string): Promise<string | undefined> {
  try {
    await new PrometheusApi(prometheusUrl, PROBE_TIMEOUT_MS).query('vector(1)', Date.now() / 1000);
    return undefined;
  } catch (error) {
    return `WARN Prometheus at ${displayPrometheusUrl(prometheusUrl)} does not answer (${(error as Error).message}); CPU and memory will be "not measured" unless it answers when the run ends`;
  }
}

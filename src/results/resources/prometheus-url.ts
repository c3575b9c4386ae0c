// PROMETHEUS_URL as the harness accepts it: an http(s) base URL of a Prometheus (or a compatible
// API such as Thanos or Mimir, path prefix allowed) to which `/api/v1/...` is appended — so no
// query or fragment — and how it is shown in results: without credentials. Runs in: Node.

/** Why `text` is not a usable Prometheus base URL, or undefined when it is. */
export function prometheusUrlProblem(text: string): string | undefined {
  const example = 'e.g. http://127.0.0.1:9090';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `must be an http(s) URL of a Prometheus, ${example} (got "${text}")`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `must be an http(s) URL of a Prometheus, ${example} (got "${text}")`;
  if (url.search || url.hash)
    return `must be the Prometheus base URL without a query or fragment, ${example} (got "${text}")`;
  return undefined;
}

/** The base URL without a trailing slash, so `/api/v1/…` can be appended. */
export function normalizePrometheusUrl(text: string): string {
  return text.replace(/\/+$/, '');
}

/** The URL as results and logs show it: user and password left out. */
export function displayPrometheusUrl(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    return normalizePrometheusUrl(url.toString());
  } catch {
    return text;
  }
}

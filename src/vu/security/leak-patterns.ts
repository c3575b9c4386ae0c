// What "leaks a stack trace or server internals" means for the probes: stack frames of the usual
// server runtimes, source paths, runtime error codes, private addresses with ports, database errors in
// a body, and headers that announce the server's software and version. Pure, so the unit tests pin
// each pattern with a positive and a negative example. Runs in: VU and Node.

interface LeakPattern {
  readonly name: string;
  readonly pattern: RegExp;
}

const BODY_PATTERNS: readonly LeakPattern[] = [
  // Node/V8: "    at handle (/app/src/server.js:42:13)" or "at node:internal/…"
  {
    name: 'JavaScript stack frame',
    pattern: /\bat\s+(?:async\s+)?[\w$.<>[\]]*\s*\(?(?:[\w:]*\/[^\s()]*|node:[\w/]+):\d+:\d+\)?/,
  },
  // Java: "at com.c4ang.order.OrderController.create(OrderController.java:57)"
  { name: 'Java stack frame', pattern: /\bat\s+[\w$]+(?:\.[\w$<>]+)+\([\w$]+\.(?:java|kt|scala):\d+\)/ },
  {
    name: 'Java exception class',
    pattern:
      /\b(?:java|javax|jakarta|org\.springframework|org\.hibernate|com\.fasterxml)\.[\w.]+(?:Exception|Error)\b/,
  },
  { name: 'Python traceback', pattern: /Traceback \(most recent call last\)|File "[^"]+", line \d+/ },
  { name: 'Go panic', pattern: /\bgoroutine \d+ \[|\bpanic: / },
  { name: '.NET stack frame', pattern: /\bat [\w.]+\(.*\) in [^\s]+:line \d+/ },
  {
    name: 'server source path',
    pattern:
      /(?:\/(?:home|usr|var|opt|srv|app|src|workspace|node_modules)\/[\w.@/-]+\.(?:[cm]?js|ts|java|kt|py|go|rb|php))|[A-Z]:\\[\w\\.-]+\.(?:cs|dll|exe)/,
  },
  {
    name: 'Node.js internals',
    pattern: /node:internal\/|\bE(?:CONNREFUSED|CONNRESET|ADDRINUSE|NOTFOUND|PIPE|TIMEDOUT|HOSTUNREACH)\b/,
  },
  {
    name: 'private address with port',
    pattern:
      /\b(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}):\d{2,5}\b/,
  },
  {
    name: 'database error',
    pattern:
      /SQLSTATE|syntax error at or near|You have an error in your SQL syntax|\bORA-\d{5}\b|PSQLException|SQLException|unterminated quoted string|SQLITE_ERROR/i,
  },
];

/** Headers whose mere presence tells the server's framework (`x-powered-by: Express`). */
const FRAMEWORK_HEADERS = ['x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-runtime'];

/** The first header value of `name`, case-insensitively (k6 canonicalises names, Node lower-cases). */
export function headerValue(
  headers: Readonly<Record<string, string>> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key];
  return undefined;
}

/**
 * Every leak in one response, named (`Java stack frame in the body`, `x-powered-by header`); empty
 * when it leaks nothing. A `Server` header is fine unless it carries a version (`nginx/1.25.3`).
 */
export function findLeaks(
  body: string | null | undefined,
  headers: Readonly<Record<string, string>> | undefined,
): string[] {
  const leaks: string[] = [];
  if (typeof body === 'string' && body.length > 0) {
    for (const { name, pattern } of BODY_PATTERNS) if (pattern.test(body)) leaks.push(`${name} in the body`);
  }
  for (const name of FRAMEWORK_HEADERS)
    if (headerValue(headers, name) !== undefined) leaks.push(`${name} header`);
  const server = headerValue(headers, 'server');
  if (server !== undefined && /\/\s*v?\d+(?:\.\d+)*/.test(server))
    leaks.push(`server header with a version (${server})`);
  return leaks;
}

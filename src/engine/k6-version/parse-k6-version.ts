// Reads what `k6 version` printed: the release it is, and whether it is a custom (xk6) build.
// Official releases print `k6 v1.3.0 (commit/5870e99ae8, go1.25.1, linux/amd64)` (older ones a
// build date where the commit is); xk6 builds print the k6 version they were built on with another
// parenthesis (`(go1.24.5, linux/amd64)`, `((devel), …)`, `(commit/devel, …)`) and an `Extensions:`
// list, and since k6 v1.3.0 a Go pseudo-version when built from a commit
// (`v1.3.1-0.20250821094055-e2181aa00abc`). Only the `k6 vX.Y.Z` part is relied on, so any of these
// is understood; a line without it (or v0.0.0, a module built without a version) is "unknown".
// Runs in: Node.

export interface K6Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** `-rc1`, `-dev` or a Go pseudo-version suffix, without the dash; features follow major.minor.patch. */
  readonly prerelease?: string;
}

export interface K6VersionInfo {
  /** The first non-empty line of `k6 version`, as printed (for messages). */
  readonly line: string;
  /** Undefined when the output names no release (a dev build, or not k6 at all). */
  readonly version?: K6Version;
  /** An xk6 (custom) build: extensions listed, or a devel build marker. */
  readonly custom: boolean;
}

const VERSION_LINE = /^k6\s+v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?(?=[\s(]|$)/;

export function parseK6Version(output: string): K6VersionInfo {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const line = lines.find((l) => l.startsWith('k6 ')) ?? lines[0] ?? '';
  const custom = /^Extensions:/m.test(output) || /\(devel\)|commit\/devel|xk6/.test(line);
  const match = VERSION_LINE.exec(line);
  if (!match) return { line, custom };
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (major === 0 && minor === 0 && patch === 0) return { line, custom };
  const version: K6Version = match[4]
    ? { major, minor, patch, prerelease: match[4] }
    : { major, minor, patch };
  return { line, version, custom };
}

export function formatK6Version(version: K6Version): string {
  return `v${version.major}.${version.minor}.${version.patch}${version.prerelease ? `-${version.prerelease}` : ''}`;
}

/** Compares release numbers only: a pre-release or pseudo-version has its release's features. */
export function isAtLeast(version: K6Version, minimum: K6Version): boolean {
  if (version.major !== minimum.major) return version.major > minimum.major;
  if (version.minor !== minimum.minor) return version.minor > minimum.minor;
  return version.patch >= minimum.patch;
}

// The imports a test snippet of the blocking-call transform starts with, shared by the
// await-*.test.ts files so each snippet reads as the body of a k6 script. Runs in: Node (tests).

/** `http` and the k6 functions the snippets use (sleep blocks; group and check take callbacks). */
export const HTTP = `import http from 'k6/http';\nimport { sleep, group, check } from 'k6';\n`;

#!/bin/sh
# `k6` as k6-operator calls it in the harness image (deploy/Dockerfile installs this file as
# /usr/local/bin/k6, ahead of the real /usr/bin/k6 on PATH: the operator's runner command is always
# `k6 run …`). In a runner pod of a harness run (C4ANG_PERF_K6_OPERATOR_RUNNER=1, set by the TestRun)
# `k6 run` goes through scripts/k6-operator-runner.ts, which runs the real k6 and prints the runner's
# aggregates in its log for the harness; every other call (the initializer's `k6 archive` and
# `k6 inspect`, or anyone else's k6) is the real k6, unchanged.
set -eu
real="${K6_BIN:-/usr/bin/k6}"
if [ "${C4ANG_PERF_K6_OPERATOR_RUNNER:-}" = 1 ] && [ "${1:-}" = run ]; then
  shift
  # tsx resolves from the harness's folder; k6-operator passes the script as an absolute /test/ path.
  cd "${C4ANG_PERF_APP_DIR:-/app}"
  exec node --import tsx scripts/k6-operator-runner.ts "$@"
fi
exec "$real" "$@"

#!/bin/sh
# Entry point of the harness image (deploy/Dockerfile) for the in-cluster nightly soak (deploy/k8s):
# checks the target is configured, prunes old run folders, undoes chaos an earlier night left applied,
# then runs the soak profile on real k6 against BASE_URL and exits with the harness's exit code (0
# passed, 99 a criterion failed, 104 bad settings, …; see the README's exit codes).
#
# Environment (the CronJob sets it; BASE_URL and AUTH_TOKEN come from the c4ang-perf-target Secret):
#   BASE_URL                     gateway URL of the C4ang platform (required)
#   AUTH_TOKEN                   bearer token, if the platform wants one
#   C4ANG_PERF_RESULTS           results root on the persistent volume (image default /results)
#   LOAD_SCALE                   duration scale of the 24 h soak (0.25 = 6 h)
#   SOAK_CHAOS                   space-separated Chaos Mesh manifests to inject (paths under /app); empty = none
#   SOAK_KEEP_DAYS               run folders older than this many days are removed (default 14; 0 = keep all)
#   C4ANG_PERF_CHAOS_NAMESPACES  namespaces chaos may touch (default: only the pod's own namespace)
# Extra arguments (the container's args) are passed on to `npm run load:soak`.
set -eu
# SOAK_CHAOS is split on spaces on purpose; its words must not be expanded as globs.
set -f

if [ -z "${BASE_URL:-}" ]; then
  echo "entrypoint: BASE_URL is not set; put the gateway URL in the c4ang-perf-target Secret" >&2
  exit 104
fi
results="${C4ANG_PERF_RESULTS:-/results}"
export C4ANG_PERF_RESULTS="$results"

# The volume keeps every night's run folder; history.ndjson (one line per run, read by drift and the
# trend page) is all that later nights need, so old folders go before the disk fills.
keep_days="${SOAK_KEEP_DAYS:-14}"
case "$keep_days" in
  '' | *[!0-9]*)
    echo "entrypoint: SOAK_KEEP_DAYS must be a whole number of days (got \"$keep_days\")" >&2
    exit 104
    ;;
esac
if [ "$keep_days" -gt 0 ] && [ -d "$results" ]; then
  find "$results" -mindepth 1 -maxdepth 1 -type d -name 'soak-*' -mtime +"$keep_days" |
    while read -r old; do
      echo "entrypoint: removing $old (older than $keep_days days)"
      rm -rf "$old"
    done
fi

# Chaos an earlier pod left applied (killed at its deadline, OOM, node lost) is undone first, or it
# would distort tonight's soak. A pid means something only in its own container, and every pod has
# the same fixed host name, so the ledger judges another container's entries by a lease their owner
# renewed every 15 s, which runs out 2 min after that pod died. --include-live also takes entries
# whose lease has not yet run out (a retry right after a crash). That is safe because every entry here
# is from a finished pod: the CronJob never runs two at once (concurrencyPolicy: Forbid). If cleaning
# fails, the soak does not start; the job fails and says so.
status=0
npm run chaos:clean -- --include-live || status=$?
if [ "$status" -ne 0 ]; then
  echo "entrypoint: chaos:clean failed (exit $status): chaos from an earlier run may still be applied; not starting the soak" >&2
  exit "$status"
fi

for manifest in ${SOAK_CHAOS:-}; do
  set -- "$@" --chaos "$manifest"
done
# exec: the harness's exit code is the container's, and tini's signals go straight to npm, which
# hands them to the harness (it recovers chaos and writes results on SIGTERM).
exec npm run load:soak -- --engine k6 "$@"

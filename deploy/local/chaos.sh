#!/usr/bin/env bash
# Faults under load, and a soak, on a stack of its own (io.journeyline.local.Chaos starts it with --supervise and
# --control-stdin on port offset 7000 and a fresh data folder under deploy/local/target/chaos/, and stops it after).
#   deploy/local/chaos.sh [--rate 1000] [--http 100] [--only kill-journey,kill-survey,kill-education,kill-feedback,
#                         postgres,kafka,timers,launcher] [--port-offset 7000] [--data-dir DIR]
#       a steady load, each fault in turn, the invariants checked from outside after each; prints the table
#       (fault, load, HTTP ingest meanwhile, time to recover, accepted, lost, duplicated); exit 1 if anything was
#       lost or doubled
#   deploy/local/chaos.sh soak [--minutes 30] [--rate 2000] [--http 100] [--reads 20] [--out docs/soak]
#       the load for N minutes with retentions shortened, plus agent reads: per minute lag, latencies, RSS, heap and
#       database sizes to OUT/soak.csv and OUT/soak.md, drawn to OUT/soak.svg with gnuplot (installed where missing)
# The services run with JOURNEYLINE_SERVICE_JVM_OPTS (default -Xmx512m -XX:+UseParallelGC). Build first:
# ./mvnw -B install -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/soak
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ "${args[$i]}" == "--out" ]] && out="${args[$((i + 1))]}"
done
status=0
java -cp deploy/local/target/local-stack.jar io.journeyline.local.Chaos "$@" || status=$?
if [[ "${1:-}" == "soak" && -f "$out/soak.csv" ]]; then
  if ! command -v gnuplot >/dev/null 2>&1; then
    echo "chaos.sh: installing gnuplot-nox (draws the soak's picture)"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnuplot-nox >/dev/null; } ||
      echo "chaos.sh: could not install gnuplot-nox (needs apt-get and root); the CSV is there to draw"
  fi
  if gnuplot -e "csv='$out/soak.csv'; svg='$out/soak.svg'" deploy/local/soak.gp; then
    echo "chaos.sh: drew $out/soak.svg"
  else
    echo "chaos.sh: gnuplot did not draw $out/soak.svg"
  fi
fi
exit $status

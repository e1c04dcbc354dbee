#!/usr/bin/env bash
# Builds Journeyline and runs the whole system on this machine, no Docker needed: a real PostgreSQL server
# (the machine's binaries if present, else embedded ones from Maven), a real Apache Kafka broker (KRaft) and
# the four services. Ctrl-C stops exactly what it started; data stays in deploy/local/data.
#
#   deploy/local/run.sh                 build, then run
#   deploy/local/run.sh --no-build      run what was built last
#   deploy/local/run.sh --port-offset N shift every port by N (e.g. to run beside another stack)
#   deploy/local/run.sh --data-dir DIR  keep data elsewhere
#   deploy/local/run.sh --demo N [--demo-seed S]  once up, play N customers' journeys through it (deploy/local/demo.sh)
#   deploy/local/run.sh --token-hours N the printed tokens' lifetime (8 hours by default; the services refuse > 24)
# It prints each service's API URL and its management URL (the port + 1000: /q/health, /q/metrics, /q/openapi).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == "--no-build" ]]; then
  shift
else
  echo "Building (./mvnw -B -q package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi
exec java -jar deploy/local/target/local-stack.jar "$@"

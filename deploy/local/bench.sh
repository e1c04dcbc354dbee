#!/usr/bin/env bash
# Measures event → timeline latency and batch throughput against a running local stack (deploy/local/run.sh).
#   deploy/local/bench.sh [--samples N] [--port-offset N] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp deploy/local/target/local-stack.jar io.journeyline.local.IngestBenchmark "$@"

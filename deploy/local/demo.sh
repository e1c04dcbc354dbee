#!/usr/bin/env bash
# Plays a population of customer journeys through a running local stack (deploy/local/run.sh) with real clients —
# CloudEvents on Kafka, the services' HTTP APIs — with a progress bar, then waits until every consumer has caught up
# and prints the reports' headline figures. Same --seed, same journeys.
#   deploy/local/demo.sh [--customers 1000] [--seed 42] [--port-offset N] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp deploy/local/target/local-stack.jar io.journeyline.local.DemoData "$@"

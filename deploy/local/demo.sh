#!/usr/bin/env bash
# Plays a population of customer journeys through a running local stack (deploy/local/run.sh) with real clients —
# CloudEvents on Kafka, the services' HTTP APIs — with a progress bar, then waits until every consumer has caught up
# and prints the reports' headline figures. Same --seed, same journeys. The journeys began up to 80 days ago: start the
# stack with run.sh --demo, or with JOURNEYLINE_INTERVENTIONS_STALE_AFTER=P400D, or their pain points ask for no
# intervention (journey-service's stale guard, P2D by default) and the reports show no education effect.
#   deploy/local/demo.sh [--customers 1000] [--seed 42] [--port-offset N] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp deploy/local/target/local-stack.jar io.journeyline.local.DemoData "$@"

#!/usr/bin/env bash
# Prints the delivery requests on journey.outbound (survey links, lessons) of one customer, or of all, as the delivery
# gateway would read them; one JSON per line.
#   deploy/local/outbound.sh [CUSTOMER] [--port-offset N]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp deploy/local/target/local-stack.jar io.journeyline.local.Outbound "$@" 2>/dev/null

#!/usr/bin/env bash
# Tries what an outside system might send to break a running stack (deploy/local/run.sh) — over HTTP and straight onto
# Kafka: NUL, lone surrogates, deep nesting, non-I-JSON numbers, oversize bodies and records, another service's event
# types, Journeyline's own sources, a valid event twice — and prints what each got beside what it should get.
# Exits 1 when any probe got something else.
#   deploy/local/probe.sh [--port-offset N] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp deploy/local/target/local-stack.jar io.journeyline.local.Probe "$@" 2>/dev/null

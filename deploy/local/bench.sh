#!/usr/bin/env bash
# Benchmarks against a running local stack (deploy/local/run.sh); prints medians and percentiles, asserts nothing.
#   deploy/local/bench.sh [--samples N] [--port-offset N] [--data-dir DIR]
#       event → timeline latency over HTTP and Kafka, and 1000-event HTTP batch throughput
#   deploy/local/bench.sh consumer [--events N] [--runs N] --port-offset A [--port-offset B ...]
#       journey-service consumer throughput, several stacks side by side (e.g. before and after a change)
#   deploy/local/bench.sh rules --on OFFSET:DATA_DIR --off OFFSET:DATA_DIR [--mix everyday|stress] [--events N] [--runs N]
#       journey-service consumer throughput with the default rules on versus off, two stacks side by side
#   deploy/local/bench.sh cases [--port-offset N] [--data-dir DIR] [--burst N] [--open N] [--due N]
#       feedback-service: cases opened per second (HTTP complaints, Kafka case requests); the SLA timer poller with
#       100,000 open cases (its query's time, overdue breaches fired per second)
#   deploy/local/bench.sh results [--port-offset N] [--data-dir DIR] [--responses N] [--runs N]
#       survey-service: the results calls over a survey of 1,000,000 responses
#   deploy/local/bench.sh education [--port-offset N] [--data-dir DIR] [--requests N] [--runs N]
#       education-service: assignments per second from a burst of 10,000 education requests
#   deploy/local/bench.sh load [--events 1000000] [--seed 7] [--port-offset N] [--limit-rows 200000]
#   deploy/local/bench.sh load --rate 5000 --seconds 60 [--seed 7] [--port-offset N]
#   deploy/local/bench.sh load --timers 100000 [--port-offset N]
#       the load harness (LoadBenchmark): journey-service on an everyday mix, timed by its consumer group's lag sampled
#       from outside; CPU per process, rows and WAL per event, the INSERT/COPY limit in the same run; or a steady rate's
#       event → timeline latency p50/p99 and whether lag stays flat; or N absence timers made due at once, timed until
#       none is pending, each checked to have fired once
#   deploy/local/bench.sh backfill [--customers 30000] [--seed 7] [--port-offset N] [--data-dir DIR]
#       ten days of an everyday mix onto journey.touchpoints with absence timers coming due meanwhile: the rate, and
#       that every event is in its timeline with nothing dead-lettered, retried or failed (exit 1 otherwise)
#   deploy/local/bench.sh privacy [--port-offset N] [--data-dir DIR] [--events 100000] [--runs 5] [--reads 2000]
#                                 [--purge 1000000] [--before OFFSET:DATA_DIR] [--clients 8]
#       the export of a customer with 100,000 events (time, size), the access log's cost on the timeline read (beside a
#       stack without it), that customer's erasure, and the purge rate of expired timeline entries
#   deploy/local/bench.sh backtest [--port-offset N] [--data-dir DIR] [--period P90D] [--events 50000] [--runs 3]
#       a backtest of the active rules over what the stack holds (e.g. run.sh --demo 10000): wall time, events/s, its
#       report per rule; then journey-service's consumer throughput with and without a backtest running, interleaved
#   deploy/local/bench.sh console [--port-offset N] [--data-dir DIR] [--events 100000] [--runs 20]
#       Customer 360 in the console, in headless Chromium (deploy/local/browser.sh installs it): a customer with
#       100,000 events beside one with 1,000, opened in turn; time to first byte (the page with every part),
#       first contentful paint and load, medians and p90
#   deploy/local/bench.sh reads [--port-offset N] [--data-dir DIR] [--events 100000] [--rate 200] [--seconds 20]
#                               [--connections 8] [--pain-points 1000000] [--open-cases 100000] [--only TEXT]
#       every read an agent makes about one customer (journey view, timeline page, pain points, decisions, identity
#       lookup, cases, assignments, survey invitations) for a customer with 1,000 events and one with 100,000, and the
#       pain-point and case worklists at volume (rows topped up by SQL): closed loop (N clients) and open loop (a fixed
#       rate, latency from the scheduled send time), p50/p99/max and non-200 answers per read, with build and JVM flags
set -euo pipefail
cd "$(dirname "$0")/../.."
main=io.journeyline.local.IngestBenchmark
if [[ "${1:-}" == "consumer" ]]; then
  shift
  main=io.journeyline.local.ConsumerBenchmark
elif [[ "${1:-}" == "rules" ]]; then
  shift
  main=io.journeyline.local.RulesBenchmark
elif [[ "${1:-}" == "cases" ]]; then
  shift
  main=io.journeyline.local.CasesBenchmark
elif [[ "${1:-}" == "results" ]]; then
  shift
  main=io.journeyline.local.ResultsBenchmark
elif [[ "${1:-}" == "education" ]]; then
  shift
  main=io.journeyline.local.EducationBenchmark
elif [[ "${1:-}" == "load" ]]; then
  shift
  main=io.journeyline.local.LoadBenchmark
elif [[ "${1:-}" == "privacy" ]]; then
  shift
  main=io.journeyline.local.PrivacyBenchmark
elif [[ "${1:-}" == "backtest" ]]; then
  shift
  main=io.journeyline.local.BacktestBenchmark
elif [[ "${1:-}" == "console" ]]; then
  shift
  bash deploy/local/browser.sh >/dev/null
  main=io.journeyline.local.ConsoleBenchmark
elif [[ "${1:-}" == "reads" ]]; then
  shift
  main=io.journeyline.local.ReadsBenchmark
elif [[ "${1:-}" == "backfill" ]]; then
  shift
  main=io.journeyline.local.BackfillBenchmark
fi
exec java -cp deploy/local/target/local-stack.jar "$main" "$@"

#!/usr/bin/env bash
# Makes (or keeps) a signing key pair in DIR/keys and prints a bearer token per role, from ISSUER (the deployment's
# own; the services accept no other), valid N hours (8 by default; the services refuse more than 24 h by default).
# For a deployment other than the local stack, e.g. the Kubernetes dev overlay (deploy/kubernetes/README.md), or fresh
# tokens for the local stack (--data-dir deploy/local/data --issuer https://local.journeyline.invalid).
# Needs deploy/local built (run.sh builds it).
#   deploy/local/tokens.sh --data-dir DIR --issuer ISSUER [--hours N]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp deploy/local/target/local-stack.jar io.journeyline.local.Tokens "$@"

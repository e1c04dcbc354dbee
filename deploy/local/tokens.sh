#!/usr/bin/env bash
# Makes (or keeps) a signing key pair in DIR/keys and prints a bearer token per role, for a deployment other than the
# local stack, e.g. the Kubernetes dev overlay (deploy/kubernetes/README.md). Needs deploy/local built (run.sh builds it).
#   deploy/local/tokens.sh --data-dir DIR [--days N]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec java -cp deploy/local/target/local-stack.jar io.journeyline.local.Tokens "$@"

#!/usr/bin/env bash
# Renders the pictures under docs/pictures/ (Graphviz sources, *.dot) to SVG beside them; both are committed.
#   docs/render.sh
# Installs Debian's graphviz where `dot` is missing (needs apt-get and root, as these machines have).
set -euo pipefail
cd "$(dirname "$0")/pictures"
if ! command -v dot >/dev/null 2>&1; then
  echo "render.sh: installing graphviz"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends graphviz >/dev/null
fi
for source in *.dot; do
  dot -Tsvg "$source" -o "${source%.dot}.svg"
  echo "render.sh: drew docs/pictures/${source%.dot}.svg"
done

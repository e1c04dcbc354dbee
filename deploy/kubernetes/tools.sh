#!/usr/bin/env bash
# Installs what the manifest tests (ManifestsTest) use, into deploy/kubernetes/target/tools, nothing system-wide:
#   kubectl  from Debian's kubernetes-client package, downloaded and unpacked (not installed); its built-in kustomize
#            renders the overlays;
#   validate the npm packages validate/package-lock.json pins (kubernetes-models and the Strimzi, CloudNativePG, KEDA
#            and Prometheus Operator models), installed with npm ci beside a copy of validate.mjs.
# Needs apt-get (Debian) and Node.js 20+ with npm. Runs again only when something is missing.
#   deploy/kubernetes/tools.sh        then: target/tools/kubectl kustomize overlays/dev
#                                          node target/tools/validate/validate.mjs rendered.yaml
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/target/tools"
mkdir -p "$tools"

if [ ! -x "$tools/kubectl" ]; then
  rm -rf "$tools/deb" "$tools/root" && mkdir -p "$tools/deb"
  if ! (cd "$tools/deb" && apt-get download kubernetes-client >/dev/null 2>&1); then
    apt-get update -qq >/dev/null
    (cd "$tools/deb" && apt-get download kubernetes-client >/dev/null 2>&1)
  fi
  dpkg-deb -x "$tools"/deb/kubernetes-client_*.deb "$tools/root"
  ln -sf "$tools/root/usr/bin/kubectl" "$tools/kubectl"
fi

if ! cmp -s "$here/validate/package-lock.json" "$tools/validate/package-lock.json" \
    || [ ! -d "$tools/validate/node_modules" ]; then
  rm -rf "$tools/validate" && mkdir -p "$tools/validate"
  cp "$here/validate/package.json" "$here/validate/package-lock.json" "$tools/validate/"
  (cd "$tools/validate" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp "$here/validate/validate.mjs" "$tools/validate/validate.mjs"

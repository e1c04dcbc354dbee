#!/usr/bin/env bash
# Installs what the console's browser tests drive, where missing: Debian's chromium and chromium-driver (the
# WebDriver the tests talk to) and fonts-noto-cjk (Chinese pages render without empty boxes). Needs apt-get and root
# (as CI runs); does nothing when all three are there. ConsoleIT and StoriesIT call it before they open a browser.
#   deploy/local/browser.sh        then: /usr/bin/chromium, /usr/bin/chromedriver
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
chromium --version
chromedriver --version

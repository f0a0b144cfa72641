#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for Playwright
# (`npx playwright install` cannot download browsers on these machines).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium not found; install the Debian package 'chromium' (apt-get install chromium)" >&2
  exit 1
fi
echo "ensure-chromium: installing the Debian package 'chromium'..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q && apt-get install -y -q chromium; } >&2; then
  echo "ensure-chromium: could not install the package 'chromium'" >&2
  exit 1
fi

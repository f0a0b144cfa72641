#!/usr/bin/env bash
# Runs the suite with the clock set to days that break date-dependent tests: the first and last
# moments of a month, both DST changes in the demo's time zone, a leap day; in time zones on both
# sides of UTC. Needs Debian's `faketime` (installed with apt when running as root).
#
#   bash scripts/test-on-dates.sh                      # every date below, unit (PGlite) + e2e
#   bash scripts/test-on-dates.sh "2027-03-28 00:30:00"   # one date
#   SKIP_E2E=1 bash scripts/test-on-dates.sh           # unit only
#
# Not part of `npm test` (it runs the suite once per date); db/seed.test.ts checks the demo data
# on these dates in every run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v faketime >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then echo "test-on-dates: install the Debian package 'faketime'" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q faketime >/dev/null || {
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q faketime >/dev/null
  }
fi

# "UTC time|machine time zone": each is a day a calendar-bound test would get wrong.
cases=(
  "2027-02-28 23:30:00|Pacific/Kiritimati"   # 1 March already, 14 hours ahead of UTC
  "2027-01-31 23:50:00|America/Los_Angeles"  # still 31 January on the machine, 1 February in Riga
  "2027-03-28 00:30:00|Europe/Riga"          # the night summer time begins in the demo's zone
  "2027-10-31 00:30:00|Europe/Riga"          # the night it ends
  "2028-02-29 12:00:00|Asia/Tehran"          # a leap day, in the Persian locale's zone
)
if [ $# -gt 0 ]; then cases=(); for at in "$@"; do cases+=("$at|UTC"); done; fi

for entry in "${cases[@]}"; do
  at=${entry%%|*}; zone=${entry##*|}
  printf '\n######## %s UTC, machine time zone %s ########\n' "$at" "$zone"
  # -f is not used: the clock starts at `at` and runs on normally, so timeouts still work.
  TZ=$zone faketime "$at" env SKIP_LINT=1 SKIP_PG=1 bash scripts/test.sh
done
printf '\n######## the suite passed on every date ########\n'

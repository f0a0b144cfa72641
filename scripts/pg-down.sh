#!/usr/bin/env bash
# Stop the throwaway cluster started by pg-up.sh and delete its directory.
# Usage: scripts/pg-down.sh [dir]   (default: $PG_TEST_DIR). Safe to call twice.
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
dir=${1:-${PG_TEST_DIR:-}}

if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  exit 0  # nothing to stop: never started, or already removed
fi
# Refuse to rm -rf a directory that pg-up.sh did not create (e.g. a mistyped PG_TEST_DIR).
if [ ! -f "$dir/.pg-test-cluster" ]; then
  echo "pg-down: $dir was not created by pg-up.sh; not touching it" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

if [ -f "$dir/data/postmaster.pid" ]; then
  # fast = roll back open sessions and stop; if even that fails, don't leave a
  # server running on a deleted directory.
  (cd / && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null) \
    || (cd / && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null) \
    || echo "pg-down: could not stop the server in $dir" >&2
fi
rm -rf "$dir"

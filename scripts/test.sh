#!/usr/bin/env bash
# `npm test`: everything CI checks, in order, starting what it needs.
#   1. lint      eslint, prettier --check, tsc --noEmit
#   2. unit      vitest on embedded PGlite in memory
#   3. pg        the same vitest suite on a throwaway PostgreSQL 15 (scripts/pg-up.sh)
#   4. e2e       next build + Playwright on Debian's Chromium, fresh PGlite directory
#
# For local iteration, skip stages with env vars (CI runs everything):
#   SKIP_LINT=1  SKIP_UNIT=1  SKIP_PG=1  SKIP_E2E=1
#   e.g.  SKIP_E2E=1 npm test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts=$PWD/scripts

# The tests choose their database themselves; a DATABASE_URL / DATABASE_TEST_URL
# left in the developer's shell must not redirect them.
unset DATABASE_URL DATABASE_TEST_URL
export NEXT_TELEMETRY_DISABLED=1

# `--no`: never let npx download a package of the same name if a dev dependency is missing.
npx() { command npx --no -- "$@"; }

stage_name=
stage_start=
begin() {
  stage_name=$1
  stage_start=$SECONDS
  printf '\n==== %s ====\n' "$stage_name"
}
end() {
  printf '==== %s: ok (%ss) ====\n' "$stage_name" $((SECONDS - stage_start))
  stage_name=
}

e2e_tmp=
on_exit() {
  local rc=$?
  if [ -n "${PG_TEST_DIR:-}" ]; then bash "$scripts/pg-down.sh" || true; fi
  if [ -n "$e2e_tmp" ]; then rm -rf "$e2e_tmp"; fi
  if [ "$rc" -ne 0 ] && [ -n "$stage_name" ]; then
    printf '\n==== %s: FAILED (exit %s, %ss) ====\n' "$stage_name" "$rc" $((SECONDS - stage_start)) >&2
  fi
  exit "$rc"
}
trap on_exit EXIT

skipped() { printf '\n==== %s: skipped (%s=1) ====\n' "$1" "$2"; }

if [ "${SKIP_LINT:-}" = 1 ]; then skipped lint SKIP_LINT; else
  begin "lint: eslint";          npx eslint .;        end
  begin "format: prettier";      npx prettier --check --log-level=warn .;  end
  begin "typecheck: tsc";        npx tsc --noEmit;    end
fi

if [ "${SKIP_UNIT:-}" = 1 ]; then skipped "unit (PGlite)" SKIP_UNIT; else
  begin "unit + integration on PGlite (in memory)"
  npx vitest run
  end
fi

if [ "${SKIP_PG:-}" = 1 ]; then skipped "PostgreSQL" SKIP_PG; else
  begin "unit + integration on PostgreSQL 15"
  # Not `eval "$(...)"` directly: eval of an empty string would hide a pg-up failure.
  pg_env=$(bash "$scripts/pg-up.sh")
  eval "$pg_env"   # exports DATABASE_TEST_URL and PG_TEST_DIR
  npx vitest run
  # Stop it now rather than at exit: the build below wants the CPU and memory.
  bash "$scripts/pg-down.sh"
  unset DATABASE_TEST_URL PG_TEST_DIR
  end
fi

if [ "${SKIP_E2E:-}" = 1 ]; then skipped e2e SKIP_E2E; else
  begin "e2e: chromium"
  bash "$scripts/ensure-chromium.sh"
  end
  # A fresh PGlite directory, so e2e never sees data from `npm run dev` or a previous run.
  e2e_tmp=$(mktemp -d)
  export PGLITE_DIR=$e2e_tmp/pglite
  begin "e2e: next build";        npx next build;       end
  begin "e2e: playwright";        npx playwright test;  end
  rm -rf "$e2e_tmp"; e2e_tmp=
  unset PGLITE_DIR
fi

printf '\n==== all stages passed (%ss) ====\n' "$SECONDS"

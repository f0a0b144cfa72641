#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster for tests and benchmarks.
#
#   eval "$(scripts/pg-up.sh)"     # exports DATABASE_TEST_URL and PG_TEST_DIR
#   ...
#   scripts/pg-down.sh             # stops it and deletes PG_TEST_DIR
#
# Only the two `export` lines go to stdout (so the output can be eval'd);
# all progress and errors go to stderr. Listens on 127.0.0.1 only, trust auth,
# superuser `postgres`: never use this for anything but disposable test data.
set -euo pipefail
exec 3>&1 1>&2  # fd 3 = the caller's stdout; everything else goes to stderr

PGBIN=/usr/lib/postgresql/15/bin

if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "pg-up: PostgreSQL 15 server not found in $PGBIN; install the Debian package 'postgresql' (apt-get install postgresql)"
    exit 1
  fi
  echo "pg-up: installing the Debian package 'postgresql'..."
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -q && apt-get install -y -q postgresql; }; then
    echo "pg-up: could not install the package 'postgresql'"
    exit 1
  fi
fi

# initdb refuses to run as root, so as root everything runs as `postgres` on a
# directory that user owns. /tmp rather than $TMPDIR: postgres must be able to
# reach the directory, and root's TMPDIR may sit under a private home.
if [ "$(id -u)" -eq 0 ]; then
  dir=$(mktemp -d /tmp/pg-test.XXXXXX)
  chown postgres:postgres "$dir"
  as_pg() { runuser -u postgres -- "$@"; }
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/pg-test.XXXXXX")
  as_pg() { "$@"; }
fi
cd "$dir"  # postgres warns if it cannot read the current directory (e.g. /root)

started=
cleanup() {  # on failure, leave nothing behind (not even a server that timed out starting)
  if [ -z "$started" ]; then
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
  fi
}
trap cleanup EXIT
touch "$dir/.pg-test-cluster"  # marker: pg-down.sh only deletes directories carrying it

# Locale C + UTF8 matches PGlite, so sort order is the same on both test databases.
# --no-sync only skips fsync during initdb; the server itself keeps fsync on.
as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null

cat >>"$dir/data/postgresql.conf" <<CONF
# added by scripts/pg-up.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
CONF

free_port() {  # ask the kernel for an unused port
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Another process may grab the port between free_port and the server's bind
# (e.g. two pg-up.sh running at once): retry with a new port in that case.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  rm -f "$dir/server.log"
  # 3>&-: the server must not inherit the caller's stdout, or `$(pg-up.sh)` would
  # wait for it to close until the server exits.
  if as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null 3>&-; then
    started=1
    break
  fi
  if ! grep -q "Address already in use" "$dir/server.log" 2>/dev/null || [ "$attempt" -eq 5 ]; then
    echo "pg-up: PostgreSQL failed to start; server log:"
    cat "$dir/server.log" 2>/dev/null || true
    exit 1
  fi
  echo "pg-up: port $port was taken, retrying"
done

echo "pg-up: PostgreSQL 15 on 127.0.0.1:$port, data in $dir"
echo "export DATABASE_TEST_URL=postgres://postgres@127.0.0.1:$port/postgres" >&3
printf 'export PG_TEST_DIR=%q\n' "$dir" >&3

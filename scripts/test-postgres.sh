#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a fresh folder under /tmp, served
# on a free local port and a socket in that folder, fsync off. Source it:
#   . scripts/test-postgres.sh && start_test_postgres
# exports COUNTERFLOW_TEST_PG_URL (the tests make their own database in it) and stops and
# removes the cluster when the shell exits.
pg_bin_dir() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  # Debian keeps the server binaries out of PATH, one folder per major version.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_test_postgres() {
  local bin dir port as
  bin="$(pg_bin_dir)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "test-postgres: initdb not found (install Debian's postgresql package: scripts/setup.sh)" >&2
    return 1
  fi
  dir="$(mktemp -d /tmp/counterflow-ci-pg.XXXXXX)"
  # A free port: ask the kernel for one (node is there: the project needs it).
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  as=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=100" start >/dev/null || { cat "$dir/log" >&2; return 1; }
  export COUNTERFLOW_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  TEST_PG_DIR="$dir"
  TEST_PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$dir/data" -w -m fast stop)
  trap stop_test_postgres EXIT
  echo "test-postgres: PostgreSQL $("$bin/postgres" --version | awk "{print \$3}") on port $port ($dir)"
}

stop_test_postgres() {
  if [ -n "${TEST_PG_DIR:-}" ]; then
    "${TEST_PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$TEST_PG_DIR"
    TEST_PG_DIR=""
  fi
}

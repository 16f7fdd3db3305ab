#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster on 127.0.0.1 and
# PLANWATCH_TEST_POSTGRES_URL pointing at it; the cluster is removed afterwards.
# Without a PostgreSQL installation the command runs anyway and the PostgreSQL tests skip.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "未找到 PostgreSQL，跳过 PostgreSQL 测试" >&2
  exec "$@"
fi
port=${PLANWATCH_PG_PORT:-55432}
datadir=$(mktemp -d /tmp/planwatch-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$datadir"
  run_as=(runuser -u postgres --)
fi
cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$datadir"
}
trap cleanup EXIT
"${run_as[@]}" "$bindir/initdb" -D "$datadir" -U planwatch --auth=trust --locale=C.UTF-8 --encoding=UTF8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $datadir -c fsync=off -c full_page_writes=off" start >/dev/null
"${run_as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U planwatch planwatch_test
export PLANWATCH_TEST_POSTGRES_URL="postgresql+psycopg://planwatch@127.0.0.1:$port/planwatch_test"
"$@"

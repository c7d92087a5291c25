#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS server for the tests (ctest fixture `pg`):
#
#   scripts/pg-test-server.sh start DIR PORT   # initdb under DIR, start, create greengauge_test
#   scripts/pg-test-server.sh stop  DIR PORT   # stop it and remove DIR
#
# The server listens on 127.0.0.1:PORT only, its unix socket is in DIR/socket, authentication is
# `trust` (local tests only: never point this at a directory that matters), durability is off
# (fsync=off) because the data is thrown away. Connect with
#   PG:host=127.0.0.1 port=PORT dbname=greengauge_test user=postgres
# Both commands are idempotent: `start` on a running server only makes sure the database exists,
# `stop` on a missing DIR does nothing. Run as root, the server runs as the `postgres` system
# user (initdb refuses root); run as another user, it runs as that user.
# PG_BIN overrides the directory of initdb/pg_ctl/psql (default /usr/lib/postgresql/15/bin).
set -euo pipefail

readonly DB=greengauge_test
readonly MARKER=.greengauge-pg-test-server
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() {
    echo "pg-test-server: $*" >&2
    exit 1
}

usage() { die "usage: $0 start|stop DIR PORT"; }

[ $# -eq 3 ] || usage
cmd=$1
port=$3
[[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 65535 ] ||
    die "PORT must be a number from 1024 to 65535, not '$port'"
case $2 in
    /*) dir=$2 ;;
    *) dir=$PWD/$2 ;;
esac
dir=${dir%/}
[ -n "$dir" ] && [ "$dir" != / ] || die "refusing DIR '/'"
data=$dir/data
socket=$dir/socket
log=$dir/server.log

if [ "$(id -u)" -eq 0 ]; then
    id postgres > /dev/null 2>&1 || die "running as root needs the 'postgres' system user"
    as_server() { (cd "$dir" && runuser -u postgres -- "$@"); }
    owner=postgres
else
    as_server() { (cd "$dir" && "$@"); }
    owner=$(id -un)
fi

for tool in initdb pg_ctl psql pg_isready; do
    [ -x "$PG_BIN/$tool" ] || die "$PG_BIN/$tool not found (install postgresql-15 or set PG_BIN)"
done

running() { [ -f "$data/PG_VERSION" ] && as_server "$PG_BIN/pg_ctl" -D "$data" status > /dev/null 2>&1; }

psql_db() {
    as_server "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket" -p "$port" -U postgres "$@"
}

start() {
    if [ -e "$dir" ] && [ ! -e "$dir/$MARKER" ] && [ -n "$(ls -A "$dir")" ]; then
        die "'$dir' exists and is not a test server directory (no $MARKER): choose another DIR"
    fi
    mkdir -p "$dir"
    touch "$dir/$MARKER"
    chown "$owner" "$dir"
    as_server test -w "$dir" ||
        die "user '$owner' cannot write to '$dir' (is a parent directory closed to it?)"

    if ! running; then
        # Something else on the port (another build directory's server?) would take our tests.
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; then
            die "port $port is already used by another PostgreSQL server: stop it, or choose another port"
        fi
        if [ ! -f "$data/PG_VERSION" ]; then
            rm -rf "$data"  # a half-finished earlier initdb
            as_server "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
                --no-sync > "$dir/initdb.log" 2>&1 ||
                die "initdb failed, see $dir/initdb.log: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"
            echo "include_if_exists = 'greengauge-test.conf'" >> "$data/postgresql.conf"
        fi
        mkdir -p "$socket"
        chown "$owner" "$socket"
        # Rewritten on every start, so a restart on another PORT takes it.
        cat > "$data/greengauge-test.conf" << EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
EOF
        chown "$owner" "$data/greengauge-test.conf"
        as_server "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start > /dev/null ||
            die "the server did not start, see $log: $(tail -n 3 "$log" 2> /dev/null | tr '\n' ' ')"
    fi
    # The running server may be one started earlier on another port.
    local actual
    actual=$(sed -n 4p "$data/postmaster.pid")
    [ "$actual" = "$port" ] ||
        die "the server in '$dir' is running on port $actual, not $port: stop it first"

    if [ "$(psql_db -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
        psql_db -d postgres -c "CREATE DATABASE $DB" || die "cannot create database $DB"
    fi
    psql_db -d "$DB" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis" ||
        die "cannot create extension postgis in $DB (is postgresql-15-postgis-3 installed?)"
    echo "pg-test-server: PG:host=127.0.0.1 port=$port dbname=$DB user=postgres (data in $dir)"
}

stop() {
    [ -e "$dir" ] || return 0
    [ -e "$dir/$MARKER" ] || die "'$dir' is not a test server directory (no $MARKER): not removing it"
    if running; then
        as_server "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop > /dev/null ||
            die "the server in '$dir' did not stop, see $log"
    fi
    rm -rf "$dir"
    echo "pg-test-server: stopped and removed $dir"
}

case $cmd in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac

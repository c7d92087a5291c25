#!/usr/bin/env bash
# The PostGIS history server stopped in the middle of a run's transaction (issue 15, faults):
# nothing of that run is committed, the run fails with one line and leaves no output files, and a
# re-run after a restart appends cleanly.
#
#   tests/pg/pg_stopped_mid_transaction.sh GREENGAUGE DATA_DIR PORT
#
# Its own throw-away server (scripts/pg-test-server.sh) on PORT, not the `pg` fixture's: it is
# stopped with `pg_ctl stop -m immediate` (as a crash or a power cut would), which the other pg
# tests must not see. How the run is caught mid-transaction: a psql session holds
# `LOCK TABLE zone_metrics IN SHARE MODE`, which lets the run read the tables' definitions and
# insert its row into `runs` but makes its insert into `zone_metrics` wait; pg_locks then shows the
# run's backend holding its RowExclusiveLock on `runs` (granted: the row is written, not
# committed) and waiting for one on `zone_metrics`. That is when the server is stopped.
set -euo pipefail
gg=$1
data=$2
port=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
server=$(mktemp -d /tmp/gg-pg-stop-XXXXXX)
work=$(mktemp -d /tmp/gg-pg-stop-work-XXXXXX)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
holder=
cleanup() {
    [[ -n $holder ]] && kill "$holder" 2>/dev/null || true
    "$root/scripts/pg-test-server.sh" stop "$server" "$port" >/dev/null 2>&1 || true
    rm -rf "$server" "$work"
}
trap cleanup EXIT
fail() { echo "pg stop test: $*" >&2; exit 1; }

"$root/scripts/pg-test-server.sh" start "$server" "$port" >/dev/null
db="PG:host=127.0.0.1 port=$port dbname=greengauge_test user=postgres"
q() { psql -X -q -tA -h 127.0.0.1 -p "$port" -U postgres -d greengauge_test -c "$1"; }
demo=$data/demo/olinda.yaml

"$gg" assess "$demo" -o "$work/first" -q --db "$db" || fail "the first run failed"
[[ $(q "SELECT count(*) FROM runs") == 1 ]] || fail "the first run is not in runs"
metrics_before=$(q "SELECT count(*) FROM zone_metrics")

# The lock holder, in a transaction of its own for up to 120 s.
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d greengauge_test \
    -c "BEGIN; LOCK TABLE zone_metrics IN SHARE MODE; SELECT pg_sleep(120); COMMIT;" \
    >/dev/null 2>&1 &
holder=$!
for _ in $(seq 100); do
    [[ $(q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = 'zone_metrics' AND l.mode = 'ShareLock' AND l.granted") == 1 ]] && break
    sleep 0.1
done

"$gg" assess "$demo" -o "$work/second" -q --db "$db" >"$work/out.txt" 2>"$work/err.txt" &
run=$!
caught=0
for _ in $(seq 600); do
    # A backend other than the holder's with `runs` written and `zone_metrics` awaited.
    if [[ $(q "SELECT count(DISTINCT w.pid) FROM pg_locks w JOIN pg_class wc ON wc.oid = w.relation
               JOIN pg_locks g ON g.pid = w.pid JOIN pg_class gc ON gc.oid = g.relation
               WHERE wc.relname = 'zone_metrics' AND NOT w.granted
                 AND gc.relname = 'runs' AND g.mode = 'RowExclusiveLock' AND g.granted") == 1 ]]; then
        caught=1
        break
    fi
    kill -0 "$run" 2>/dev/null || break
    sleep 0.1
done
[[ $caught == 1 ]] || { cat "$work/err.txt" >&2; fail "the run was never seen mid-transaction"; }
as_server=()
[[ $(id -u) == 0 ]] && as_server=(runuser -u postgres --)  # as pg-test-server.sh runs it
"${as_server[@]}" "$PG_BIN/pg_ctl" -D "$server/data" -m immediate -w stop >/dev/null ||
    fail "pg_ctl stop -m immediate failed"
status=0
wait "$run" || status=$?
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
holder=

echo "run during the stop: exit $status, stderr: $(cat "$work/err.txt")"
[[ $status != 0 ]] || fail "the run stopped mid-transaction exited 0"
[[ $(wc -l < "$work/err.txt") == 1 ]] || fail "not one line on stderr: $(cat "$work/err.txt")"
grep -q "^greengauge: error: " "$work/err.txt" || fail "no 'greengauge: error:' line"
! grep -qE "ERROR 1:|std::|terminate called" "$work/err.txt" || fail "library noise on stderr"
[[ ! -e $work/second ]] || [[ -z $(ls -A "$work/second") ]] ||
    fail "outputs left by the failed run: $(ls "$work/second")"

# Restarted (crash recovery): nothing of the stopped run, and a re-run appends cleanly.
"$root/scripts/pg-test-server.sh" start "$server" "$port" >/dev/null
[[ $(q "SELECT count(*) FROM runs") == 1 ]] || fail "a row of the stopped run was committed to runs"
[[ $(q "SELECT count(*) FROM zone_metrics") == "$metrics_before" ]] ||
    fail "rows of the stopped run were committed to zone_metrics"
"$gg" assess "$demo" -o "$work/third" -q --db "$db" || fail "the re-run failed"
[[ $(q "SELECT count(*) FROM runs") == 2 ]] || fail "the re-run is not in runs"
[[ $(q "SELECT count(*) FROM zone_metrics") == $((2 * metrics_before)) ]] ||
    fail "the re-run did not append its zone_metrics"
echo "pg stop test: nothing of the stopped run committed; the re-run appended (runs 2, zone_metrics $((2 * metrics_before)))"

#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster.
#
#   .ci/with-postgres.sh COMMAND [ARGS...]
#
# Installs postgresql-15 when missing (as root), creates a cluster in a fresh temporary
# directory, starts it on a free loopback port, creates the database planner_test, exports
# PLANNER_TEST_DATABASE_URL and runs COMMAND. The cluster is always stopped and its
# directory removed afterwards (also on failure or Ctrl+C); COMMAND's exit status is kept.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

PG_BIN=/usr/lib/postgresql/15/bin
PG_USER=postgres

log() { echo "with-postgres: $*" >&2; }

# --- PostgreSQL 15 itself --------------------------------------------------------------
if [[ ! -x $PG_BIN/postgres ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        log "$PG_BIN/postgres is missing; install the package postgresql-15 (needs root)"
        exit 1
    fi
    log "installing postgresql-15"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends postgresql-15 >&2
    # The package may create and start a default cluster (15/main on port 5432): this
    # script only wants its own, so stop that one again if it was started.
    if command -v pg_ctlcluster >/dev/null && pg_ctlcluster 15 main status >/dev/null 2>&1; then
        pg_ctlcluster 15 main stop || true
    fi
fi

# initdb and pg_ctl refuse to run as root: then they run as the postgres user.
if [[ $(id -u) -eq 0 ]]; then
    as_pg() { runuser -u "$PG_USER" -- "$@"; }
    DB_USER=$PG_USER
else
    as_pg() { "$@"; }
    DB_USER=$(id -un)
fi

# A UTF-8 locale that exists here (C.UTF-8 on Debian; spelled C.utf8 by `locale -a`).
LOCALE=C.UTF-8
if command -v locale >/dev/null; then
    available=$(locale -a 2>/dev/null || true)
    if ! grep -qix 'c\.utf-\?8' <<<"$available"; then
        LOCALE=$(grep -i 'utf-\?8$' <<<"$available" | head -n1 || true)
        LOCALE=${LOCALE:-C.UTF-8}
    fi
fi

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    else
        echo $((20000 + RANDOM % 40000))
    fi
}

# --- The throwaway cluster, cleaned up whatever happens ----------------------------------
# Under /tmp (not $TMPDIR): the postgres user must reach it and the Unix socket path must
# stay short.
PG_TMP=$(mktemp -d /tmp/planner-pg.XXXXXX)
PG_DATA=$PG_TMP/data
PG_STARTED=0
CHILD=

# Wait up to $1 seconds for COMMAND to end; true when it has.
child_gone() {
    local tenths=$(($1 * 10))
    while kill -0 "$CHILD" 2>/dev/null; do
        ((tenths-- > 0)) || return 1
        sleep 0.1
    done
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n $CHILD ]] && ! child_gone 0; then
        kill -TERM "$CHILD" 2>/dev/null || true
        child_gone 10 || kill -KILL "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    if [[ $PG_STARTED -eq 1 ]] || [[ -f $PG_DATA/postmaster.pid ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null \
            || log "pg_ctl stop failed; the server may already have stopped"
    fi
    rm -rf "$PG_TMP"
    exit "$status"
}
on_signal() {
    # Let COMMAND wind down, then leave through cleanup (the EXIT trap). Ctrl+C in a
    # terminal already reached COMMAND (same process group): give it time to finish
    # before passing INT on, so that it is not interrupted twice.
    if [[ -n $CHILD ]]; then
        if [[ $1 == INT ]]; then
            child_gone 5 || kill -INT "$CHILD" 2>/dev/null || true
            child_gone 20 || true
        else
            kill -TERM "$CHILD" 2>/dev/null || true
            child_gone 20 || true
        fi
    fi
    case $1 in INT) exit 130 ;; *) exit 143 ;; esac
}
trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

if [[ $(id -u) -eq 0 ]]; then
    chown "$PG_USER:" "$PG_TMP"
fi
chmod 700 "$PG_TMP"

if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" --auth=trust -E UTF8 --locale="$LOCALE" \
    -U "$DB_USER" >"$PG_TMP/initdb.log" 2>&1; then
    cat "$PG_TMP/initdb.log" >&2
    log "initdb failed"
    exit 1
fi

# The port is free when chosen but could be taken before the server binds it: retry.
for attempt in 1 2 3 4 5; do
    PG_PORT=$(free_port)
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$PG_TMP/log" \
        -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
        PG_STARTED=1
        break
    fi
    if [[ $attempt -eq 5 ]]; then
        cat "$PG_TMP/log" >&2 || true
        log "could not start PostgreSQL"
        exit 1
    fi
    log "start on port $PG_PORT failed, trying another port"
done

"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" planner_test

log "started $("$PG_BIN/postgres" --version) on 127.0.0.1:$PG_PORT (data in $PG_DATA)"
export PLANNER_TEST_DATABASE_URL="postgresql+psycopg://$DB_USER@127.0.0.1:$PG_PORT/planner_test"

# COMMAND runs in the background so that a TERM reaches the traps at once. Without job
# control bash would start it with INT and QUIT ignored, so those are restored; its
# standard input stays the script's own.
status=0
(
    trap - INT QUIT
    exec "$@"
) <&0 &
CHILD=$!
wait "$CHILD" || status=$?
# wait also returns when a trapped signal arrives; the trap then exits, so here COMMAND
# has ended and status is its exit status.
CHILD=
exit "$status"

# A throwaway PostgreSQL cluster for the tests, sourced by .ci/run (bash): `start_test_postgres`
# makes one in a new temporary folder, listening on 127.0.0.1 on a free port and in that folder
# (its socket), and exports REPORTGEN_TEST_POSTGRES (an admin URL); `stop_test_postgres` stops
# it and removes the folder. As root the server runs as Debian's `postgres` user (initdb refuses
# root). Durability is switched off: the cluster lives only as long as the test run.

start_test_postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
        return 1
    fi
    TEST_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/reportgen-postgres.XXXXXX")
    local as=()
    if [ "$(id -u)" = 0 ]; then
        id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$TEST_POSTGRES_DIR"
        as=(runuser -u postgres --)
    fi
    local port
    port=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as[@]}" "$bin/initdb" -D "$TEST_POSTGRES_DIR/data" -U reportgen -A trust -E UTF8 --locale=C.UTF-8 \
        >"$TEST_POSTGRES_DIR/initdb.log" 2>&1 || { cat "$TEST_POSTGRES_DIR/initdb.log" >&2; return 1; }
    local options="-c listen_addresses=127.0.0.1 -p $port -k $TEST_POSTGRES_DIR -c fsync=off"
    options+=" -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    "${as[@]}" "$bin/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -l "$TEST_POSTGRES_DIR/server.log" -o "$options" -w start \
        >/dev/null || { cat "$TEST_POSTGRES_DIR/server.log" >&2; return 1; }
    TEST_POSTGRES_BIN=$bin
    TEST_POSTGRES_AS=("${as[@]}")
    export REPORTGEN_TEST_POSTGRES="postgresql://reportgen@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests: $REPORTGEN_TEST_POSTGRES"
}

stop_test_postgres() {
    if [ -n "${TEST_POSTGRES_DIR:-}" ] && [ -d "$TEST_POSTGRES_DIR" ]; then
        "${TEST_POSTGRES_AS[@]}" "$TEST_POSTGRES_BIN/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -m immediate -w stop \
            >/dev/null 2>&1 || true
        rm -rf "$TEST_POSTGRES_DIR"
    fi
}

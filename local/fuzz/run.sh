#!/usr/bin/env bash
# `make fuzz`: schemathesis runs every operation of docs/openapi.yaml against the development server (LocalRun: moto,
# the table and queues, the seeds, every route of template.yaml), public and administration routes, then the server
# and moto are stopped whatever happens. Exits non-zero on any failure. The Makefile builds first; run on its own,
# this script expects local/server/target/classes and $FUZZ_CLASSPATH to be there.
#
# Variables (all optional):
#   FUZZ_EXAMPLES  test cases per operation and phase (--max-examples); default 300, a CI-sized run (about 2 minutes)
#   FUZZ_SEED      the random seed, so that a run can be repeated; default 20231012
#   FUZZ_PHASES    schemathesis phases; default examples,coverage,fuzzing,stateful
#   FUZZ_WORKERS   concurrent workers; default 1 (more fail on Python 3.11.7: ast.parse is not thread-safe)
#   FUZZ_ARGS      more `schemathesis run` options, e.g. "--include-path /events --max-failures 5"
# Anything after the script's name is passed to `schemathesis run` as well.
# Reports, the server's log and the emails of the run go to target/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

: "${JAVA_HOME:=$(local/find-jdk 25)}"
JAVA="$JAVA_HOME/bin/java"
FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-300}
FUZZ_SEED=${FUZZ_SEED:-20231012}
FUZZ_PHASES=${FUZZ_PHASES:-examples,coverage,fuzzing,stateful}
FUZZ_WORKERS=${FUZZ_WORKERS:-1}
FUZZ_CLASSPATH=${FUZZ_CLASSPATH:-local/server/target/fuzz-classpath.txt}
SCHEMATHESIS=.venv/bin/schemathesis
OUT=target/fuzz

for needed in "$SCHEMATHESIS" .venv/bin/moto_server "$FUZZ_CLASSPATH" local/server/target/classes; do
  if [ ! -e "$needed" ]; then
    echo "fuzz: $needed is missing: run \`make fuzz\` (it makes the virtual environment and builds)" >&2
    exit 2
  fi
done

rm -rf "$OUT"
mkdir -p "$OUT/outbox" "$OUT/report"

# Two free loopback ports, neither 3000 nor 8080 (a `make run` may be serving there).
read -r PORT SITE_PORT < <(.venv/bin/python - <<'EOF'
import socket
sockets, ports = [], []
while len(ports) < 2:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    sockets.append(s)
    if s.getsockname()[1] not in (3000, 8080):
        ports.append(s.getsockname()[1])
print(*ports)
EOF
)
ADMIN_TOKEN="ntk_$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')"
export ADMIN_TOKEN
BASE="http://127.0.0.1:$PORT"

SERVER_PID=
WATCHDOG_PID=
stop_server() {
  [ -n "$WATCHDOG_PID" ] && kill "$WATCHDOG_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] || return 0
  # The server runs in its own session (setsid): its process group is the JVM and moto. TERM lets the JVM's
  # shutdown hooks stop moto; what is left after 30 s is killed.
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "fuzz: stopping the development server (pid $SERVER_PID) and moto"
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 -- "-$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
  fi
  kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
# On Ctrl-C, or a TERM sent to the process group (make's, CI's), schemathesis stops and the EXIT trap stops the
# server; a TERM sent to this script alone stops the server once schemathesis has finished.
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "fuzz: starting the development server on $BASE (log: $OUT/server.log)"
PORT=$PORT SITE_PORT=$SITE_PORT OUTBOX_DIR="$ROOT/$OUT/outbox" \
  setsid "$JAVA" -XX:TieredStopAtLevel=1 -cp "local/server/target/classes:$(cat "$FUZZ_CLASSPATH")" \
  fr.nogentech.events.local.LocalRun >"$OUT/server.log" 2>&1 </dev/null &
SERVER_PID=$!
# Should this script be killed outright (no trap runs), the watchdog stops the server and moto all the same.
(
  while kill -0 $$ 2>/dev/null; do sleep 2; done
  kill -TERM -- "-$SERVER_PID" 2>/dev/null
  sleep 30
  kill -KILL -- "-$SERVER_PID" 2>/dev/null
) </dev/null >/dev/null 2>&1 &
WATCHDOG_PID=$!

deadline=$((SECONDS + 180))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/events?limit=1" || true)" = 200 ]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "fuzz: the development server exited; its log:" >&2
    cat "$OUT/server.log" >&2
    exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "fuzz: the development server did not answer within 180 s; its log:" >&2
    cat "$OUT/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "fuzz: the server answers; schemathesis: $FUZZ_EXAMPLES examples per operation, seed $FUZZ_SEED," \
  "phases $FUZZ_PHASES"

# Hypothesis's own files (found constants, Unicode tables) go under target/, not into the work tree.
export HYPOTHESIS_STORAGE_DIRECTORY="$ROOT/$OUT/hypothesis"
status=0
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of options
"$SCHEMATHESIS" --config-file local/fuzz/schemathesis.toml run docs/openapi.yaml \
  --url "$BASE" \
  --max-examples "$FUZZ_EXAMPLES" \
  --seed "$FUZZ_SEED" \
  --phases "$FUZZ_PHASES" \
  --workers "$FUZZ_WORKERS" \
  --report junit,ndjson --report-dir "$OUT/report" \
  ${FUZZ_ARGS:-} "$@" || status=$?

echo "fuzz: reports in $OUT/report (JUnit XML, NDJSON events); server log in $OUT/server.log"
exit $status

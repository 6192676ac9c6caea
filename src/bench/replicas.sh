#!/usr/bin/env bash
# Read replicas under load: a private PostgreSQL primary and one streaming replica (the local
# PostgreSQL server tools, as the replica tests make them) with the benchmark data, then the
# benchmark endpoints against Inkwell on the primary alone and on the primary plus the replica,
# one after the other. Prints per endpoint and set-up: 2xx/s, errors (non-2xx and socket errors),
# p50, p99, and where the reads went (inkwell_db_reads_total by target).
#
#   src/bench/replicas.sh
#
# Settings: PG_BIN [/usr/lib/postgresql/15/bin], PRIMARY_PORT [5433], REPLICA_PORT [5434],
# PORT [18400], CONNECTIONS [100], DURATION [15] s per run, WARMUP [10] s per endpoint,
# ENDPOINTS ["user posts create"], USERS [10000], POSTS_PER_USER [20], JAR [target/inkwell.jar],
# JAVA_OPTS [-Xms512m -Xmx512m]. Both servers and the data are made in a temporary directory and
# removed at the end. Runs as root (the servers then run as nobody) or as any other user.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PRIMARY_PORT="${PRIMARY_PORT:-5433}"
REPLICA_PORT="${REPLICA_PORT:-5434}"
PORT="${PORT:-18400}"
CONNECTIONS="${CONNECTIONS:-100}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-10}"
ENDPOINTS="${ENDPOINTS:-user posts create}"
USERS="${USERS:-10000}"
POSTS_PER_USER="${POSTS_PER_USER:-20}"
JAR="${JAR:-target/inkwell.jar}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export JWT_SECRET="${JWT_SECRET:-Zx8vQ2mL9pR4tW7yB3nK6cF1hJ5dS0gA}"
BASE="http://127.0.0.1:$PORT"
DIR="$(mktemp -d)"
chmod 755 "$DIR"
AS=()
[ "$(id -u)" = 0 ] && AS=(/usr/bin/setpriv --reuid=nobody --regid=nogroup --clear-groups --)

for tool in wrk psql curl; do
	command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -DskipTests package" >&2; exit 1; }

SERVER=""
stop_server() {
	[ -n "$SERVER" ] || return 0
	kill "$SERVER" 2>/dev/null || true
	wait "$SERVER" 2>/dev/null || true
	SERVER=""
}
cleanup() {
	stop_server
	for d in replica primary; do
		[ -d "$DIR/$d" ] && "${AS[@]}" "$PG_BIN/pg_ctl" -D "$DIR/$d" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$DIR"
}
trap cleanup EXIT

pg() { "${AS[@]}" "$PG_BIN/$@"; }

mkdir -p "$DIR/primary" "$DIR/replica"
[ "$(id -u)" = 0 ] && chown nobody "$DIR" "$DIR/primary" "$DIR/replica"
chmod 700 "$DIR/primary" "$DIR/replica"
pg initdb -D "$DIR/primary" -A trust -U postgres -E UTF8 --locale=C >/dev/null
cat >> "$DIR/primary/postgresql.conf" <<EOF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_connections = 200
shared_buffers = 256MB
fsync = off
EOF
echo "host replication all 127.0.0.1/32 trust" >> "$DIR/primary/pg_hba.conf"
pg pg_ctl -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
PRIMARY="postgresql://postgres@127.0.0.1:$PRIMARY_PORT/inkwell_bench"
REPLICA="postgresql://postgres@127.0.0.1:$REPLICA_PORT/inkwell_bench"
psql "postgresql://postgres@127.0.0.1:$PRIMARY_PORT/postgres" -qc "CREATE DATABASE inkwell_bench"
DATABASE_URL="$PRIMARY" "$JAVA" -jar "$JAR" migrate >/dev/null 2>&1
DATABASE_URL="$PRIMARY" "$JAVA" -jar "$JAR" seed --demo >/dev/null 2>&1
DATABASE_URL="$PRIMARY" "$JAVA" -jar "$JAR" seed --users "$USERS" --posts-per-user "$POSTS_PER_USER" >/dev/null 2>&1
psql "$PRIMARY" -qc "VACUUM ANALYZE"
pg pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/replica" -R -X stream >/dev/null
sed -i "s/^port = .*/port = $REPLICA_PORT/" "$DIR/replica/postgresql.conf"
pg pg_ctl -D "$DIR/replica" -l "$DIR/replica.log" -w start >/dev/null
psql "$PRIMARY" -Atc "SELECT id FROM users WHERE deleted_at IS NULL" > "$DIR/ids.txt"

reads() { # target -> inkwell_db_reads_total of that target so far
	curl -s "$BASE/actuator/prometheus" | awk -v t="$1" '/^inkwell_db_reads_total/ && $0 ~ "target=\"" t { s += $2 } END { printf "%d", s }'
}

run() { # label, extra environment
	local label="$1"
	shift
	env PORT="$PORT" DATABASE_URL="$PRIMARY" "$@" "$JAVA" $JAVA_OPTS -jar "$JAR" > "$DIR/server-$label.log" 2>&1 &
	SERVER=$!
	until curl -sf -o /dev/null "$BASE/actuator/health/readiness"; do
		kill -0 "$SERVER" 2>/dev/null || { cat "$DIR/server-$label.log"; exit 1; }
		sleep 0.5
	done
	local auth
	auth="Bearer $(curl -s -H 'Content-Type: application/json' -d '{"email":"admin@example.com","password":"demo-password"}' \
		"$BASE/api/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
	for ep in $ENDPOINTS; do
		wrk_run "$ep" "$WARMUP" "$auth" > /dev/null
		local primary_before replica_before
		primary_before=$(reads primary)
		replica_before=$(reads replica)
		wrk_run "$ep" "$DURATION" "$auth" > "$DIR/wrk.txt" 2>&1 || true
		local total secs non2xx errors p50 p99 ok primary replica
		total=$(awk '/requests in/ { print $1 }' "$DIR/wrk.txt")
		secs=$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' "$DIR/wrk.txt")
		non2xx=$(awk '/Non-2xx/ { print $NF }' "$DIR/wrk.txt")
		errors=$(awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$DIR/wrk.txt")
		p50=$(awk '$1 == "50%" { print $2 }' "$DIR/wrk.txt")
		p99=$(awk '$1 == "99%" { print $2 }' "$DIR/wrk.txt")
		ok=$(awk -v t="${total:-0}" -v n="${non2xx:-0}" -v s="${secs:-1}" 'BEGIN { printf "%.0f", (t - n) / s }')
		primary=$(( $(reads primary) - primary_before ))
		replica=$(( $(reads replica) - replica_before ))
		echo "| $label | $ep | $ok | ${non2xx:-0} | ${errors:-0} | $p50 | $p99 | $primary | $replica |"
	done
	stop_server
}

wrk_run() { # endpoint seconds auth
	case "$1" in
		user) wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency -s src/bench/wrk/get_user.lua "$BASE" -- "$DIR/ids.txt" ;;
		posts) wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency "$BASE/api/posts?status=PUBLISHED&limit=20&include=author" ;;
		create) BENCH_AUTH="$3" wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency -s src/bench/wrk/create_user.lua "$BASE" -- "rep$$-$RANDOM" ;;
	esac
}

echo "### read replicas ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, c=$CONNECTIONS, ${DURATION} s per run; primary and replica on this machine)"
echo
echo "| set-up | endpoint | 2xx/s | non-2xx | socket errors | p50 | p99 | reads on the primary | reads on the replica |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
run primary-only
run primary+replica DATABASE_REPLICA_URLS="$REPLICA"

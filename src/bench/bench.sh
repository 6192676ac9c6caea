#!/usr/bin/env bash
# Inkwell's own load benchmark: the three fixed endpoints at 10, 100 and 1000 connections.
#
#   src/bench/bench.sh            (from the project root; needs wrk, psql and a PostgreSQL)
#
# Creates (drops first) the database $BENCH_DB on the server of ADMIN_DATABASE_URL, runs
# `migrate`, `seed` and `seed --users 10000 --posts-per-user 20`, starts target/inkwell.jar on
# $PORT, and prints a Markdown table: req/s, p50, p99, non-2xx, socket errors, the most
# connections the server held to the database during the run, and the process RSS.
# Settings: ADMIN_DATABASE_URL [postgresql://postgres@127.0.0.1:5432/postgres], BENCH_DB
# [inkwell_bench], PORT [18090], DURATION [20] s, WARMUP [10] s, CONCURRENCY ["10 100 1000"],
# ENDPOINTS ["user posts create"], JAVA_HOME, JAVA_OPTS, SKIP_BUILD [0], SKIP_SEED [0],
# AOT_CACHE [0; 1 = JDK 25+: start from the extracted jar with an AOT cache made by a training
# run (docs/benchmarks.md); the ready time is the figure that changes].
set -euo pipefail
cd "$(dirname "$0")/../.."

ADMIN_DATABASE_URL="${ADMIN_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
BENCH_DB="${BENCH_DB:-inkwell_bench}"
PORT="${PORT:-18090}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
CONCURRENCY="${CONCURRENCY:-10 100 1000}"
ENDPOINTS="${ENDPOINTS:-user posts create}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
APP_NAME="inkwell_bench_$$"
BASE="http://127.0.0.1:$PORT"
OUT="$(mktemp -d)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }

DATABASE_URL="${ADMIN_DATABASE_URL%/*}/$BENCH_DB"
if [ "${SKIP_BUILD:-0}" != 1 ]; then ./mvnw -q -B -DskipTests package; fi
if [ "${SKIP_SEED:-0}" != 1 ]; then
	psql "$ADMIN_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
	DATABASE_URL="$DATABASE_URL" "$JAVA" -jar target/inkwell.jar migrate >/dev/null
	DATABASE_URL="$DATABASE_URL" "$JAVA" -jar target/inkwell.jar seed --demo
	DATABASE_URL="$DATABASE_URL" "$JAVA" -jar target/inkwell.jar seed --users 10000 --posts-per-user 20
	psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
fi
psql "$DATABASE_URL" -Atc "SELECT id FROM users WHERE deleted_at IS NULL" > "$OUT/ids.txt"

export JWT_SECRET="${JWT_SECRET:-inkwell-benchmark-jwt-secret-0123456789abcdefghi}"
LAUNCH=(-jar target/inkwell.jar)
if [ "${AOT_CACHE:-0}" = 1 ]; then
	# Spring Boot's extracted layout (plain class path, no nested jars) plus a JDK 25 AOT cache of
	# the classes loaded and linked by a training run that stops once the context is refreshed
	rm -rf target/aot && "$JAVA" -Djarmode=tools -jar target/inkwell.jar extract --destination target/aot >/dev/null
	DATABASE_URL="$DATABASE_URL" "$JAVA" -XX:AOTCacheOutput=target/aot/inkwell.aot -Dspring.context.exit=onRefresh \
		-jar target/aot/inkwell.jar > "$OUT/aot-training.log" 2>&1
	LAUNCH=(-XX:AOTCache=target/aot/inkwell.aot -jar target/aot/inkwell.jar)
fi
PORT="$PORT" DATABASE_URL="$DATABASE_URL?application_name=$APP_NAME" LOGGING_STRUCTURED_FORMAT_CONSOLE= \
	"$JAVA" ${JAVA_OPTS:-} "${LAUNCH[@]}" > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$OUT"' EXIT
started=$(date +%s%N)
until curl -sf "$BASE/actuator/health/readiness" >/dev/null; do
	kill -0 $PID 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
	sleep 0.1
done
echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms (JVM start, pool, schema check); idle RSS $(awk '/VmRSS/ {print int($2/1024)}' /proc/$PID/status) MB"

# A bearer token for POST /api/users once authentication exists (empty before).
BENCH_AUTH="$(curl -s -H 'Content-Type: application/json' -d '{"email":"admin@example.com","password":"demo-password"}' \
	"$BASE/api/auth/login" | sed -n 's/.*"\(token\|accessToken\)":"\([^"]*\)".*/Bearer \2/p')"
export BENCH_AUTH

run_wrk() { # endpoint connections seconds
	case "$1" in
		user) wrk -t2 -c"$2" -d"$3"s --latency -s src/bench/wrk/get_user.lua "$BASE" -- "$OUT/ids.txt" ;;
		posts) wrk -t2 -c"$2" -d"$3"s --latency "$BASE/api/posts?status=PUBLISHED&limit=20&include=author" ;;
		create) wrk -t2 -c"$2" -d"$3"s --latency -s src/bench/wrk/create_user.lua "$BASE" -- "$RANDOM$2" ;;
	esac
}

for endpoint in $ENDPOINTS; do run_wrk "$endpoint" 100 "$WARMUP" >/dev/null; done

echo
echo "| endpoint | conns | req/s | p50 | p99 | non-2xx | socket errors | max DB conns | RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|"
for endpoint in $ENDPOINTS; do
	for c in $CONCURRENCY; do
		( max=0; while kill -0 $PID 2>/dev/null; do
			n=$(psql "$DATABASE_URL" -Atc "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$APP_NAME'" 2>/dev/null || echo 0)
			[ "$n" -gt "$max" ] && max=$n && echo "$max" > "$OUT/maxconn"
			sleep 1
		done ) & SAMPLER=$!
		echo 0 > "$OUT/maxconn"
		run_wrk "$endpoint" "$c" "$DURATION" > "$OUT/wrk.txt" 2>&1 || true
		kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true
		rps=$(awk '/Requests\/sec/ {print int($2)}' "$OUT/wrk.txt")
		p50=$(awk '$1 == "50%" {print $2}' "$OUT/wrk.txt")
		p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt")
		non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk.txt"); non2xx=${non2xx:-0}
		errors=$(awk -F'[ ,]+' '/Socket errors/ {print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10}' "$OUT/wrk.txt")
		rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$PID/status)
		echo "| $endpoint | $c | $rps | $p50 | $p99 | $non2xx | ${errors:-0} | $(cat "$OUT/maxconn") | $rss |"
	done
done
echo
echo "$(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"

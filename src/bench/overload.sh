#!/usr/bin/env bash
# Overload steps: closed-loop clients (wrk: each connection sends its next request as soon as the
# answer arrives) at 100, 1,000, 2,000, 4,000 and 8,000 connections per endpoint, one target after
# another on this machine. Prints a Markdown table per target: 2xx/s, non-2xx (and of those the
# 503s, for Inkwell), socket timeouts and errors, p50, p99, the slowest answer, the server's peak RSS and how many
# lines it logged during the step.
#
#   src/bench/overload.sh                          # Inkwell only (target/inkwell.jar)
#   src/bench/overload.sh inkwell webflux-r2dbc-min mvc-jdbc-vt-full
#
# "inkwell" runs target/inkwell.jar (JAR) on the database src/bench/bench.sh builds
# (INKWELL_DATABASE_URL), with the memory the Kubernetes manifests give it: the Dockerfile's
# JAVA_TOOL_OPTIONS in the deployment's 768 MiB container (-XX:MaxRAM=768m stands in for the cgroup
# limit: a 384 MiB heap); peak RSS must stay under 768 MiB. Any other name is a peer of ../shared/bench/peers (build.sh,
# start.sh), run on the shared harness's database (PEER_DATABASE_URL; its README sets it up).
# Settings: STEPS ["100 1000 2000 4000 8000"], ENDPOINTS ["user posts create"], DURATION [15] s per
# step, WARMUP [10] s per endpoint, WRK_TIMEOUT [10s], PORT [18300], JAR [target/inkwell.jar],
# INKWELL_JAVA_OPTS [-XX:MaxRAM=768m -XX:MaxRAMPercentage=50 -XX:InitialRAMPercentage=50], SKIP_BUILD [1: peers are not rebuilt when their jar exists], LOG_DIR [/tmp]:
# each target's server log is kept there as overload-<target>.log.
# Needs wrk, psql, curl; 8,000 connections need `ulimit -n` above 16,000 for wrk and the server.
set -euo pipefail
cd "$(dirname "$0")/../.."

STEPS="${STEPS:-100 1000 2000 4000 8000}"
ENDPOINTS="${ENDPOINTS:-user posts create}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-10}"
WRK_TIMEOUT="${WRK_TIMEOUT:-10s}"
PORT="${PORT:-18300}"
JAR="${JAR:-target/inkwell.jar}"
INKWELL_DATABASE_URL="${INKWELL_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/inkwell_bench}"
PEER_DATABASE_URL="${PEER_DATABASE_URL:-postgresql://bench:bench@127.0.0.1:5432/bench}"
INKWELL_JAVA_OPTS="${INKWELL_JAVA_OPTS:--XX:MaxRAM=768m -XX:MaxRAMPercentage=50 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}"
PEERS_DIR="${PEERS_DIR:-../shared/bench/peers}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BASE="http://127.0.0.1:$PORT"
OUT="$(mktemp -d)"
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(inkwell)

for tool in wrk psql curl; do
	command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y wrk postgresql-client curl)" >&2; exit 1; }
done
ulimit -n 20000 2>/dev/null || true
[ "$(ulimit -n)" -gt 16000 ] || echo "warning: ulimit -n is $(ulimit -n); 8,000 connections need more" >&2

SERVER=""
stop_server() {
	[ -n "$SERVER" ] || return 0
	kill -- "-$SERVER" 2>/dev/null || kill "$SERVER" 2>/dev/null || true
	wait "$SERVER" 2>/dev/null || true
	SERVER=""
}
trap 'stop_server; rm -rf "$OUT"' EXIT

# the JVM listening on PORT (start.sh may exec it or run it as a child)
server_pid() { ss -Htlnp "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

start_target() { # name
	local name="$1"
	if [ "$name" = inkwell ]; then
		[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -DskipTests package" >&2; exit 1; }
		DB_URL="$INKWELL_DATABASE_URL"
		export JWT_SECRET="${JWT_SECRET:-inkwell-benchmark-jwt-secret-0123456789abcdefghi}"
		setsid env PORT="$PORT" DATABASE_URL="$DB_URL?application_name=inkwell_overload" LOGGING_STRUCTURED_FORMAT_CONSOLE= \
			"$JAVA" $INKWELL_JAVA_OPTS -jar "$JAR" > "$OUT/server.log" 2>&1 &
	else
		local dir="$PEERS_DIR/$name"
		[ -x "$dir/start.sh" ] || { echo "no peer $dir (build.sh + start.sh)" >&2; exit 1; }
		DB_URL="$PEER_DATABASE_URL"
		if [ "${SKIP_BUILD:-1}" != 1 ] || ! ls "$dir"/target/*.jar >/dev/null 2>&1; then (cd "$dir" && ./build.sh) > "$OUT/build.log" 2>&1; fi
		setsid env PORT="$PORT" DATABASE_URL="$DB_URL" "$dir/start.sh" > "$OUT/server.log" 2>&1 &
	fi
	SERVER=$!
	psql "$DB_URL" -Atc "SELECT id FROM users WHERE deleted_at IS NULL" > "$OUT/ids.txt"
	until curl -sf -o /dev/null "$BASE/api/users/$(head -1 "$OUT/ids.txt")"; do
		kill -0 "$SERVER" 2>/dev/null || { cat "$OUT/server.log"; exit 1; }
		sleep 0.5
	done
	AUTH=""
	if [ "$name" = inkwell ]; then
		AUTH="Bearer $(curl -s -H 'Content-Type: application/json' -d '{"email":"admin@example.com","password":"demo-password"}' \
			"$BASE/api/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
	elif [ -x "$PEERS_DIR/$name/token.sh" ]; then
		AUTH="$(cd "$PEERS_DIR/$name" && BASE="$BASE" ./token.sh)"
	fi
}

wrk_run() { # endpoint connections seconds
	local tag="ov$$-$RANDOM$RANDOM"
	case "$1" in
		user) wrk -t2 -c"$2" -d"$3"s --latency --timeout "$WRK_TIMEOUT" -s src/bench/wrk/get_user.lua "$BASE" -- "$OUT/ids.txt" ;;
		posts) wrk -t2 -c"$2" -d"$3"s --latency --timeout "$WRK_TIMEOUT" "$BASE/api/posts?status=PUBLISHED&limit=20&include=author" ;;
		create) BENCH_AUTH="$AUTH" wrk -t2 -c"$2" -d"$3"s --latency --timeout "$WRK_TIMEOUT" -s src/bench/wrk/create_user.lua "$BASE" -- "$tag" ;;
	esac
}

# seconds in wrk's units (e.g. 812.34us, 1.20ms, 2.31s) as milliseconds
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; else if (v ~ /m$/) n *= 60000; printf "%.0f", n }'; }

count_503() { # Inkwell's own count of 503 answers so far
	curl -s "$BASE/actuator/prometheus" | awk '/^http_server_requests_seconds_count/ && /status="503"/ { s += $2 } END { printf "%d", s }'
}

db_backends() { psql "$DB_URL" -Atc "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"; }

for target in "${TARGETS[@]}"; do
	start_target "$target"
	for ep in $ENDPOINTS; do wrk_run "$ep" 100 "$WARMUP" > /dev/null; done
	echo
	echo "### $target ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, ${DURATION} s per step, wrk timeout $WRK_TIMEOUT)"
	echo
	echo "| endpoint | connections | 2xx/s | non-2xx | of which 503 | timeouts | socket errors | p50 ms | p99 ms | max ms | peak RSS MiB | DB conns (max) | log lines |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for ep in $ENDPOINTS; do
		for c in $STEPS; do
			pid="$(server_pid)"
			lines_before=$(wc -l < "$OUT/server.log")
			s503_before=$([ "$target" = inkwell ] && count_503 || echo 0)
			max_db=0
			( for _ in $(seq 1 $(( DURATION / 2 + 1 ))); do db_backends; sleep 2; done ) > "$OUT/db.txt" 2>/dev/null &
			sampler=$!
			wrk_run "$ep" "$c" "$DURATION" > "$OUT/wrk.txt" 2>&1 || true
			wait "$sampler" 2>/dev/null || true
			max_db=$(sort -n "$OUT/db.txt" | tail -1)
			total=$(awk '/requests in/ { print $1 }' "$OUT/wrk.txt")
			secs=$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' "$OUT/wrk.txt")
			non2xx=$(awk '/Non-2xx/ { print $NF }' "$OUT/wrk.txt"); non2xx=${non2xx:-0}
			timeouts=$(awk '/Socket errors/ { gsub(/,/, ""); print $NF }' "$OUT/wrk.txt"); timeouts=${timeouts:-0}
			errors=$(awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 }' "$OUT/wrk.txt"); errors=${errors:-0}
			p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$OUT/wrk.txt")")
			p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$OUT/wrk.txt")")
			max=$(ms "$(awk '$1 == "Latency" && $2 != "Distribution" { print $4; exit }' "$OUT/wrk.txt")")
			ok=$(awk -v t="${total:-0}" -v n="$non2xx" -v s="${secs:-1}" 'BEGIN { printf "%.0f", (t - n) / s }')
			s503="–"
			[ "$target" = inkwell ] && s503=$(( $(count_503) - s503_before ))
			rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo "?")
			lines=$(( $(wc -l < "$OUT/server.log") - lines_before ))
			echo "| $ep | $c | $ok | $non2xx | $s503 | $timeouts | $errors | $p50 | $p99 | $max | $rss | ${max_db:-?} | $lines |"
			sleep 2
		done
	done
	[ "$target" = inkwell ] || psql "$DB_URL" -qc "DELETE FROM users WHERE email LIKE '%@load.bench'" >/dev/null 2>&1 || true
	stop_server
	cp "$OUT/server.log" "${LOG_DIR:-/tmp}/overload-$target.log"
done

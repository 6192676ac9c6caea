#!/usr/bin/env bash
# A/B of server builds on one endpoint: CPU time per request and throughput, alternated.
#
#   src/bench/ab.sh base.jar candidate.jar ['candidate.jar -Dsome.switch=true' ...]
#
# Each argument is a jar, optionally followed by JVM flags of its own (one quoted argument).
# Every variant runs in a fresh JVM of its own (a JVM that had a profiler attached is not a fair
# baseline), is warmed up, and then the variants take turns: ROUNDS rounds of one wrk run each,
# the order rotated every round. The CPU time per request is the server's utime + stime
# (/proc/<pid>/stat) over the measured run divided by the requests wrk counted. Prints a Markdown
# table: each round's figures and the mean per variant, and in how many rounds each variant used
# less CPU per request than the first one. Figures drift by 10-20% within minutes on shared
# machines: believe a difference only when (nearly) every round agrees and it holds on a repeat.
#
# ENDPOINT=create adds users (bench-ab…@load.bench) to that database; bench.sh re-creates it.
# Needs wrk, psql and the database bench.sh builds (run src/bench/bench.sh once, or point
# DATABASE_URL at a database with the same data). Settings: DATABASE_URL
# [postgresql://postgres@127.0.0.1:5432/inkwell_bench], ENDPOINT [user] (user, posts or create),
# CONNECTIONS [100], ROUNDS [5], DURATION [15] s per run, WARMUP [30] s per variant, PORT [18100]
# (the variants get PORT, PORT+1, ...), JAVA_HOME, JAVA_OPTS [-Xms512m -Xmx512m] for every variant.
set -euo pipefail
cd "$(dirname "$0")/../.."

[ $# -ge 2 ] || { echo "usage: $0 A.jar 'B.jar [jvm flags]' ..." >&2; exit 2; }
DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/inkwell_bench}"
ENDPOINT="${ENDPOINT:-user}"
CONNECTIONS="${CONNECTIONS:-100}"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-30}"
PORT="${PORT:-18100}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export JWT_SECRET="${JWT_SECRET:-inkwell-benchmark-jwt-secret-0123456789abcdefghi}"
OUT="$(mktemp -d)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
psql "$DATABASE_URL" -Atc "SELECT id FROM users WHERE deleted_at IS NULL" > "$OUT/ids.txt"
[ -s "$OUT/ids.txt" ] || { echo "no users in $DATABASE_URL: run src/bench/bench.sh first" >&2; exit 1; }

PIDS=()
stop_all() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$OUT"
}
trap stop_all EXIT

VARIANTS=("$@")
for i in "${!VARIANTS[@]}"; do
	read -r jar flags <<< "${VARIANTS[$i]}"
	[ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 1; }
	# shellcheck disable=SC2086 # flags are words on purpose
	PORT=$((PORT + i)) DATABASE_URL="$DATABASE_URL" LOGGING_STRUCTURED_FORMAT_CONSOLE= \
		"$JAVA" $JAVA_OPTS ${flags:-} -jar "$jar" > "$OUT/server-$i.log" 2>&1 &
	PIDS+=($!)
done
for i in "${!VARIANTS[@]}"; do
	until curl -sf "http://127.0.0.1:$((PORT + i))/actuator/health/readiness" >/dev/null; do
		kill -0 "${PIDS[$i]}" 2>/dev/null || { cat "$OUT/server-$i.log"; exit 1; }
		sleep 0.2
	done
done

run_wrk() { # variant seconds
	local base="http://127.0.0.1:$((PORT + $1))"
	case "$ENDPOINT" in
		user) wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency -s src/bench/wrk/get_user.lua "$base" -- "$OUT/ids.txt" ;;
		posts) wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency "$base/api/posts?status=PUBLISHED&limit=20&include=author" ;;
		create)
			BENCH_AUTH="$(curl -s -H 'Content-Type: application/json' \
				-d '{"email":"admin@example.com","password":"demo-password"}' "$base/api/auth/login" \
				| sed -n 's/.*"token":"\([^"]*\)".*/Bearer \1/p')" \
				wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency -s src/bench/wrk/create_user.lua "$base" -- "ab$$-$RANDOM$RANDOM" ;;
		*) echo "unknown ENDPOINT $ENDPOINT (user, posts, create)" >&2; exit 2 ;;
	esac
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)

for i in "${!VARIANTS[@]}"; do run_wrk "$i" "$WARMUP" > /dev/null; done

n=${#VARIANTS[@]}
for ((r = 0; r < ROUNDS; r++)); do
	for ((k = 0; k < n; k++)); do
		i=$(((k + r) % n))
		before=$(ticks "${PIDS[$i]}")
		run_wrk "$i" "$DURATION" > "$OUT/wrk.txt" 2>&1
		after=$(ticks "${PIDS[$i]}")
		requests=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
		non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk.txt")
		[ -z "$non2xx" ] || echo "variant $((i + 1)) round $((r + 1)): $non2xx non-2xx responses" >&2
		echo "$i $r $(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt") $(awk '$1 == "50%" {print $2}' "$OUT/wrk.txt")" \
			"$(echo "scale=4; ($after - $before) * 1000 / $HZ / $requests" | bc)" >> "$OUT/results.txt"
	done
done

echo
echo "$ENDPOINT at $CONNECTIONS connections, $ROUNDS rounds of $DURATION s after $WARMUP s of warm-up per variant;" \
	"req/s, p50, CPU ms per request"
echo
echo "| variant | each round | mean req/s | mean CPU ms/req | rounds below variant 1's CPU |"
echo "|---|---|---|---|---|"
awk -v n="$n" -v labels="$(printf '%s\n' "${VARIANTS[@]}" | tr '\n' '\t')" '
	BEGIN { split(labels, label, "\t") }
	{ rps[$1, $2] = $3; p50[$1, $2] = $4; cpu[$1, $2] = $5; rounds = ($2 + 1 > rounds) ? $2 + 1 : rounds }
	END {
		for (i = 0; i < n; i++) {
			cells = ""; srps = 0; scpu = 0; below = 0
			for (r = 0; r < rounds; r++) {
				cells = cells sprintf("%s%d · %s · %.3f", (r ? " / " : ""), rps[i, r], p50[i, r], cpu[i, r])
				srps += rps[i, r]; scpu += cpu[i, r]
				if (cpu[i, r] < cpu[0, r]) below++
			}
			printf "| `%s` | %s | %d | %.3f | %s |\n", label[i + 1], cells, srps / rounds, scpu / rounds,
				(i ? below " of " rounds : "—")
		}
	}' "$OUT/results.txt"
echo
echo "$(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"

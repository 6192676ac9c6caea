#!/bin/sh
# Inkwell backup: one pg_dump of $PGDATABASE in custom format into $BACKUP_DIR, named
# <database>-<UTC time>.dump; keeps the newest $BACKUP_KEEP dumps; records the dump in
# $BACKUP_DIR/last-backup (time, file, bytes, sha256) for monitoring and for `restore.sh latest`.
#
# Connection: the libpq environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE),
# a direct connection, not PgBouncer. pg_dump and pg_restore come from PATH and must be at least
# the server's major version. POSIX sh: runs on the postgres images' busybox as well as on bash.
# Exit status: 0 done, 2 configuration error, otherwise that of the command that failed.
set -eu

: "${PGHOST:?backup: set PGHOST}"
: "${PGDATABASE:?backup: set PGDATABASE}"
: "${PGUSER:?backup: set PGUSER}"
BACKUP_DIR="${BACKUP_DIR:-/backups}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"

case "$BACKUP_KEEP" in
	'' | *[!0-9]* | 0)
		echo "backup: BACKUP_KEEP must be a whole number of at least 1, got '$BACKUP_KEEP'" >&2
		exit 2
		;;
esac
if [ ! -d "$BACKUP_DIR" ] || [ ! -w "$BACKUP_DIR" ]; then
	echo "backup: $BACKUP_DIR is not a writable directory" >&2
	exit 2
fi

name="$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump"
target="$BACKUP_DIR/$name"
partial="$BACKUP_DIR/.$name.partial"
if [ -e "$target" ]; then
	echo "backup: $target exists already; not overwriting it" >&2
	exit 1
fi
trap 'rm -f "$partial" "$BACKUP_DIR/.last-backup.partial"' EXIT

# Custom format: compressed, and pg_restore can pick objects and restore in parallel.
pg_dump --format=custom --no-password --file="$partial"
# A dump pg_restore cannot read is no backup; only a complete, readable file gets the real name.
pg_restore --list "$partial" > /dev/null
mv "$partial" "$target"

bytes=$(wc -c < "$target" | tr -d ' ')
sha256=$(sha256sum "$target" | cut -d ' ' -f 1)
printf 'time=%s\nfile=%s\nbytes=%s\nsha256=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$bytes" "$sha256" \
	> "$BACKUP_DIR/.last-backup.partial"
mv "$BACKUP_DIR/.last-backup.partial" "$BACKUP_DIR/last-backup"
echo "backup: wrote $target ($bytes bytes)"

# Retention: the names sort by time, newest first; all but the first $BACKUP_KEEP go.
ls -1 "$BACKUP_DIR" \
	| grep -E "^$PGDATABASE-[0-9]{8}T[0-9]{6}Z\\.dump\$" \
	| sort -r \
	| tail -n "+$((BACKUP_KEEP + 1))" \
	| while IFS= read -r old; do
		rm -f "$BACKUP_DIR/$old"
		echo "backup: removed $old (keeping the newest $BACKUP_KEEP)"
	done

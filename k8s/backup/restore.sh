#!/bin/sh
# Inkwell restore: restore.sh <dump|latest> <new database>
#
# Creates <new database> and restores the dump into it in one transaction. It refuses an existing
# database: restoring over live data is never what you want; restore beside it, check, then point
# the application at it (docs/operations.md, "Back up and restore"). `latest` is the dump named in
# $BACKUP_DIR/last-backup, checked against the sha256 recorded there; a relative file name is
# looked up in $BACKUP_DIR.
#
# Connection: the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGSSLMODE) and PGDATABASE,
# an existing database to connect to for CREATE DATABASE. The role needs CREATEDB and ends up
# owning the restored objects: use the role that owns the application's schema.
# Exit status: 0 done, 2 usage or configuration error, otherwise that of the command that failed.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: restore.sh <dump file|latest> <new database name>" >&2
	exit 2
fi
: "${PGHOST:?restore: set PGHOST}"
: "${PGDATABASE:?restore: set PGDATABASE (an existing database, used to run CREATE DATABASE)}"
: "${PGUSER:?restore: set PGUSER}"
BACKUP_DIR="${BACKUP_DIR:-/backups}"
dump="$1"
database="$2"

case "$database" in
	'' | [!a-z_]* | *[!a-z0-9_]*)
		echo "restore: the new database name must match [a-z_][a-z0-9_]*, got '$database'" >&2
		exit 2
		;;
esac

expected=""
if [ "$dump" = latest ]; then
	if [ ! -r "$BACKUP_DIR/last-backup" ]; then
		echo "restore: no $BACKUP_DIR/last-backup; name the dump file" >&2
		exit 2
	fi
	dump=$(sed -n 's/^file=//p' "$BACKUP_DIR/last-backup")
	expected=$(sed -n 's/^sha256=//p' "$BACKUP_DIR/last-backup")
fi
case "$dump" in
	/*) ;;
	*) dump="$BACKUP_DIR/$dump" ;;
esac
if [ ! -r "$dump" ]; then
	echo "restore: cannot read $dump" >&2
	exit 2
fi
if [ -n "$expected" ] && [ "$(sha256sum "$dump" | cut -d ' ' -f 1)" != "$expected" ]; then
	echo "restore: $dump does not match the sha256 in $BACKUP_DIR/last-backup" >&2
	exit 2
fi

createdb --no-password --maintenance-db="$PGDATABASE" "$database"
if ! pg_restore --no-password --dbname="$database" --no-owner --exit-on-error --single-transaction "$dump"; then
	# one transaction, so nothing was restored: drop the empty database so that a retry can create it
	dropdb --no-password --maintenance-db="$PGDATABASE" "$database" || true
	echo "restore: pg_restore failed; nothing restored" >&2
	exit 1
fi
echo "restore: restored $dump into $database"

#!/usr/bin/env bash
# Restores the Chroma datastore <datastore> (this script's file name) by unpacking a copy over its persist directory (Chroma stopped).
# A persist directory that holds any file is refused unless --force; the old content is moved aside, not deleted.
set -euo pipefail
# shellcheck source=../backup/_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../backup/_lib.sh"
# shellcheck source=_chroma.sh
. "$(dirname "${BASH_SOURCE[0]}")/_chroma.sh"

usage() {
  cat <<TEXT
Usage: ops/restore/$STRATA_DATASTORE.sh [--force] [backup.tgz]
Unpacks backups/$STRATA_DATASTORE/<newest>.tgz (or the file given) into CHROMA_PERSIST_DIR (default /data).
  --force   replace a non-empty persist directory (its files are moved to <dir>/.before-restore-<UTC>)
TEXT
}

parse_restore_args "$@"
strata_init "$STRATA_DATASTORE"
need tar gzip
pick_backup tgz
backup=$BACKUP
mkdir -p -- "$CHROMA_DIR" || die "cannot create $CHROMA_DIR"
staging=$(mktemp -d "$CHROMA_DIR/.restore.XXXXXX") || die "cannot write to $CHROMA_DIR"
cleanup_later "$staging"
tar -xzf "$backup" -C "$staging" || die "$backup is not a gzipped tar file"
if [ -n "$(find "$CHROMA_DIR" -mindepth 1 -maxdepth 1 ! -name '.restore.*' ! -name '.before-restore-*' -print -quit)" ]; then
  refuse_non_empty "$CHROMA_DIR holds files"
  aside="$CHROMA_DIR/.before-restore-$(utc_stamp)"
  mkdir -- "$aside" || die "cannot create $aside"
  find "$CHROMA_DIR" -mindepth 1 -maxdepth 1 ! -name '.restore.*' ! -name '.before-restore-*' -exec mv -t "$aside" -- {} + \
    || die "cannot move the old files aside"
fi
find "$staging" -mindepth 1 -maxdepth 1 -exec mv -t "$CHROMA_DIR" -- {} + || die "cannot move the restored files into $CHROMA_DIR"
say "restored $backup into $CHROMA_DIR; start Chroma"

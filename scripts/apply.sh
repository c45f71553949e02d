#!/usr/bin/env bash
# Make build/linux: a git worktree of the base tree with patches/ applied by
# "git am".  With --tree PATH, apply the series to your own linux.git
# checkout instead (its HEAD should be the same 7.3 base).
#
#   scripts/apply.sh            create build/linux if missing; if it exists,
#                               check that it matches patches/
#   scripts/apply.sh --force    throw build/linux away and re-apply
#   scripts/apply.sh --tree P   git am the series in P
#   scripts/apply.sh --to DIR   apply into a fresh worktree DIR (for checks)
. "$(dirname "$0")/lib.sh"

series_files() {	# the patch files in series order
	[ -f "$TOP/patches/series" ] || return 0
	grep -v '^[[:space:]]*\(#\|$\)' "$TOP/patches/series" | sed "s|^|$TOP/patches/|"
}

am() {	# $1: tree
	local f
	mapfile -t files < <(series_files)
	[ "${#files[@]}" -eq 0 ] && { log "series is empty"; return 0; }
	for f in "${files[@]}"; do [ -f "$f" ] || die "series names missing $f"; done
	git_ident
	git -C "$1" am -q --keep-cr "${files[@]}" || {
		git -C "$1" am --abort || true
		die "the series does not apply to $1"
	}
	log "applied ${#files[@]} patches to $1"
}

patch_ids() {	# patch-ids of base..HEAD in a tree, or of patches/
	if [ "$1" = exported ]; then
		mapfile -t files < <(series_files)
		[ "${#files[@]}" -eq 0 ] || cat "${files[@]}" | git patch-id --stable | awk '{print $1}'
	else
		git -C "$1" log -p --reverse base..HEAD | git patch-id --stable | awk '{print $1}'
	fi
}

new_worktree() {	# $1: dir
	# Detached: several checkouts of the project (a developer's, CI's) share
	# the cached base repository, and a branch can be checked out only once.
	git -C "$BASE_REPO" worktree prune
	rm -rf "$1"
	git -C "$BASE_REPO" worktree add -q -f --detach "$1" base
}

case ${1:-} in
--tree)
	[ -n "${2:-}" ] || die "--tree needs a path"
	am "$2"
	exit 0 ;;
--to)
	[ -n "${2:-}" ] || die "--to needs a path"
	"$TOP/scripts/get-base.sh"
	new_worktree "$2"
	am "$2"
	exit 0 ;;
esac

"$TOP/scripts/get-base.sh"
if [ -e "$WT/.git" ] && [ "${1:-}" != --force ]; then
	if [ "$(patch_ids "$WT")" = "$(patch_ids exported)" ]; then
		log "$WT matches patches/"
		exit 0
	fi
	die "$WT differs from patches/ (unexported work?). Export it (scripts/export.sh) or re-apply with --force"
fi
mkdir -p "$BUILD"
new_worktree "$WT"
am "$WT"

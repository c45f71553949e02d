# shellcheck shell=bash
# Common settings for the project scripts.  Source it; do not run it.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
# The unpacked Debian source lives outside the project (it is large and
# never changes); build/linux is a git worktree of it.
CACHE=${PUDTHP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pud-thp}
BASE_REPO=$CACHE/linux
WT=$BUILD/linux
JOBS=${JOBS:-$(nproc)}
BASE_SERIES=7.3     # the upstream release the series is based on

# The cache is shared by every checkout on the machine (a developer's, CI's):
# scripts that create or replace things in it hold this lock meanwhile.
cache_lock() {
	mkdir -p "$CACHE"
	exec 9>"$CACHE/.lock"
	flock 9
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A fresh machine has no git identity; commits made by the scripts use this
# one unless the user has their own.
# The base commit is made with a fixed identity and date so that its hash is
# the same on every machine (patches/ records it as base-commit).
base_ident() {
	export GIT_AUTHOR_NAME="Debian linux-source" GIT_AUTHOR_EMAIL="linux-source@debian.invalid"
	export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
	export GIT_AUTHOR_DATE="@0 +0000" GIT_COMMITTER_DATE="@0 +0000"
}

git_ident() {
	export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$(git config user.name || echo "PUD THP scripts")}
	export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$(git config user.email || echo "pud-thp@localhost")}
	export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-$GIT_COMMITTER_NAME}
	export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-$GIT_COMMITTER_EMAIL}
}

arch_vars() {	# $1: x86_64 | arm64
	case $1 in
	x86_64)	KARCH=x86; CROSS=; KIMAGE=arch/x86/boot/bzImage ;;
	arm64)	KARCH=arm64; CROSS=aarch64-linux-gnu-; KIMAGE=arch/arm64/boot/Image ;;
	*)	die "unknown arch '$1' (x86_64 or arm64)" ;;
	esac
	OBJ=$BUILD/obj-$1
}

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

# Private apt state in $1 with one deb822 source: the system's own Debian
# mirror (from debian.sources, so no host name is written anywhere) with the
# given Types, Suites and Architectures.  Sets APT to the apt-get command.
private_apt() {	# $1 dir, $2 types, $3 suites, $4 arch ("" = native)
	local src=/etc/apt/sources.list.d/debian.sources uri keyring
	[ -r "$src" ] || die "$src not found: cannot tell which Debian mirror to use"
	uri=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' "$src")
	[ -n "$uri" ] || die "no Debian URI in $src"
	keyring=$(awk '/^Signed-By:/ { print $2; exit }' "$src")
	mkdir -p "$1/lists/partial" "$1/cache/archives/partial" "$1/sources"
	rm -f "$1"/sources/*.sources
	{
		echo "Types: $2"
		echo "URIs: $uri"
		echo "Suites: $3"
		echo "Components: main"
		[ -n "$4" ] && echo "Architectures: $4"
		echo "Signed-By: ${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}"
	} > "$1/sources/debian.sources"
	APT=(apt-get -q -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$1/sources"
	     -o "Dir::State::Lists=$1/lists" -o "Dir::Cache=$1/cache"
	     -o Dir::State::Status=/var/lib/dpkg/status -o APT::Get::List-Cleanup=0)
	[ -n "$4" ] && APT+=(-o "APT::Architecture=$4" -o "APT::Architectures=$4")
	"${APT[@]}" update >"$1/update.log" 2>&1 || { cat "$1/update.log"; die "apt-get update ($1) failed"; }
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

# Build bench/NAME.c, a guest program of the project (not of the series),
# statically for ARCH into DIR.
build_guest_prog() {	# $1 arch, $2 name, $3 dir
	local cross= extra=()
	if [ "$1" = arm64 ]; then
		cross=aarch64-linux-gnu-
		"$TOP/scripts/userland.sh"
		extra=(-L"$CACHE/arm64-root/usr/lib/aarch64-linux-gnu" -I"$CACHE/arm64-root/usr/include")
	fi
	mkdir -p "$3"
	"${cross}gcc" -O2 -Wall -Wextra -Werror -static "${extra[@]}" -o "$3/$2" \
		"$TOP/bench/$2.c" || die "$2 did not build"
}

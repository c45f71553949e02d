#!/usr/bin/env bash
# Obtain Linux 7.3 from Debian's linux-source-7.3 package and turn it into a
# git repository with a single commit tagged "base".
#
# The machine's apt sources may list only stable.  We add unstable and
# experimental in a private apt directory, reusing the mirror URIs that the
# system already trusts, so the system's own apt state is never touched.
. "$(dirname "$0")/lib.sh"

APTDIR=$CACHE/apt
want=linux-source-$BASE_SERIES

have_base() { git -C "$BASE_REPO" rev-parse -q --verify base >/dev/null 2>&1; }
if have_base; then
	log "base tree present: $(cat "$CACHE/base-version")"
	exit 0
fi
cache_lock
have_base && exit 0	# made by another checkout while we waited

log "updating private apt lists (unstable, experimental)"
private_apt "$APTDIR" "deb deb-src" "unstable experimental" ""
APTC=(apt-cache -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$APTDIR/sources"
      -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache")
printf '%s ' "${APT[@]}" > "$APTDIR/apt-get"	# for scripts/sparse.sh

# Any 7.3 upload will do; take the newest one that is offered.
ver=$("${APTC[@]}" madison "$want" | awk -F'|' '{gsub(/ /,"",$2); print $2}' | sort -V | tail -n 1)
[ -n "$ver" ] || die "no $want in unstable or experimental"
log "downloading $want $ver"
rm -f "$APTDIR/${want}"_*.deb
(cd "$APTDIR" && "${APT[@]}" download "$want=$ver" >/dev/null)
deb=$(ls "$APTDIR"/"${want}"_*.deb)

tmp=$CACHE/unpack.$$
rm -rf "$tmp" "$BASE_REPO"
mkdir -p "$tmp"
dpkg-deb -x "$deb" "$tmp"
tarball=$(ls "$tmp"/usr/src/linux-source-"$BASE_SERIES".tar.* | head -n 1)
log "unpacking $(basename "$tarball")"
mkdir -p "$BASE_REPO"
tar -C "$BASE_REPO" --strip-components=1 -xf "$tarball"
rm -rf "$tmp"

cd "$BASE_REPO"
# Debian's top-level .gitignore ends with a stanza ignoring everything at
# the top level; drop it, or new files in the tree are silently ignored.
if grep -qx '/\*' .gitignore; then
	sed -i '/^\/\*$/,$d' .gitignore
fi
base_ident
git init -q -b base-tree
# No automatic gc: it would repack the whole tree in the background, on
# both cores, while holding the cache lock that it inherits from us.
git config gc.auto 0
git add -A -f .
git -c core.autocrlf=false commit -q -m "Linux $BASE_SERIES from Debian $want $ver"
git tag base
echo "$want $ver" > "$CACHE/base-version"
log "base: $want $ver ($(git rev-parse --short base))"

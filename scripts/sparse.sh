#!/usr/bin/env bash
# Build sparse from Debian unstable's source package (the stable release's
# sparse is too old for 7.3 and "make C=1" then checks nothing) and print
# the path of the binary.
. "$(dirname "$0")/lib.sh"

dir=$CACHE/sparse
if [ ! -x "$dir/bin/sparse" ]; then
	"$TOP/scripts/get-base.sh" >&2	# sets up the private apt directory
	cache_lock
fi
if [ ! -x "$dir/bin/sparse" ]; then
	read -r -a APT < "$CACHE/apt/apt-get" || true
	rm -rf "$dir"; mkdir -p "$dir/src"
	log "fetching and building sparse from unstable's source package"
	(cd "$dir/src" && "${APT[@]}" source sparse >/dev/null 2>&1) || die "apt-get source sparse failed"
	s=$(find "$dir/src" -maxdepth 1 -mindepth 1 -type d -name 'sparse-*' | head -n 1)
	make -s -C "$s" -j"$JOBS" CC=gcc sparse >/dev/null 2>&1 || die "building sparse failed"
	mkdir -p "$dir/bin"
	cp "$s/sparse" "$dir/bin/sparse"
	basename "$s" > "$dir/version"
fi
echo "$dir/bin/sparse"

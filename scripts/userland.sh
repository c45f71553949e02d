#!/usr/bin/env bash
# Fetch what the arm64 guest userspace and the arm64 selftest build need from
# Debian's arm64 packages (static busybox and bash, libnuma's static library),
# unpacked under $CACHE/arm64-root.  x86_64 uses the host's packages.
. "$(dirname "$0")/lib.sh"

root=$CACHE/arm64-root
ready() { [ -f "$root/.done" ] && [ -x "$root/busybox" ] && [ -x "$root/bash-static" ]; }
ready && exit 0
cache_lock
ready && exit 0
APTDIR=$CACHE/apt-arm64
log "fetching arm64 userland packages"
# The machine's own release, for the arm64 architecture.
suite=$(awk '/^Suites:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
private_apt "$APTDIR" deb "$suite" arm64
mkdir -p "$APTDIR/debs"
(cd "$APTDIR/debs" && "${APT[@]}" download busybox-static bash-static libnuma-dev libnuma1 >/dev/null)
rm -rf "$root"; mkdir -p "$root"
for d in "$APTDIR"/debs/*.deb; do dpkg-deb -x "$d" "$root"; done
# Newer Debian releases ship these in /usr/bin; give boot.sh fixed names.
for b in busybox bash-static; do
	for d in bin usr/bin; do
		[ -x "$root/$d/$b" ] && cp "$root/$d/$b" "$root/$b" && break
	done
	[ -x "$root/$b" ] || die "no $b in the arm64 packages"
done
file "$root/busybox" | grep -q 'aarch64.*statically' || die "arm64 busybox is not a static aarch64 binary"
touch "$root/.done"

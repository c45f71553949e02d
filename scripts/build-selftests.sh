#!/usr/bin/env bash
# Build, statically, the mm selftests named in the given test lists:
#   scripts/build-selftests.sh ARCH LIST...
# Binaries go to build/selftests-ARCH/.  The kernel for ARCH must be built
# (its exported headers are used).  SRC=TREE, OBJ_DIR=DIR and OUT=DIR
# override the kernel tree, its build directory and the output directory.
# A list that runs run_vmtests.sh categories (/selftests/vmtests.sh) needs
# every test the mm Makefile builds: then all of them are built.
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: build-selftests.sh ARCH LIST...}; shift
arch_vars "$arch"
out=${OUT:-$BUILD/selftests-$arch}
OBJ=${OBJ_DIR:-$OBJ}
src=${SRC:-$WT}/tools/testing/selftests/mm
[ -d "$OBJ/usr/include" ] || die "no exported headers in $OBJ (build the kernel first)"

mapfile -t progs < <(grep -hv '^[[:space:]]*\(#\|$\)' "$@" | awk '$3 !~ /^\// { print ($3 == "taskset" ? $5 : $3) }' | sort -u)
targets=()
if grep -hv '^[[:space:]]*\(#\|$\)' "$@" | awk '$3 == "/selftests/vmtests.sh" { f = 1 } END { exit !f }'; then
	targets=(all)
fi
for p in "${progs[@]}"; do
	if grep -qE "^TEST_GEN_(FILES|PROGS) *\+?= *$p\$" "$src/Makefile"; then
		targets+=("$out/$p")
	else
		log "warning: $p is not built by $src/Makefile; its test will fail as missing"
		rm -f "$out/$p"
	fi
done
mkdir -p "$out"
extra=-static
if [ "$arch" = arm64 ]; then
	"$TOP/scripts/userland.sh"
	extra="$extra -L$CACHE/arm64-root/usr/lib/aarch64-linux-gnu -I$CACHE/arm64-root/usr/include"
fi
if [ "${targets[0]:-}" = all ]; then
	log "building all mm selftests for $arch"
else
	log "building ${#targets[@]} mm selftests for $arch"
fi
# Build from inside the source directory so that __FILE__ is a relative
# name: gup_longterm and pagemap_ioctl name scratch files after it.
make -s -C "$src" ARCH="$arch" CROSS_COMPILE="$CROSS" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $OBJ/usr/include" EXTRA_CFLAGS="$extra" \
	-j"$JOBS" "${targets[@]}" >"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; die "selftest build failed"; }
for t in "${targets[@]}"; do [ "$t" = all ] || [ -x "$t" ] || die "$t was not built"; done
log "selftests in $out"

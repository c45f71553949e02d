#!/usr/bin/env bash
# Build a test kernel:
#   scripts/build.sh ARCH [debug|lockdep|demo] [--src TREE] [--obj DIR]
#   ARCH is x86_64 or arm64.  The config is tinyconfig plus
#   configs/common.config, configs/ARCH.config and, for a variant,
#   configs/VARIANT.config (debug: KASAN, lockdep, DEBUG_PAGEALLOC;
#   lockdep: lockdep alone), built in build/obj-ARCH-VARIANT; "demo"
#   (x86_64 only, the main job's kernel) is tinyconfig plus
#   configs/demo.config alone, and builds no headers for the selftests;
#   EXTRA_CONFIG=FILE adds one more fragment (for
#   experiments, e.g. an option a new patch introduces).  Any fragment line
#   that does not take effect in the final .config fails the build.
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: build.sh x86_64|arm64 [debug|lockdep] [--src TREE] [--obj DIR]}; shift
arch_vars "$arch"
variant=
src=$WT
while [ $# -gt 0 ]; do
	case $1 in
	debug|lockdep|demo) variant=$1; OBJ=$OBJ-$1 ;;
	--src)	src=$(realpath -m "$2"); shift ;;	# make -C needs absolute paths
	--obj)	OBJ=$(realpath -m "$2"); shift ;;
	*)	die "unknown argument $1" ;;
	esac
	shift
done
[ -f "$src/Makefile" ] || die "no kernel tree at $src (run scripts/apply.sh)"

frags=("$TOP/configs/common.config" "$TOP/configs/$arch.config")
targets=("${KIMAGE##*/}" headers)
if [ "$variant" = demo ]; then
	[ "$arch" = x86_64 ] || die "the demo kernel is x86_64 only"
	frags=("$TOP/configs/demo.config")
	targets=("${KIMAGE##*/}")
elif [ -n "$variant" ]; then
	frags+=("$TOP/configs/$variant.config")
fi
if [ -n "${EXTRA_CONFIG:-}" ]; then frags+=("$EXTRA_CONFIG"); fi

cc=${CROSS}gcc
command -v ccache >/dev/null && cc="ccache $cc"
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache} CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Stable build stamps keep ccache hits across trees and rebuilds.
export KBUILD_BUILD_TIMESTAMP="@0" KBUILD_BUILD_USER=pud-thp KBUILD_BUILD_HOST=qemu
MAKE=(make -s -C "$src" O="$OBJ" ARCH="$KARCH" CROSS_COMPILE="$CROSS" CC="$cc" -j"$JOBS")
[ "$arch" = x86_64 ] && MAKE+=(ARCH=x86_64)

mkdir -p "$OBJ"
stamp=$OBJ/.fragments
want=$(cat "${frags[@]}" | md5sum)
# Reconfigure when the fragments or any Kconfig file changed, so that a
# developer's kernel is configured like a fresh one.
if [ ! -f "$OBJ/.config" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] ||
   [ -n "$(find "$src" -name 'Kconfig*' -newer "$stamp" -print -quit)" ]; then
	log "configuring $OBJ (tinyconfig + ${frags[*]##*/})"
	"${MAKE[@]}" tinyconfig >/dev/null
	(cd "$src" && scripts/kconfig/merge_config.sh -m -O "$OBJ" "$OBJ/.config" "${frags[@]}" >/dev/null)
	"${MAKE[@]}" olddefconfig >/dev/null
	echo "$want" > "$stamp"
fi

# merge_config.sh's own check cannot see through tinyconfig; check every
# fragment line against the final .config.
bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$OBJ/.config" && continue
		opt=${line%%=*}
		# A bisect build of an early patch predates the series' own
		# options: an option the tree does not define is no failure.
		if [ -n "${ALLOW_UNDEFINED_OPTIONS:-}" ] &&
		   ! grep -rqx --include='Kconfig*' "config ${opt#CONFIG_}" "$src"; then
			echo "config: $opt not defined in this tree (ok for a bisect build)"
			continue
		fi
		echo "config: '$line' did not take effect: $(grep "^$opt=" "$OBJ/.config" || echo unset)" >&2; bad=1 ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		! grep -q "^$opt=" "$OBJ/.config" || { echo "config: '$opt' should be unset: $(grep "^$opt=" "$OBJ/.config")" >&2; bad=1; } ;;
	esac
done < <(cat "${frags[@]}")
if [ $bad -ne 0 ]; then
	rm -f "$stamp"
	die "config fragments did not take effect (missing dependency?)"
fi

log "building $arch${variant:+ ($variant)} kernel in $OBJ"
# Progress every 30 s: objects compiled so far, against a full build of
# this config (counted in sessions 14 and 17; a build with warm ccache or an
# incremental one just goes faster or compiles fewer).
case $arch-$variant in x86_64-demo) full=730 ;; x86_64-*) full=936 ;; *) full=828 ;; esac
marker=$OBJ/.build-start
touch "$marker"
"${MAKE[@]}" "${targets[@]}" &
make_pid=$!
# A background job ignores Ctrl-C: stop it with this script.
trap 'kill "$make_pid" 2>/dev/null || true' EXIT
secs=0
while kill -0 "$make_pid" 2>/dev/null; do
	sleep 1
	secs=$((secs + 1))
	if [ $((secs % 30)) -eq 0 ]; then
		log "  $(find "$OBJ" -name '*.o' -newer "$marker" 2>/dev/null | wc -l) of about $full objects compiled"
	fi
done
wait "$make_pid" || die "kernel build failed"
log "built $OBJ/$KIMAGE"

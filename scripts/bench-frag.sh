#!/usr/bin/env bash
# The fragmentation benchmark: bench/thp_frag_bench.c in one guest boot,
# memory clean, fragmented by movable 4 KiB pages, and with a pinned page
# in every 1 GiB range; 1 GiB THP size off and on in each state.
#   scripts/bench-frag.sh [ARCH] [-g GiB] [--mem SIZE]   (default: x86_64 -g 3, 12G)
# Writes build/logs/bench-frag-ARCH.txt (the table, with the host and QEMU)
# and build/logs/bench-frag-ARCH.png.  Documentation/benchmarks.md records
# results.  NO_BUILD=1 boots the kernel built already; VARIANT=NAME boots
# build/obj-ARCH-NAME instead (built already).
. "$(dirname "$0")/lib.sh"

arch=x86_64
case ${1:-} in x86_64 | arm64) arch=$1; shift ;; esac
gib=3 mem=12G
while [ $# -gt 0 ]; do
	case $1 in
	-g) gib=$2; shift ;;
	--mem) mem=$2; shift ;;
	*) die "usage: bench-frag.sh [x86_64|arm64] [-g GiB] [--mem SIZE]" ;;
	esac
	shift
done
arch_vars "$arch"
case $arch in
x86_64) qemu=qemu-system-x86_64 ;;
*) qemu=qemu-system-aarch64 ;;
esac
out=$BUILD/logs/bench-frag-$arch
mkdir -p "$BUILD/logs"

if [ -z "${VARIANT:-}" ] && [ -z "${NO_BUILD:-}" ]; then
	"$TOP/scripts/deps.sh"
	"$TOP/scripts/get-base.sh"
	"$TOP/scripts/apply.sh"
	"$TOP/scripts/build.sh" "$arch"
fi
dpkg-query -W -f='${Status}\n' gnuplot-nox 2>/dev/null | grep -q 'install ok installed' || {
	apt-get -q update >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends gnuplot-nox >/dev/null
}

# The program is the project's, not the series': build it for the guest.
st=$BUILD/bench-frag-$arch
build_guest_prog "$arch" thp_frag_bench "$st"
list=$st/list.txt
echo "thp_frag_bench 3600 thp_frag_bench -g $gib" > "$list"
variant=()
[ -n "${VARIANT:-}" ] && variant=(--variant "$VARIANT")
ST_DIR=$st "$TOP/scripts/boot.sh" "$arch" "${variant[@]}" --mem "$mem" --tag bench-frag "$list" ||
	die "the benchmark failed (see $BUILD/logs/$arch-bench-frag.log)"

{
	echo "# host: $(uname -m), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "# guest: QEMU $($qemu --version | head -n 1 | awk '{ print $4 }') TCG, -smp 2, $mem"
	echo "# command: ${QEMU_EXTRA:+QEMU_EXTRA=\"$QEMU_EXTRA\" }scripts/bench-frag.sh $arch -g $gib --mem $mem"
	tr -d '\r' < "$BUILD/logs/$arch-bench-frag.log" |
		sed -n '/^PUDTHP-START thp_frag_bench/,/^PUDTHP-RESULT thp_frag_bench/p' |
		sed -n 's/^# //p'
} > "$out.txt"
cat "$out.txt"

# Rows: state, 1G, populate_ms, ...; one cluster per state.
awk '$1 ~ /^(clean|movable|pinned)$/ && $2 ~ /^(on|off)$/ { print }' "$out.txt" > "$out.dat"
awk '$2 == "off" { off[$1] = $3; lt[$1] = $6 } $2 == "on" { print $1, off[$1], $3, lt[$1], $6 }' \
	"$out.dat" > "$out.plot"
gnuplot <<GP
set terminal pngcairo size 1000,420 font ",10" noenhanced
set output "$out.png"
set multiplot layout 1,2 title "thp_frag_bench, $arch guest (QEMU TCG), $gib GiB, $mem"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key top left
set yrange [0:*]
set ylabel "ms"
set title "populate $gib GiB"
plot "$out.plot" using 2:xtic(1) title "1 GiB size never", "" using 3 title "1 GiB size madvise"
set title "later 1 GiB-aligned first touch (median, log scale)"
set logscale y
set yrange [1:*]
plot "$out.plot" using 4:xtic(1) title "1 GiB size never", "" using 5 title "1 GiB size madvise"
unset multiplot
GP
log "table: $out.txt, plot: $out.png"

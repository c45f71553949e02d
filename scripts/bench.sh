#!/usr/bin/env bash
# The benchmark job: bench/thp_size_bench.c (4 KiB pages, 2 MiB THP, 1 GiB
# THP and 1 GiB hugetlb side by side) in one guest boot, then a plot.
#   scripts/bench.sh [ARCH] [BENCH ARGS...]     (default: x86_64 -g 1 -r 3)
# Writes build/logs/bench-ARCH.txt (the tables, with the host and QEMU
# accelerator) and build/logs/bench-ARCH.png (populate cost and page-table
# memory per backing).  Documentation/benchmarks.md records results.
. "$(dirname "$0")/lib.sh"

arch=${1:-x86_64}
[ $# -gt 0 ] && shift
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-g 1 -r 3)
out=$BUILD/logs/bench-$arch
gib=1
for ((i = 0; i < ${#args[@]} - 1; i++)); do
	if [ "${args[i]}" = -g ]; then gib=${args[i + 1]}; fi
done
case $arch in
x86_64) qemu=qemu-system-x86_64 ;;
*) qemu=qemu-system-aarch64 ;;
esac
mkdir -p "$BUILD/logs"

"$TOP/scripts/deps.sh"
dpkg-query -W -f='${Status}\n' gnuplot-nox 2>/dev/null | grep -q 'install ok installed' || {
	apt-get -q update >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends gnuplot-nox >/dev/null
}
"$TOP/scripts/get-base.sh"
"$TOP/scripts/apply.sh"
"$TOP/scripts/build.sh" "$arch"
# The program is the project's, not the series': build it for the guest.
st=$BUILD/bench-$arch
build_guest_prog "$arch" thp_size_bench "$st"
list=$st/list.txt
echo "thp_size_bench 3600 thp_size_bench ${args[*]}" > "$list"
ST_DIR=$st "$TOP/scripts/boot.sh" "$arch" --tag bench "$list" ||
	die "the benchmark failed (see $BUILD/logs/$arch-bench.log)"

# The benchmark's output is the test's "# "-indented output in the console log.
{
	echo "# host: $(uname -m), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	echo "# guest: QEMU $($qemu --version | head -n 1 | awk '{ print $4 }') TCG, -smp 2, 8 GiB (the CPUs its kernel uses: see \"machine\")"
	echo "# command: scripts/bench.sh $arch ${args[*]}"
	tr -d '\r' < "$BUILD/logs/$arch-bench.log" |
		sed -n '/^PUDTHP-START thp_size_bench/,/^PUDTHP-RESULT thp_size_bench/p' |
		sed -n 's/^# //p'
} > "$out.txt"
cat "$out.txt"

# Rows of the first table: backing, then the metrics; "-" is missing data.
awk '/^backing /{ t = 1; next } t && NF == 0 { exit } t { print }' "$out.txt" > "$out.dat"
gnuplot <<GP
set terminal pngcairo size 1000,420 font ",10" noenhanced
set output "$out.png"
set multiplot layout 1,2 title "thp_size_bench, $arch guest (QEMU TCG): ${args[*]}"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set datafile missing "-"
set key top right
set ylabel "ms per GiB (median)"
set yrange [0:*]
set title "populate cost"
plot "$out.dat" using (\$2/$gib):xtic(1) title "first touch", \
     "" using (\$4/$gib) title "MADV_POPULATE_WRITE", \
     "" using (\$5/$gib) title "MAP_POPULATE", \
     "" using (\$6/$gib) title "memset (floor)"
set ylabel "kB per GiB mapped"
set title "page-table memory (PageTables)"
unset key
plot "$out.dat" using 7:xtic(1) title "PageTables"
unset multiplot
GP
log "table: $out.txt, plot: $out.png"

#!/usr/bin/env bash
# The main job: get the base tree, apply patches/, build the x86_64 kernel
# (configs/demo.config: what the demonstration needs, not what the tests
# need; scripts/check.sh builds and tests the full configuration), boot it
# under QEMU and show anonymous 1 GiB THP at work: which parts of it
# the kernel has, and one table (bench/thp_demo.c) of faults, first-touch
# time, page-table memory and what a 4 KiB mprotect() leaves mapped, for
# 4 KiB pages, 2 MiB and 1 GiB THPs.  On a kernel without the series the
# tables show what is missing.  The tests are scripts/check.sh's.
. "$(dirname "$0")/lib.sh"

start=$(date +%s) last=$start times=()
stage() {	# $1 name, rest: command; record how long it took
	local name=$1 rc=0 now
	shift
	log "== $name"
	"$@" || rc=$?
	now=$(date +%s)
	times+=("$(printf '%-16s %5ss' "$name" $((now - last)))")
	last=$now
	return $rc
}

demo_log=$BUILD/logs/x86_64-demo.log
# The stage times are printed however the job ends.
trap 'echo; echo "main job: $(( $(date +%s) - start ))s"; printf "  %s\n" "${times[@]}"' EXIT

stage packages "$TOP/scripts/deps.sh"
stage base-tree "$TOP/scripts/get-base.sh"
stage apply "$TOP/scripts/apply.sh"
stage kernel "$TOP/scripts/build.sh" x86_64 demo
st=$BUILD/demo-x86_64
stage demo-program build_guest_prog x86_64 thp_demo "$st"
rm -f "$demo_log"
rc=0
stage guest env ST_DIR="$st" "$TOP/scripts/boot.sh" x86_64 --variant demo --tag demo \
	"$TOP/selftests/lists/demo.txt" || rc=$?

if [ -f "$demo_log" ]; then
	echo
	tr -d '\r' < "$demo_log" |
		awk '$0 == "PUDTHP-START thp_demo" { on = 1; next }
		     /^PUDTHP-RESULT / { on = 0 }
		     on && /^(not )?ok [0-9]/ { next }
		     on { sub(/^# ?/, ""); print }'
fi
exit $rc

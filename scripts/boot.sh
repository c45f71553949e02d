#!/usr/bin/env bash
# Boot the ARCH test kernel under QEMU (TCG) with an initramfs holding static
# busybox and bash, the mm selftests and the harness, run the tests in the
# given lists and report:
#   scripts/boot.sh ARCH [--debug | --variant V] [--mem 16G] [--tag NAME] LIST...
# (--debug or --variant V boot the kernel scripts/build.sh ARCH debug|V built.)
# ST_DIR=DIR takes the selftests from DIR instead of build/selftests-ARCH, and
# SRC=TREE the selftests' shell scripts from TREE (both for a base kernel).
# QEMU_EXTRA adds QEMU options, e.g. "-icount shift=0" for a benchmark whose
# guest time counts instructions (comparable boot to boot, and across kernels).
# Writes build/logs/ARCH-TAG.log (console) and ARCH-TAG.results, prints the
# result table and "N passed, N failed, N skipped"; exits non-zero on any
# failure, a missing test, a kernel splat or a guest that did not finish.
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: boot.sh ARCH [--debug] [--tag NAME] LIST...}; shift
arch_vars "$arch"
# 16 GiB: a PUD-sized THP comes from ZONE_NORMAL only.  In 8 GiB, 3 GiB of
# it ZONE_DMA32, unmovable allocations soon left no 1 GiB range of the five
# in ZONE_NORMAL that could be freed (in pud_thp, from its fourth case on
# not even a runtime 1 GiB hugetlb page got one).
mem=16G tag= lists=() env=()
while [ $# -gt 0 ]; do
	case $1 in
	--debug) OBJ=$OBJ-debug ;;
	--variant) OBJ=$OBJ-$2; shift ;;
	--mem) mem=$2; shift ;;
	--tag) tag=$2; shift ;;
	--env) env+=("$2"); shift ;;
	*) lists+=("$1") ;;
	esac
	shift
done
[ ${#lists[@]} -gt 0 ] || die "no test list given"
[ -n "$tag" ] || tag=$(for l in "${lists[@]}"; do basename "$l" .txt; done | paste -sd+)
kernel=$OBJ/$KIMAGE
[ -f "$kernel" ] || die "no kernel at $kernel (scripts/build.sh $arch)"
st=${ST_DIR:-$BUILD/selftests-$arch}	# the mm selftests (scripts/build-selftests.sh)
logs=$BUILD/logs
mkdir -p "$logs"
log=$logs/$arch-$tag.log res=$logs/$arch-$tag.results

# The initramfs.
root=$BUILD/initramfs-$arch-$tag
rm -rf "$root"
mkdir -p "$root"/{bin,selftests/mm,proc,sys,dev,tmp}
if [ "$arch" = arm64 ]; then
	"$TOP/scripts/userland.sh"
	cp "$CACHE/arm64-root/busybox" "$root/bin/busybox"
	cp "$CACHE/arm64-root/bash-static" "$root/bin/bash"
else
	cp "$(command -v busybox)" "$root/bin/busybox"
	cp "$(command -v bash-static)" "$root/bin/bash"
fi
ln -s bash "$root/bin/sh"
cp "$TOP/selftests/init" "$root/init"
cp "$TOP/selftests/probe.sh" "$TOP/selftests/vmtests.sh" "$root/selftests/"
printf '%s\n' "${env[@]}" > "$root/tests.env"
# A test whose binary was not built is reported as missing, not run.
missing=() limit=600
: > "$root/tests.list"
while read -r name tmo cmd; do
	limit=$((limit + tmo))
	case $cmd in
	/*) ;;
	*)	prog=${cmd%% *}	# the command without its arguments
		[ "$prog" = taskset ] && read -r _ _ prog _ <<<"$cmd"
		if [ ! -x "$st/$prog" ]; then missing+=("$name"); continue; fi
		cp "$st/$prog" "$root/selftests/mm/" ;;
	esac
	echo "$name $tmo $cmd" >> "$root/tests.list"
done < <(grep -hv '^[[:space:]]*\(#\|$\)' "${lists[@]}")
# run_vmtests.sh and the ksft wrappers, for tests that are run through them.
cp "${SRC:-$WT}"/tools/testing/selftests/mm/*.sh "$root/selftests/mm/" 2>/dev/null || true
# run_vmtests.sh categories (selftests/vmtests.sh) run any test: take all.
if grep -q ' /selftests/vmtests.sh ' "$root/tests.list"; then
	find "$st" -maxdepth 1 -type f -perm -u+x -exec cp {} "$root/selftests/mm/" \;
fi
(cd "$root" && find . | cpio -o -H newc --quiet) > "$root.cpio"

case $arch in
x86_64)	qemu=(qemu-system-x86_64 -accel tcg -cpu "${QEMU_CPU:-max}" -no-reboot)
	console=ttyS0 ;;
arm64)	qemu=(qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on -no-reboot)
	console=ttyAMA0 ;;
esac
qemu+=(-smp 2 -m "$mem" -kernel "$kernel" -initrd "$root.cpio" -display none
       -serial stdio -monitor none -nodefaults)
[ "$arch" = arm64 ] && qemu+=(-serial null)
# shellcheck disable=SC2206 # QEMU_EXTRA is a list of words
[ -n "${QEMU_EXTRA:-}" ] && qemu+=(${QEMU_EXTRA})
append="console=$console panic=-1 log_buf_len=4M loglevel=6 brd.rd_nr=1 brd.rd_size=1048576 ${KERNEL_CMDLINE:-}"
limit=${BOOT_TIMEOUT:-$limit}	# all test timeouts, plus boot and slack
log "booting $arch ($tag; ${mem} RAM; timeout ${limit}s); console log: $log"
start=$(date +%s)
# Progress: each test's start and result as the guest reports them.
progress() {
	local seen=0 i n r s lines=()
	local drop
	while kill -0 $$ 2>/dev/null && sleep 5; do
		# Whole lines only: a last line without its newline is still
		# being written.
		drop='$d'
		[ -z "$(tail -c 1 "$log")" ] && drop=
		mapfile -t lines < <(tr -d '\r' < "$log" | sed -e "$drop" |
			grep -E '^PUDTHP-(START|RESULT) ' || true)
		for ((i = seen; i < ${#lines[@]}; i++)); do
			read -r _ n r s <<<"${lines[i]}"
			case ${lines[i]} in
			PUDTHP-START*) log "  $n: running" ;;
			*) log "  $n: $r (${s}s)" ;;
			esac
		done
		seen=${#lines[@]}
	done
}
: > "$log"
progress &
progress_pid=$!
trap 'kill "$progress_pid" 2>/dev/null || true' EXIT
timeout -s KILL "$limit" "${qemu[@]}" -append "$append" </dev/null >"$log" 2>&1 || true
kill "$progress_pid" 2>/dev/null || true
wait "$progress_pid" 2>/dev/null || true
log "guest ran $(( $(date +%s) - start ))s"

{ tr -d '\r' < "$log" | grep '^PUDTHP-RESULT ' || true; } | cut -d' ' -f2- > "$res"
for m in "${missing[@]}"; do echo "$m missing 0" >> "$res"; done
# Every listed test must have a result; one without (crash, hang, a line
# the console mangled) fails.
while read -r name _; do
	grep -q "^$name " "$res" || echo "$name notrun 0" >> "$res"
done < <(cat "$root/tests.list"; echo kernel-log-clean)
printf '\n%-28s %-8s %s\n' TEST RESULT SECONDS
awk '{ printf "%-28s %-8s %s\n", $1, $2, $3 }' "$res"
if grep -q '^# probe ' "$log"; then
	printf '\n%-34s %s\n' FEATURE PRESENT
	tr -d '\r' < "$log" | sed -n 's/^# probe //p'
fi
pass=$(awk '$2 == "ok"' "$res" | wc -l)
skip=$(awk '$2 == "skip"' "$res" | wc -l)
fail=$(awk '$2 != "ok" && $2 != "skip"' "$res" | wc -l)
if ! grep -q '^PUDTHP-DONE' <(tr -d '\r' < "$log"); then
	echo "guest did not finish (crash, hang or timeout) during: $(tr -d '\r' < "$log" | sed -n 's/^PUDTHP-START //p' | tail -n 1)"
	echo "last lines of $log:"
	tail -n 40 "$log"
	fail=$((fail + 1))
fi
printf '%s: %d passed, %d failed, %d skipped\n' "$arch-$tag" "$pass" "$fail" "$skip"
echo "$pass $fail $skip" > "$res.sum"
# What a failed test said, so that a CI log that has only this output still
# tells which case failed and why: its failure lines and its last lines.
while read -r name result _; do
	case $result in ok|skip|missing|notrun) continue ;; esac
	[ "$name" = kernel-log-clean ] && continue
	echo
	echo "--- $name ($result): failure lines and last lines of its output"
	tr -d '\r' < "$log" | awk -v n="$name" '$0 == "PUDTHP-START " n { on = 1; next }
		on && /^PUDTHP-RESULT / { exit } on' > "$root.failed"
	grep -iE 'not ok|fail|error|expected|assert|mismatch|bad ' "$root.failed" |
		grep -vE '^# (ok |[[:space:]])' | head -n 30
	echo "..."
	tail -n 5 "$root.failed"
done < "$res"
rm -f "$root.failed"
[ "$fail" -eq 0 ]

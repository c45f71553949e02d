#!/usr/bin/env bash
# The project's test suite.  Each stage runs on its own:
#   scripts/check.sh                 the fast suite (what CI runs)
#   scripts/check.sh STAGE...        just those stages
#   scripts/check.sh --heavy         the on-demand stages (debug kernels, ...)
#   scripts/check.sh --list          list the stages
# Stage logs go to build/logs/check-STAGE.log.  The last line printed is
# "N passed, N failed, N skipped" over all checks and guest tests.
. "$(dirname "$0")/lib.sh"

S=$TOP/scripts
LOGS=$BUILD/logs
AMTREE=$BUILD/am-check		# fresh "git am" of patches/ onto base
FAST=(deps base apply checkpatch b4 build-x86_64 build-arm64 sparse w1 demo boot-x86_64 boot-x86_64-pud boot-arm64)
# On-demand stages (not in CI's time budget): a build of every patch on both
# architectures, coccicheck (about 20 minutes), debug kernels.
HEAVY=(bisect bisect-arm64 coccicheck htmldocs build-x86_64 build-x86_64-lockdep boot-x86_64-lockdep
       build-x86_64-debug boot-x86_64-debug stress-long vmtests)
# Test lists the guest stages run (CHECK_LISTS overrides, space-separated).
# regression.txt first: its khugepaged must run before other THP tests.
read -r -a LISTS <<<"${CHECK_LISTS:-$TOP/selftests/lists/regression.txt $TOP/selftests/lists/pud.txt}"
# The guests that run pud_thp whole run its destructive cases too (memory
# offlining; the guest is thrown away after the run).
DESTRUCTIVE=(--env MM_SELFTEST_DESTRUCTIVE=1)

commits() { git -C "$WT" rev-list --reverse base..HEAD; }
touched_c() { git -C "$WT" diff --name-only --diff-filter=AM base..HEAD -- '*.c' | grep -v '^tools/' || true; }

stage_deps() { "$S/deps.sh" && "$S/userland.sh" && "$S/sparse.sh" >/dev/null; }
stage_base() { "$S/get-base.sh"; }

stage_apply() {
	[ -z "$(git -C "$WT" status --porcelain --untracked-files=no 2>/dev/null)" ] ||
		die "build/linux has uncommitted changes: commit and export them first"
	"$S/apply.sh"			# build/linux matches patches/
	"$S/apply.sh" --to "$AMTREE"	# and patches/ applies to base by itself
	[ "$(git -C "$AMTREE" rev-parse HEAD^{tree})" = "$(git -C "$WT" rev-parse HEAD^{tree})" ] ||
		die "git am of patches/ gives a different tree than build/linux"
}

stage_checkpatch() {
	local f bad=0 ignore
	ignore=$(grep -v '^[[:space:]]*\(#\|$\)' "$S/checkpatch.ignore" | awk '{print $1}' | paste -sd, || true)
	while read -r f; do
		[ -n "$f" ] || continue
		# Debian's python3 (with ply, for the SPDX check), not another one
		# that PATH may find first.
		out=$(cd "$WT" && PATH=/usr/bin:/bin:$PATH scripts/checkpatch.pl --strict --showfile \
			${ignore:+--ignore "$ignore"} "$TOP/patches/$f" 2>&1) || true
		if grep -q '^total: 0 errors, 0 warnings, 0 checks' <<<"$out" && ! grep -q Traceback <<<"$out"; then
			echo "clean: $f"
		else
			echo "$out"; echo "NOT CLEAN: $f"; bad=1
		fi
	done < <(grep -v '^[[:space:]]*\(#\|$\)' "$TOP/patches/series" 2>/dev/null)
	return $bad
}

# Every patch builds on its own, so the series bisects.  The last commit is
# the final tree, built by build-ARCH.  A commit that changes only files the
# kernel build does not read (tools/, Documentation/, MAINTAINERS) leaves the
# kernel as the commit before it built it; at a commit that changes the mm
# selftests, the selftests the test lists name are built instead, against
# that commit's tools/ tree.  BISECT_FROM=N starts at patch N (to finish a
# run that was stopped).
kernel_files() { git -C "$AMTREE" diff --name-only "$1^" "$1" | grep -Ev '^(tools/|Documentation/|MAINTAINERS$)' || true; }
bisect() {	# $1: arch
	if [ ! -e "$AMTREE/.git" ]; then stage_apply; fi
	mapfile -t cs < <(commits)
	[ ${#cs[@]} -gt 1 ] || { echo "fewer than two patches: nothing to bisect"; return 0; }
	local i obj=$BUILD/obj-bisect-$1 kernels=0 tests=0 first=$((${BISECT_FROM:-1} - 1))
	for ((i = first; i < ${#cs[@]} - 1; i++)); do
		git -C "$AMTREE" checkout -q --detach "${cs[$i]}"
		echo "== $((i + 1)) $(git -C "$AMTREE" log -1 --format='%h %s')"
		# The first commit always builds the kernel: the tests need its headers.
		if [ $i -eq "$first" ] || [ -n "$(kernel_files "${cs[$i]}")" ]; then
			ALLOW_UNDEFINED_OPTIONS=1 "$S/build.sh" "$1" --src "$AMTREE" --obj "$obj"
			kernels=$((kernels + 1))
		fi
		if git -C "$AMTREE" diff --name-only "${cs[$i]}^" "${cs[$i]}" | grep -q '^tools/testing/selftests/mm/'; then
			SRC=$AMTREE OBJ_DIR=$obj OUT=$BUILD/selftests-bisect-$1 \
				"$S/build-selftests.sh" "$1" "${LISTS[@]}" "$TOP/selftests/lists/pud-always.txt"
			tests=$((tests + 1))
		fi
	done
	git -C "$AMTREE" checkout -q --detach "${cs[-1]}"
	echo "bisect $1: commits $((first + 1))-$((${#cs[@]} - 1)) of ${#cs[@]}; kernel built at $kernels, selftests at $tests; the last is build-$1's"
}

# The mails b4 would send (a dry run, scripts/send.sh): one per patch plus
# the cover, "[PATCH NN/MM]" subjects, To/Cc from get_maintainer.pl, and git
# am of them onto base gives the series' tree exactly.
stage_b4() { "$S/send.sh"; }

stage_bisect() { bisect x86_64; }
stage_bisect-arm64() { bisect arm64; }
stage_build-x86_64() { "$S/build.sh" x86_64; }
stage_build-arm64() { "$S/build.sh" arm64; }
stage_build-x86_64-debug() { "$S/build.sh" x86_64 debug; }
stage_build-x86_64-lockdep() { "$S/build.sh" x86_64 lockdep; }
# The main job's kernel and guest (scripts/run.sh): configs/demo.config,
# which leaves out NUMA, memory cgroups, swap and the block layer, builds
# and shows a 1 GiB THP mapped by one PUD entry.
stage_demo() {
	"$S/build.sh" x86_64 demo &&
		build_guest_prog x86_64 thp_demo "$BUILD/demo-x86_64" &&
		ST_DIR=$BUILD/demo-x86_64 "$S/boot.sh" x86_64 --variant demo \
			--tag check-demo "$TOP/selftests/lists/demo.txt"
}

# The checkers below (sparse, W=1, coccicheck) report nothing new in the C
# files the series touches: each compares its messages on base and on the
# series, with line numbers dropped.  The base is $AMTREE checked out at
# "base" and configured like the x86_64 test kernel.
checker_messages() {	# $1 tree, $2 obj, $3 file, $4 proof regexp, $5 output, rest: make args
	local tree=$1 obj=$2 f=$3 proof=$4 msgs=$5 raw=$5.raw
	shift 5
	[ -f "$tree/$f" ] || { : > "$msgs"; return 0; }
	rm -f "$obj/${f%.c}.o"	# compile it again, so that every checker sees it
	make -C "$tree" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" "$@" "${f%.c}.o" \
		> "$raw" 2>&1 || { cat "$raw"; die "building $f in $tree failed"; }
	# Proof that the checker ran on the file (an old sparse checks nothing).
	grep -qE "$proof" "$raw" || { cat "$raw"; die "the checker did not run on $f"; }
	{ grep -E '^[^ ]+\.[ch]:[0-9]+:' "$raw" | grep -vE ': note:' || true; } |
		sed -E "s|$tree/||g; s|$obj/||g; s|^(\.\./)+${tree##*/}/||; s/:[0-9]+:[0-9]+(-[0-9]+)?:/:/; s/line [0-9]+/line N/g" |
		sort -u > "$msgs"
}
compare_checker() {	# $1 name, $2 proof regexp with FILE for the file, rest: make args
	local name=$1 proof=$2 all files=() f new=0 dir pid
	dir=$LOGS/$name
	shift 2
	mapfile -t all < <(touched_c)
	if [ ${#all[@]} -eq 0 ]; then
		# Nothing touched yet: prove the checker really runs on this tree.
		all=(mm/huge_memory.c)
	fi
	if [ ! -e "$AMTREE/.git" ]; then stage_apply; fi
	if [ ! -f "$BUILD/obj-x86_64/.config" ]; then stage_build-x86_64; fi
	for f in "${all[@]}"; do
		if [ -f "$BUILD/obj-x86_64/$(dirname "$f")/.$(basename "${f%.c}").o.cmd" ]; then
			files+=("$f")
		else
			echo "$f: not built in the x86_64 test kernel, not checked"
		fi
	done
	git -C "$AMTREE" checkout -q --detach base
	mkdir -p "$BUILD/obj-check-base"
	cp "$BUILD/obj-x86_64/.config" "$BUILD/obj-check-base/.config"
	make -s -C "$AMTREE" O="$BUILD/obj-check-base" ARCH=x86_64 olddefconfig >/dev/null
	rm -rf "$dir"; mkdir -p "$dir/base" "$dir/series"
	check_all() {	# $1 tree, $2 obj, $3 output dir, rest: make args
		local tree=$1 obj=$2 out=$3 f
		shift 3
		for f in "${files[@]}"; do
			checker_messages "$tree" "$obj" "$f" "${proof//FILE/${f%.c}}" "$out/${f//\//_}" "$@"
		done
	}
	# Base and series side by side: a checker may use one CPU only.
	check_all "$AMTREE" "$BUILD/obj-check-base" "$dir/base" "$@" &
	pid=$!
	check_all "$WT" "$BUILD/obj-x86_64" "$dir/series" "$@"
	wait $pid || die "$name on base failed"
	for f in "${files[@]}"; do
		echo "$f: $(wc -l < "$dir/base/${f//\//_}") messages on base, $(wc -l < "$dir/series/${f//\//_}") with the series"
		if comm -13 "$dir/base/${f//\//_}" "$dir/series/${f//\//_}" | grep .; then
			new=1
		fi
	done
	git -C "$AMTREE" checkout -q --detach "$(git -C "$WT" rev-parse HEAD)"
	[ $new -eq 0 ]
}

stage_sparse() {
	local sp
	sp=$("$S/sparse.sh")
	[ "$(cd "$WT" && scripts/checker-valid.sh "$sp")" = 1 ] || die "$sp is not usable with this kernel"
	compare_checker sparse "CHECK .*FILE" C=2 CHECK="$sp"
	echo "sparse: $(cat "$CACHE/sparse/version") (reports itself as $("$sp" --version))"
}

# gcc's W=1 warnings.
stage_w1() {
	compare_checker w1 "CC +FILE\\.o" W=1
	grep -q -- -Wextra "$BUILD/obj-x86_64/$(touched_c | tail -n 1 | sed 's/\.c$/.o/; s|[^/]*$|.&.cmd|')" ||
		die "W=1 did not add -Wextra"
}

# make coccicheck MODE=report, file by file (the kernel's per-file form,
# C=1 CHECK=scripts/coccicheck on a file compiled again), every semantic
# patch of the tree.  About 35 s per file and tree: an on-demand stage.
stage_coccicheck() {
	# ocaml-nox: two of the semantic patches have OCaml script rules.
	"$S/deps.sh" coccinelle ocaml-nox
	compare_checker coccicheck "CHECK .*FILE" C=1 CHECK='$(srctree)/scripts/coccicheck' MODE=report
	echo "coccinelle: $(spatch --version | head -1)"
}

# The documentation the series changes: `make htmldocs` on each directory
# that holds a changed rst file, and `kernel-doc -none -Wall` on the touched
# C files and headers, at base and with the series (line numbers dropped):
# no new warning.  Sphinx 5.3 from Debian, run by Debian's python3, not by
# another one that PATH may find first.  Each changed rst must come out as
# HTML, proof that Sphinx read it.
docs_messages() {	# $1 tree, $2 output file, $3 HTML output dir
	local tree=$1 out=$2 obj=$3 f kdoc=()
	rm -rf "$obj"; mkdir -p "$obj"
	(cd "$tree" && PATH=/usr/bin:/bin:$PATH make O="$obj" SPHINXDIRS="${docdirs[*]}" htmldocs) \
		> "$out.raw" 2>&1 || { cat "$out.raw"; die "htmldocs in $tree failed"; }
	for f in "${kdocs[@]}"; do [ -f "$tree/$f" ] && kdoc+=("$f"); done
	if [ ${#kdoc[@]} -gt 0 ]; then
		(cd "$tree" && PATH=/usr/bin:/bin:$PATH scripts/kernel-doc -none -Wall "${kdoc[@]}") >> "$out.raw" 2>&1 ||
			{ cat "$out.raw"; die "kernel-doc in $tree failed"; }
	fi
	{ grep -iE 'warning|error' "$out.raw" || true; } |
		sed -E "s|$tree/||g; s/:[0-9]+/:/g" | sort -u > "$out"
}
stage_htmldocs() {
	local rsts docdirs kdocs f dir=$LOGS/htmldocs new=0
	"$S/deps.sh" python3-sphinx python3-sphinx-rtd-theme python3-yaml
	if [ ! -e "$AMTREE/.git" ]; then stage_apply; fi
	mapfile -t rsts < <(git -C "$WT" diff --name-only --diff-filter=AM base..HEAD -- 'Documentation/*.rst')
	[ ${#rsts[@]} -gt 0 ] || rsts=(Documentation/admin-guide/mm/transhuge.rst)
	mapfile -t docdirs < <(printf '%s\n' "${rsts[@]}" | sed 's|^Documentation/||; s|/[^/]*$||' | sort -u)
	mapfile -t kdocs < <(git -C "$WT" diff --name-only --diff-filter=AM base..HEAD -- '*.[ch]' | grep -v '^tools/' || true)
	rm -rf "$dir"; mkdir -p "$dir"
	git -C "$AMTREE" checkout -q --detach base
	docs_messages "$AMTREE" "$dir/base" "$BUILD/obj-docs-base"
	git -C "$AMTREE" checkout -q --detach "$(git -C "$WT" rev-parse HEAD)"
	docs_messages "$WT" "$dir/series" "$BUILD/obj-docs-series"
	for f in "${rsts[@]}"; do
		f=${f#Documentation/}
		[ -s "$BUILD/obj-docs-series/Documentation/output/${f%.rst}.html" ] ||
			die "$f: no HTML came out of it"
	done
	echo "htmldocs (SPHINXDIRS=${docdirs[*]}, sphinx $(/usr/bin/python3 -c 'import sphinx; print(sphinx.__version__)'))" \
		"and kernel-doc on ${#kdocs[@]} files: $(wc -l < "$dir/base") messages on base, $(wc -l < "$dir/series") with the series"
	if comm -13 "$dir/base" "$dir/series" | grep .; then new=1; fi
	[ $new -eq 0 ]
}

# The two guest stages also run the main job's demonstration (thp_demo,
# a program of the project), so that scripts/run.sh's guest stays working;
# its pud-probe line is pud.txt's too.  The benchmarks (bench/) are built
# for the guest as well, so that bench_util.h breaks no program unseen.
guest() {	# $1 arch, rest: boot.sh arguments
	local arch=$1 demo=$BUILD/demo-check.txt p; shift
	"$S/build-selftests.sh" "$arch" "${LISTS[@]}"
	build_guest_prog "$arch" thp_demo "$BUILD/selftests-$arch"
	for p in thp_size_bench thp_frag_bench; do
		build_guest_prog "$arch" "$p" "$BUILD/bench-$arch"
	done
	grep -v '^pud-probe ' "$TOP/selftests/lists/demo.txt" > "$demo"
	"$S/boot.sh" "$arch" --tag check "${DESTRUCTIVE[@]}" "$@" "${LISTS[@]}" "$demo"
}
stage_boot-x86_64() { guest x86_64; }
# The upstream tests again with the 1 GiB size set to "always" (cow, which
# tests every THP size, 1 GiB included, runs in the on-demand vmtests stage;
# khugepaged runs its madvise context only, as in regression.txt).  Two
# NUMA nodes (numa=fake=2) for pud_thp's migration case.
stage_boot-x86_64-pud() {
	local list=$TOP/selftests/lists/pud-always.txt
	"$S/build-selftests.sh" x86_64 "$list"
	KERNEL_CMDLINE="numa=fake=2 ${KERNEL_CMDLINE:-}" \
		"$S/boot.sh" x86_64 --tag check-pud --env PUD_THP=always "$list"
}
stage_boot-arm64() { guest arm64; }
# KASAN, lockdep, DEBUG_PAGEALLOC: selftests/lists/pud-debug.txt, then the
# upstream tests, in 16 GiB (8 GiB under KASAN has a single free 1 GiB
# range) on two NUMA nodes.  No LA57 (5-level paging): with it, an
# interrupt that comes while identify_cpu() has cleared the boot CPU's
# capabilities makes KASAN report a wild access (base 7.3 x86 code, not
# the series; Documentation/testing.md).
stage_boot-x86_64-debug() {
	local pud=$TOP/selftests/lists/pud-debug.txt rest=() l
	for l in "${LISTS[@]}"; do
		case $l in */pud*.txt) ;; *) rest+=("$l") ;; esac
	done
	"$S/build-selftests.sh" x86_64 "$pud" "${rest[@]}"
	QEMU_CPU=${QEMU_CPU:-max,la57=off} KERNEL_CMDLINE="numa=fake=2 ${KERNEL_CMDLINE:-}" \
		"$S/boot.sh" x86_64 --debug --mem 16G --tag check-debug "${DESTRUCTIVE[@]}" \
		"$pud" "${rest[@]}"
}
# lockdep with DEBUG_VM and PAGE_TABLE_CHECK: every list test, pud_torture
# and pud_stress too, on two NUMA nodes so that pud_thp's migration cases run as well.
# The PUD tests go first: in one run that had the upstream tests first,
# every 1 GiB fault of the lockdep kernel fell back (Documentation/testing.md).
stage_boot-x86_64-lockdep() {
	local torture=$BUILD/torture.txt pud=() rest=() l
	grep -hE '^pud_(torture|stress) ' "$TOP/selftests/lists/pud-always.txt" > "$torture"
	for l in "${LISTS[@]}"; do
		case $l in */pud*.txt) pud+=("$l") ;; *) rest+=("$l") ;; esac
	done
	"$S/build-selftests.sh" x86_64 "${LISTS[@]}" "$torture"
	KERNEL_CMDLINE="numa=fake=2 ${KERNEL_CMDLINE:-}" \
		"$S/boot.sh" x86_64 --variant lockdep --tag check-lockdep "${DESTRUCTIVE[@]}" \
		"${pud[@]}" "$torture" "${rest[@]}"
}

# Longer runs of the PUD torture and stress tests (selftests/lists/stress-long.txt).
stage_stress-long() {
	local list=$TOP/selftests/lists/stress-long.txt
	"$S/build-selftests.sh" x86_64 "$list"
	KERNEL_CMDLINE="numa=fake=2 ${KERNEL_CMDLINE:-}" "$S/boot.sh" x86_64 --tag check-stress "$list"
}

# The wider regression run (issue #9): the run_vmtests.sh categories in
# selftests/lists/vmtests.txt on the base kernel (built from a worktree of
# base with the same fragments) and on the series with the 1 GiB size at
# "always", both with two NUMA nodes, side by side (one guest per CPU).
# Each run_vmtests.sh test line ("ok N name", "not ok N name # exit=R") is
# one result; a test that fails with the series but not on base fails the
# stage, and so does a test only the series has (the PUD tests) unless it
# passes.  Base failures are listed as pre-existing.  Table:
# build/logs/vmtests.txt.
vmtests_results() {	# $1 console log: "CATEGORY-LINE/TEST RESULT" lines
	tr -d '\r' < "$1" | awk '
		/^PUDTHP-START / { cat = $2; next }
		/^# (not )?ok [0-9]+ / {
			line = substr($0, 3); res = "ok"
			if (line ~ /^not ok/) { res = "fail"; sub(/^not ok [0-9]+ /, "", line) }
			else sub(/^ok [0-9]+ /, "", line)
			if (line ~ / # SKIP/) res = "skip"
			sub(/ # .*/, "", line); gsub(/ /, "_", line)
			print cat "/" line, res
		}'
}
stage_vmtests() {
	local list=$TOP/selftests/lists/vmtests.txt base=$BUILD/linux-base out=$LOGS/vmtests.txt
	local pids=() rc=0 t b r new=0
	[ -e "$base/.git" ] || git -C "$WT" worktree add -q --detach "$base" base
	git -C "$base" checkout -q --detach base
	"$S/build.sh" x86_64
	# The fragments name options that only the series defines.
	ALLOW_UNDEFINED_OPTIONS=1 "$S/build.sh" x86_64 --src "$base" --obj "$BUILD/obj-x86_64-base"
	OUT=$BUILD/selftests-x86_64-vm "$S/build-selftests.sh" x86_64 "$list"
	SRC=$base OBJ_DIR=$BUILD/obj-x86_64-base OUT=$BUILD/selftests-x86_64-base \
		"$S/build-selftests.sh" x86_64 "$list"
	# boot.sh fails on any failed test; the comparison below decides.
	KERNEL_CMDLINE="numa=fake=2 ${KERNEL_CMDLINE:-}" SRC=$base ST_DIR=$BUILD/selftests-x86_64-base \
		"$S/boot.sh" x86_64 --variant base --tag vm-base "$list" > "$LOGS/vmtests-base.out" 2>&1 &
	pids+=($!)
	KERNEL_CMDLINE="numa=fake=2 ${KERNEL_CMDLINE:-}" ST_DIR=$BUILD/selftests-x86_64-vm \
		"$S/boot.sh" x86_64 --tag vm-series --env PUD_THP=always "$list" > "$LOGS/vmtests-series.out" 2>&1 &
	pids+=($!)
	wait "${pids[@]}" || true
	for t in base series; do
		grep -q '^PUDTHP-DONE' <(tr -d '\r' < "$LOGS/x86_64-vm-$t.log") ||
			{ tail -n 40 "$LOGS/vmtests-$t.out"; die "the $t guest did not finish"; }
		vmtests_results "$LOGS/x86_64-vm-$t.log" | sort > "$LOGS/vmtests-$t.res"
	done
	grep -q '^kernel-log-clean ok' "$LOGS/x86_64-vm-series.results" ||
		{ cat "$LOGS/vmtests-series.out"; die "kernel log of the series guest not clean"; }
	{
		printf '%-64s %-6s %s\n' TEST BASE SERIES
		join -a1 -a2 -e - -o 0,1.2,2.2 "$LOGS/vmtests-base.res" "$LOGS/vmtests-series.res" |
			awk '{ printf "%-64s %-6s %s\n", $1, $2, $3 }'
	} > "$out"
	cat "$out"
	while read -r t b r; do
		[ "$t" = TEST ] && continue
		if [ "$r" = fail ] && [ "$b" != fail ]; then echo "NEW FAILURE: $t"; new=1; fi
		if [ "$b" = - ] && [ "$r" != ok ]; then echo "SERIES-ONLY TEST DID NOT PASS: $t"; new=1; fi
		if [ "$r" = - ]; then echo "NOT RUN WITH THE SERIES: $t"; new=1; fi
	done < "$out"
	echo "base: $(grep -c ' ok$' "$LOGS/vmtests-base.res") ok, $(grep -c ' fail$' "$LOGS/vmtests-base.res") fail," \
		"$(grep -c ' skip$' "$LOGS/vmtests-base.res") skip; series: $(grep -c ' ok$' "$LOGS/vmtests-series.res") ok," \
		"$(grep -c ' fail$' "$LOGS/vmtests-series.res") fail, $(grep -c ' skip$' "$LOGS/vmtests-series.res") skip"
	[ $new -eq 0 ]
}

if [ "${1:-}" = --list ]; then
	echo "fast:  ${FAST[*]}"; echo "heavy: ${HEAVY[*]}"; exit 0
fi
stages=("$@")
[ "${1:-}" = --heavy ] && stages=(deps base apply "${HEAVY[@]}")
[ ${#stages[@]} -gt 0 ] || stages=("${FAST[@]}")
mkdir -p "$LOGS"
pass=0 fail=0 skip=0
t0=$(date +%s)
for s in "${stages[@]}"; do
	declare -F "stage_$s" >/dev/null || die "unknown stage $s (see --list)"
	start=$(date +%s)
	# Guest stages boot with tags check, check-pud, check-lockdep, ...
	rm -f "$LOGS/"*-check.results.sum "$LOGS/"*-check-*.results.sum
	# Not in an "if": errexit must stay in force inside the stage.
	set +e
	( set -e; "stage_$s" ) > "$LOGS/check-$s.log" 2>&1
	rc=$?
	set -e
	if [ $rc -eq 0 ]; then st=PASS; else st=FAIL; fi
	secs=$(( $(date +%s) - start ))
	sums=$(ls "$LOGS/"*-check.results.sum "$LOGS/"*-check-*.results.sum 2>/dev/null || true)
	if [ -n "$sums" ]; then
		# A guest stage counts each test it ran.
		read -r p f k < "$sums"
		[ "$st" = FAIL ] && [ "$f" -eq 0 ] && f=1
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + k))
		{ grep -E '^[A-Za-z0-9_.+-]+ +(ok|fail|skip|missing|notrun) ' "$LOGS/check-$s.log" || true; } | sed 's/^/    /'
	elif [ $st = PASS ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	printf '%-22s %s  %4ds  (log: %s)\n' "$s" "$st" "$secs" "${LOGS#"$TOP"/}/check-$s.log"
	[ $st = FAIL ] && tail -n 60 "$LOGS/check-$s.log" | sed 's/^/    | /'
done
echo "suite took $(( $(date +%s) - t0 ))s"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]

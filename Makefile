# Entry points; everything is in scripts/.
.PHONY: run check check-heavy bench bench-frag export apply build
run:		## the main job: base, series, x86_64 kernel, PUD THP tests, result table
	scripts/run.sh
check:		## the fast suite (what CI runs)
	scripts/check.sh
check-heavy:	## on-demand stages: every patch built on both arches, debug kernels (KASAN, lockdep, ...)
	scripts/check.sh --heavy
bench:		## benchmark: 4K vs 2M THP vs 1G THP vs 1G hugetlb in one guest (Documentation/benchmarks.md)
	scripts/bench.sh
bench-frag:	## benchmark: 1 GiB THP off/on in clean, fragmented and pinned memory (Documentation/benchmarks.md)
	scripts/bench-frag.sh
export:		## regenerate patches/ from build/linux
	scripts/export.sh
apply:
	scripts/apply.sh
build:
	scripts/build.sh x86_64

# Entry points; everything is in scripts/.
.PHONY: run check check-heavy export apply build
run:		## the main job: base, series, x86_64 kernel, PUD THP tests, result table
	scripts/run.sh
check:		## the fast suite (what CI runs)
	scripts/check.sh
check-heavy:	## on-demand stages: every patch built on both arches, debug kernels (KASAN, lockdep, ...)
	scripts/check.sh --heavy
export:		## regenerate patches/ from build/linux
	scripts/export.sh
apply:
	scripts/apply.sh
build:
	scripts/build.sh x86_64

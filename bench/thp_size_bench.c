// SPDX-License-Identifier: GPL-2.0
/*
 * thp_size_bench: anonymous memory backed by 4 KiB pages, 2 MiB THPs,
 * 1 GiB THPs and 1 GiB hugetlb pages, side by side.  Not a test: it prints
 * tables of medians.  It runs as root in a test guest; scripts/bench.sh
 * builds it, boots one guest with it and plots the first table
 * (Documentation/benchmarks.md has results and how to run the -f mode).
 *
 *   thp_size_bench [-g GiB] [-r runs] [-c chase steps]
 *
 * For each backing, over an aligned range of -g GiB (default 1):
 *   touch_ms      first write to every 4 KiB page
 *   faults        page faults taken by that
 *   madv_pop_ms   MADV_POPULATE_WRITE of the range
 *   map_pop_ms    mmap(MAP_POPULATE) of the range (size knob at "always")
 *   memset_ms     memset() of the populated range: the zeroing floor
 *   pgtbl_kB/GiB  PageTables in /proc/meminfo per GiB mapped, page tables
 *                 deposited for a later split included
 *   chase_ns      random pointer chase, one page per step
 *   scan_GB/s     sequential read
 *   split_us      mprotect() of one 4 KiB page in the first huge page
 *   huge_split_%  how much of the range is still mapped by 2 MiB or larger
 *                 entries after that split (AnonHugePages in smaps_rollup)
 *   pgtbl_split   PageTables per GiB after that split, in kB
 * then each as a ratio to the 2 MiB THP backing ("-": not available, or
 * split for hugetlb, which cannot be split).  A second table times the
 * first write fault in an aligned 1 GiB range: with the 1 GiB size
 * disabled (a 2 MiB THP), when a 1 GiB THP is mapped, with defrag "never"
 * (the fault may not wait for a free 1 GiB range) and in a memory cgroup
 * limited to 512 MiB (the 1 GiB charge cannot fit: the fault falls back).
 *
 * Every run checks that it got the backing its row names, after the first
 * touch, MADV_POPULATE_WRITE and MAP_POPULATE alike, from the range's own
 * smaps entry and the kernel's counters, and the program fails (exit 1)
 * rather than print a row it did not get:
 *   4K          no THP (AnonHugePages 0), all of it resident, and the
 *               first touch took one fault per 4 KiB page;
 *   2M-THP      all of it in AnonHugePages, none in AnonPudMapped;
 *   1G-THP      all of it in AnonPudMapped, and the 1 GiB size's
 *               anon_fault_alloc up by at least one per GiB;
 *   1G-hugetlb  a 1 GiB hugetlb mapping (KernelPageSize), all of it in
 *               Private_Hugetlb, and the 1 GiB pool's free_hugepages down
 *               by one per GiB.
 * A backing the kernel does not offer (no 1 GiB THP size, a 1 GiB hugetlb
 * pool that cannot be filled) gets a "(not available)" row instead.  In
 * the second table the 1G-disabled fault must map a 2 MiB THP, the mapped
 * one a 1 GiB THP, and the memcg one must fall back for the charge
 * (anon_fault_fallback_charge); the defrag "never" fault may do either.
 *
 *   thp_size_bench -f [-r runs]
 *
 * prints only the cost of a small anonymous write fault instead, in ns per
 * fault (-g GiB faulted 4 KiB at a time, default 1/4): with every THP size
 * disabled, and with the PMD (and PUD) size at "always" where each 2 MiB
 * range already has a page table, so that each fault passes over the
 * larger sizes.  Each run checks that it took one fault per page and
 * mapped no THP.  It runs on kernels without PUD THPs too: run it under
 * QEMU with -icount shift=0, where time counts instructions, to compare
 * kernels boot to boot.
 *
 * Every number comes from one boot, so the ratios compare like with like.
 * Under emulation absolute times say little; the "machine" line says where
 * it ran.  Every knob it changes (THP sizes and defrag, khugepaged's
 * max_ptes_none, the 1 GiB hugetlb pool, a memory cgroup) is put back at
 * exit, also on an error exit and on SIGINT or SIGTERM.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#define PROG		"thp_size_bench"
#include "bench_util.h"

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT	26
#endif
#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB	(30 << MAP_HUGE_SHIFT)
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE	23
#endif

#define CGROUP_ROOT	"/sys/fs/cgroup"
#define PMD_STATS	THP "/hugepages-2048kB/stats/"
#define HUGETLB_1G_FREE	"/sys/kernel/mm/hugepages/hugepages-1048576kB/free_hugepages"
#define MAX_RUNS	15

enum backing { B_4K, B_2M, B_1G, B_HUGETLB, NR_BACKINGS };
static const char * const backing_names[NR_BACKINGS] = {
	"4K", "2M-THP", "1G-THP", "1G-hugetlb",
};

enum metric { TOUCH, FAULTS, MADV_POP, MAP_POP, MEMSET, PGTBL, CHASE, SCAN,
	      SPLIT, SPLIT_HUGE, SPLIT_PGTBL, NR_METRICS };
static const char * const metric_names[NR_METRICS] = {
	"touch_ms", "faults", "madv_pop_ms", "map_pop_ms", "memset_ms",
	"pgtbl_kB/GiB", "chase_ns", "scan_GB/s", "split_us", "huge_split_%",
	"pgtbl_split",
};

/* The cases of the first-fault table. */
enum { FF_OFF, FF_MAPPED, FF_DEFRAG_NEVER, FF_MEMCG, NR_FF };
static const char * const ff_names[NR_FF] = {
	"1G disabled (2M THP)", "1G THP mapped", "1G, defrag never",
	"1G, memcg max 512M",
};

/* Where the loops leave their result, so that the compiler keeps them. */
uint64_t bench_sink;

static size_t size = SZ_1G;
static bool size_given;
static int runs = 5;
static unsigned long chase_steps = 1000000;
static bool have_pud;
static size_t page_size;

/* The memory cgroup of the first-fault table, while it exists. */
static char memcg_dir[64];
static bool memcg_made, memcg_enabled_memory;

static void __attribute__((noreturn, format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Only MADV_HUGEPAGE ranges get THPs unless a size is set to "always".
 * The THP sizes other than 2 MiB and 1 GiB stay "never" throughout.
 */
static void set_thp(const char *pmd, const char *pud, const char *defrag)
{
	set_knob(KNOB_ENABLED, "madvise");
	set_knob(KNOB_DEFRAG, defrag);
	set_knob(KNOB_PMD, pmd);
	if (have_pud)
		set_knob(KNOB_PUD, pud);
}

/* The knobs for a backing; @on is the state of its own size. */
static void set_backing(enum backing b, const char *on)
{
	set_thp(b == B_2M || b == B_1G ? on : "never",
		b == B_1G ? on : "never", "madvise");
}

/*
 * Every anonymous THP size but 2 MiB and 1 GiB "never", until exit (a size
 * only shmem or file THPs have has no "enabled" knob).
 */
static void disable_other_sizes(void)
{
	DIR *d = opendir(THP);
	struct dirent *e;
	char path[512];

	if (!d)
		die(THP);
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "hugepages-", 10) ||
		    !strcmp(e->d_name, "hugepages-2048kB") ||
		    !strcmp(e->d_name, "hugepages-1048576kB"))
			continue;
		snprintf(path, sizeof(path), THP "/%s/enabled", e->d_name);
		if (!access(path, F_OK))
			set_knob(add_knob(path), "never");
	}
	closedir(d);
}

/* An unused 1 GiB aligned address for @len bytes. */
static char *aligned_hole(size_t len)
{
	char *raw = mmap(NULL, len + SZ_1G, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (raw == MAP_FAILED)
		return NULL;
	munmap(raw, len + SZ_1G);
	return (char *)(((uintptr_t)raw + SZ_1G - 1) & ~(SZ_1G - 1));
}

/*
 * A mapping of the backing, populated by MAP_POPULATE if @populate, else
 * not populated and advised; NULL if it cannot be had.
 */
static char *map_backing(enum backing b, bool populate)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE;
	char *mem = aligned_hole(size);

	if (!mem)
		return NULL;
	if (b == B_HUGETLB)
		flags |= MAP_HUGETLB | MAP_HUGE_1GB;
	if (populate)
		flags |= MAP_POPULATE;
	if (mmap(mem, size, PROT_READ | PROT_WRITE, flags, -1, 0) != mem)
		return NULL;
	if (!populate && b != B_HUGETLB)
		madvise(mem, size, b == B_4K ? MADV_NOHUGEPAGE : MADV_HUGEPAGE);
	return mem;
}

/* The counters verify() compares with, read before a range is populated. */
struct snap {
	long pud_alloc;		/* the 1 GiB THP size's anon_fault_alloc */
	long hugetlb_free;	/* free pages in the 1 GiB hugetlb pool */
};

static void take_snap(struct snap *s)
{
	s->pud_alloc = pud_stat("anon_fault_alloc");
	s->hugetlb_free = file_long(HUGETLB_1G_FREE);
}

/*
 * Fail unless @mem, just populated by @how, is backed as row @b says: see
 * the top of the file.  @s holds the counters from before; @faults is the
 * page faults the population took, -1 where it was not counted.
 */
static void verify(enum backing b, char *mem, const struct snap *s,
		   const char *how, long faults)
{
	long kb = size >> 10, gib = size / SZ_1G, pages = size / page_size;
	long rss = vma_field_kb(mem, "Rss:");
	long thp = vma_field_kb(mem, "AnonHugePages:");
	long pud = vma_field_kb(mem, "AnonPudMapped:");
	long delta;

	switch (b) {
	case B_4K:
		if (thp || pud > 0 || rss < kb || (faults >= 0 && faults < pages))
			fail("4K, %s: Rss %ld kB of %ld, AnonHugePages %ld kB, AnonPudMapped %ld kB, %ld faults for %ld pages: not all 4 KiB pages",
			     how, rss, kb, thp, pud, faults, pages);
		break;
	case B_2M:
		if (thp != kb || pud > 0)
			fail("2M-THP, %s: AnonHugePages %ld kB of %ld, AnonPudMapped %ld kB: not all 2 MiB THPs",
			     how, thp, kb, pud);
		break;
	case B_1G:
		delta = pud_stat("anon_fault_alloc") - s->pud_alloc;
		if (pud != kb || delta < gib)
			fail("1G-THP, %s: AnonPudMapped %ld kB of %ld, 1 GiB anon_fault_alloc +%ld for %ld GiB: not all 1 GiB THPs",
			     how, pud, kb, delta, gib);
		break;
	default:
		delta = s->hugetlb_free - file_long(HUGETLB_1G_FREE);
		if (vma_field_kb(mem, "KernelPageSize:") != (long)(SZ_1G >> 10) ||
		    vma_field_kb(mem, "Private_Hugetlb:") != kb || delta != gib)
			fail("1G-hugetlb, %s: KernelPageSize %ld kB, Private_Hugetlb %ld kB of %ld, %ld pages taken from the 1 GiB pool for %ld GiB",
			     how, vma_field_kb(mem, "KernelPageSize:"),
			     vma_field_kb(mem, "Private_Hugetlb:"), kb, delta, gib);
		break;
	}
}

static void touch(char *mem, size_t len)
{
	for (size_t off = 0; off < len; off += page_size)
		mem[off] = 1;
}

static uint64_t xorshift(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* One load per step, over one slot per page in a random cyclic order. */
static double chase(char *mem)
{
	size_t n = size / page_size, *order;
	uint64_t x = 88172645463325252ULL;
	uintptr_t p;
	double t;

	order = malloc(n * sizeof(*order));
	if (!order)
		return 0;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = xorshift(&x) % (i + 1), tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	/* A different cache line in each page, so that sets differ too. */
	for (size_t i = 0; i < n; i++) {
		size_t from = order[i], to = order[(i + 1) % n];

		*(uintptr_t *)(mem + from * page_size + (from % 64) * 64) =
			(uintptr_t)(mem + to * page_size + (to % 64) * 64);
	}
	p = (uintptr_t)(mem + order[0] * page_size + (order[0] % 64) * 64);
	free(order);
	t = now_ms();
	for (unsigned long s = 0; s < chase_steps; s++)
		p = *(uintptr_t *)p;
	t = (now_ms() - t) * 1e6 / chase_steps;
	bench_sink = p;
	return t;
}

static double scan(char *mem)
{
	uint64_t sum = 0;
	double t = now_ms();

	for (size_t off = 0; off < size; off += sizeof(uint64_t))
		sum += *(uint64_t *)(mem + off);
	t = (now_ms() - t) * 1e6;
	bench_sink = sum;
	return size / t;	/* bytes per ns = GB/s */
}

static double pgtbl_per_gib(long before)
{
	return (double)(field_kb("/proc/meminfo", "PageTables:") - before) /
	       (size / SZ_1G);
}

/* One run of every metric for a backing; false if it cannot be had. */
static bool run_once(enum backing b, double m[NR_METRICS])
{
	long pt_before, faults;
	struct snap s;
	char *mem;
	double t;

	set_backing(b, "madvise");
	pt_before = page_tables_kb();
	mem = map_backing(b, false);
	if (!mem)
		return false;
	take_snap(&s);
	faults = minor_faults();
	t = now_ms();
	touch(mem, size);
	m[TOUCH] = now_ms() - t;
	m[FAULTS] = minor_faults() - faults;
	m[PGTBL] = pgtbl_per_gib(pt_before);
	verify(b, mem, &s, "first touch", m[FAULTS]);
	t = now_ms();
	memset(mem, 2, size);
	m[MEMSET] = now_ms() - t;
	m[CHASE] = chase(mem);
	m[SCAN] = scan(mem);
	t = now_ms();
	m[SPLIT] = -1;
	m[SPLIT_HUGE] = -1;
	m[SPLIT_PGTBL] = -1;
	if (!mprotect(mem + page_size, page_size, PROT_READ)) {
		m[SPLIT] = (now_ms() - t) * 1e3;
		m[SPLIT_HUGE] = 100.0 * field_kb("/proc/self/smaps_rollup",
						 "AnonHugePages:") / (size >> 10);
		m[SPLIT_PGTBL] = pgtbl_per_gib(pt_before);
	}
	munmap(mem, size);

	mem = map_backing(b, false);
	if (!mem)
		return false;
	take_snap(&s);
	t = now_ms();
	if (madvise(mem, size, MADV_POPULATE_WRITE))
		return false;
	m[MADV_POP] = now_ms() - t;
	verify(b, mem, &s, "MADV_POPULATE_WRITE", -1);
	munmap(mem, size);

	/* MAP_POPULATE faults before any madvise(): the size at "always". */
	set_backing(b, "always");
	take_snap(&s);
	t = now_ms();
	mem = map_backing(b, true);
	m[MAP_POP] = now_ms() - t;
	if (!mem)
		return false;
	verify(b, mem, &s, "MAP_POPULATE", -1);
	munmap(mem, size);
	return true;
}

static void print_machine(void)
{
	char line[256], model[128] = "unknown";
	bool hypervisor = false;
	struct utsname u;
	FILE *fp;

	fp = fopen("/proc/cpuinfo", "r");
	while (fp && fgets(line, sizeof(line), fp)) {
		char *colon = strchr(line, ':');

		if (!strncmp(line, "model name", 10) && colon)
			snprintf(model, sizeof(model), "%s", colon + 2);
		if (!strncmp(line, "flags", 5) && strstr(line, " hypervisor"))
			hypervisor = true;
	}
	if (fp)
		fclose(fp);
	model[strcspn(model, "\n")] = 0;
	uname(&u);
	printf("# machine: %s, %ld CPUs, cpu \"%s\"%s, kernel %s\n", u.machine,
	       sysconf(_SC_NPROCESSORS_ONLN), model,
	       hypervisor ? " (virtual machine)" : "", u.release);
	printf("# %zu GiB per run, median of %d runs, %lu chase steps\n",
	       size / SZ_1G, runs, chase_steps);
}

static void bench_backings(void)
{
	double med[NR_BACKINGS][NR_METRICS] = { 0 };
	bool have[NR_BACKINGS] = { 0 };
	double v[NR_METRICS][MAX_RUNS];
	long gib = size / SZ_1G;

	for (int b = 0; b < NR_BACKINGS; b++) {
		if (b == B_1G && !have_pud)
			continue;
		if (b == B_HUGETLB && (set_hugetlb_1g(gib) < gib ||
				       file_long(HUGETLB_1G_FREE) < gib)) {
			restore_hugetlb();
			continue;
		}
		have[b] = true;
		for (int r = 0; r < runs && have[b]; r++) {
			double m[NR_METRICS];

			have[b] = run_once(b, m);
			for (int i = 0; i < NR_METRICS; i++)
				v[i][r] = m[i];
		}
		for (int i = 0; have[b] && i < NR_METRICS; i++)
			med[b][i] = median(v[i], runs);
		if (b == B_HUGETLB)
			restore_hugetlb();
	}

	printf("%-12s", "backing");
	for (int i = 0; i < NR_METRICS; i++)
		printf(" %13s", metric_names[i]);
	printf("\n");
	for (int b = 0; b < NR_BACKINGS; b++) {
		printf("%-12s", backing_names[b]);
		for (int i = 0; i < NR_METRICS; i++)
			if (have[b] && med[b][i] >= 0)
				printf(" %13.2f", med[b][i]);
			else
				printf(" %13s", "-");
		printf("%s\n", have[b] ? "" : "  (not available)");
	}
	printf("\n# ratio to 2M-THP\n");
	for (int b = 0; b < NR_BACKINGS; b++) {
		printf("%-12s", backing_names[b]);
		for (int i = 0; i < NR_METRICS; i++)
			if (have[b] && have[B_2M] && med[B_2M][i] > 0 &&
			    med[b][i] >= 0)
				printf(" %13.3f", med[b][i] / med[B_2M][i]);
			else
				printf(" %13s", "-");
		printf("\n");
	}
}

/*
 * ms for the first write fault in an aligned 1 GiB range of case @c; -1 if
 * there is no range.  Fails unless the fault got what the case names.
 */
static double first_fault_1g(int c)
{
	long charge = pud_stat("anon_fault_fallback_charge"), thp, pud;
	char *mem = aligned_hole(SZ_1G);
	double t;

	if (!mem || mmap(mem, SZ_1G, PROT_READ | PROT_WRITE, MAP_PRIVATE |
			 MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != mem)
		return -1;
	madvise(mem, SZ_1G, MADV_HUGEPAGE);
	t = now_ms();
	mem[0] = 1;
	t = now_ms() - t;
	thp = vma_field_kb(mem, "AnonHugePages:");
	pud = vma_field_kb(mem, "AnonPudMapped:");
	charge = pud_stat("anon_fault_fallback_charge") - charge;
	if ((c == FF_OFF && (thp != (long)(SZ_2M >> 10) || pud > 0)) ||
	    (c == FF_MAPPED && pud != (long)(SZ_1G >> 10)) ||
	    (c == FF_MEMCG && (pud > 0 || charge < 1)))
		fail("first fault, %s: AnonHugePages %ld kB, AnonPudMapped %ld kB, 1 GiB anon_fault_fallback_charge +%ld",
		     ff_names[c], thp, pud, charge);
	munmap(mem, SZ_1G);
	return t;
}

/* Back in the root cgroup, ours removed; also run on a signal and at exit. */
static void leave_memcg(void)
{
	char pid[16];

	if (memcg_made) {
		snprintf(pid, sizeof(pid), "%d", getpid());
		write_file(CGROUP_ROOT "/cgroup.procs", pid);
		rmdir(memcg_dir);
		memcg_made = false;
	}
	if (memcg_enabled_memory) {
		write_file(CGROUP_ROOT "/cgroup.subtree_control", "-memory");
		memcg_enabled_memory = false;
	}
}

/*
 * A memory cgroup limited to 512 MiB, entered; false if there is none.
 * Each step is marked for leave_memcg() before it is taken.
 */
static bool enter_memcg(void)
{
	char path[128], pid[16], controllers[256];

	if (access(CGROUP_ROOT "/cgroup.subtree_control", F_OK))
		return false;
	if (read_file(CGROUP_ROOT "/cgroup.subtree_control", controllers,
		      sizeof(controllers)))
		controllers[0] = '\0';	/* empty: no controller enabled */
	if (!strstr(controllers, "memory")) {
		memcg_enabled_memory = true;
		if (write_file(CGROUP_ROOT "/cgroup.subtree_control", "+memory"))
			return false;
	}
	snprintf(memcg_dir, sizeof(memcg_dir), CGROUP_ROOT "/" PROG ".%d",
		 getpid());
	memcg_made = true;
	if (mkdir(memcg_dir, 0755) && errno != EEXIST)
		return false;
	snprintf(path, sizeof(path), "%s/memory.max", memcg_dir);
	if (write_file(path, "536870912"))
		return false;
	snprintf(path, sizeof(path), "%s/cgroup.procs", memcg_dir);
	snprintf(pid, sizeof(pid), "%d", getpid());
	return !write_file(path, pid);
}

static void bench_fallback(void)
{
	double v[NR_FF][MAX_RUNS], med[NR_FF];

	for (int r = 0; r < runs; r++) {
		set_thp("madvise", "never", "madvise");
		v[FF_OFF][r] = first_fault_1g(FF_OFF);
		set_thp("madvise", "madvise", "madvise");
		v[FF_MAPPED][r] = first_fault_1g(FF_MAPPED);
		v[FF_MEMCG][r] = -1;
		if (enter_memcg())
			v[FF_MEMCG][r] = first_fault_1g(FF_MEMCG);
		leave_memcg();
		set_thp("madvise", "madvise", "never");
		v[FF_DEFRAG_NEVER][r] = first_fault_1g(FF_DEFRAG_NEVER);
	}
	printf("\n# first write fault in an aligned 1 GiB range\n");
	printf("%-24s %12s %8s\n", "case", "fault_ms", "ratio");
	for (int c = 0; c < NR_FF; c++)
		med[c] = median(v[c], runs);
	for (int c = 0; c < NR_FF; c++) {
		if (med[c] < 0 || med[FF_OFF] <= 0)
			printf("%-24s %12s %8s  (not available)\n", ff_names[c], "-", "-");
		else
			printf("%-24s %12.3f %8.3f\n", ff_names[c], med[c],
			       med[c] / med[FF_OFF]);
	}
}

/* Touch every 4 KiB page of @mem but the first of each 2 MiB range; ns. */
static double small_faults_ns(char *mem, size_t len, long *faults)
{
	long before;
	double t;

	/* What the timing itself touches first (the vDSO data) is not counted. */
	now_ms();
	before = minor_faults();
	t = now_ms();
	for (size_t off = 0; off < len; off += SZ_2M)
		for (size_t i = page_size; i < SZ_2M; i += page_size)
			mem[off + i] = 1;
	t = now_ms() - t;
	*faults = minor_faults() - before;
	return t * 1e6;
}

/* Per small fault, with the larger sizes off, and on but not possible. */
static void bench_small_faults(void)
{
	enum { OFF, ALWAYS, NR_CASES };
	static const char * const cases[NR_CASES] = {
		"THP sizes never", "PMD/PUD always, populated",
	};
	bool have_skips = !access(PMD_STATS "anon_fault_skip_populated", F_OK);
	size_t len = size_given ? size : (256UL << 20);
	long want = len / page_size - len / SZ_2M, faults, skipped[NR_CASES];
	double v[NR_CASES][MAX_RUNS], med[NR_CASES];

	/* khugepaged must not collapse what the loop faults in. */
	set_knob(add_knob(THP "/khugepaged/max_ptes_none"), "0");
	for (int r = 0; r < runs; r++) {
		for (int c = 0; c < NR_CASES; c++) {
			char *mem = map_backing(B_4K, false);
			long s0 = 0;

			if (!mem || madvise(mem, size, MADV_HUGEPAGE))
				die("no mapping");
			/* A page table per PMD range first, with no THP. */
			set_thp("never", "never", "madvise");
			for (size_t off = 0; off < len; off += SZ_2M)
				mem[off] = 1;
			if (c == ALWAYS)
				set_thp("always", "always", "madvise");
			if (have_skips)
				s0 = file_long(PMD_STATS "anon_fault_skip_populated");
			v[c][r] = small_faults_ns(mem, len, &faults);
			skipped[c] = have_skips ?
				file_long(PMD_STATS "anon_fault_skip_populated") - s0 : -1;
			/* Each row got what it names: small pages, one fault each. */
			if (faults != want || vma_field_kb(mem, "AnonHugePages:"))
				fail("%s: %ld faults, want %ld, or a THP (AnonHugePages %ld kB)",
				     cases[c], faults, want,
				     vma_field_kb(mem, "AnonHugePages:"));
			v[c][r] /= faults;
			munmap(mem, size);
		}
	}
	printf("\n# small anonymous write faults, %ld per run, median of %d\n",
	       want, runs);
	printf("%-28s %10s %8s %14s\n", "case", "ns_fault", "ratio",
	       "2M_skips/fault");
	for (int c = 0; c < NR_CASES; c++)
		med[c] = median(v[c], runs);
	for (int c = 0; c < NR_CASES; c++) {
		printf("%-28s %10.1f %8.4f", cases[c], med[c], med[c] / med[OFF]);
		if (skipped[c] >= 0)
			printf(" %14.3f\n", (double)skipped[c] / want);
		else
			printf(" %14s\n", "-");
	}
}

int main(int argc, char **argv)
{
	bool small = false;
	int c;

	while ((c = getopt(argc, argv, "g:r:c:f")) != -1) {
		switch (c) {
		case 'f':
			small = true;
			break;
		case 'g':
			size = strtoul(optarg, NULL, 0) * SZ_1G;
			size_given = true;
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		case 'c':
			chase_steps = strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-f] [-g GiB] [-r runs] [-c steps]\n",
				argv[0]);
			return 2;
		}
	}
	if (!size || runs < 1 || runs > MAX_RUNS || !chase_steps) {
		fprintf(stderr, "bad arguments (1 <= runs <= %d)\n", MAX_RUNS);
		return 2;
	}
	if (access(THP, F_OK) || geteuid()) {
		fprintf(stderr, "needs THP and root\n");
		return 1;
	}
	/* The knobs it sets are those of the 2 MiB PMD size of 4 KiB pages. */
	if (file_long(THP "/hpage_pmd_size") != (long)SZ_2M) {
		fprintf(stderr, "needs a 2 MiB PMD size\n");
		return 1;
	}
	page_size = sysconf(_SC_PAGESIZE);
	have_pud = !access(knobs[KNOB_PUD], F_OK);
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Everything it changes is put back at exit, even on a signal. */
	guard_knobs();
	undo_hook = leave_memcg;
	disable_other_sizes();
	print_machine();
	if (small) {
		bench_small_faults();
		return 0;
	}
	bench_backings();
	if (have_pud)
		bench_fallback();
	return 0;
}

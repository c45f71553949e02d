// SPDX-License-Identifier: GPL-2.0-only
/*
 * Side by side: anonymous memory backed by 4 KiB pages, 2 MiB THPs, 1 GiB
 * THPs and 1 GiB hugetlb pages.  Not a test: it prints tables of medians.
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
 * then each as a ratio to the 2 MiB THP backing ("-": not available, or
 * split for hugetlb, which cannot be split).  A second table times the
 * first write fault in an aligned 1 GiB range: with the 1 GiB size
 * disabled (a 2 MiB THP), when a 1 GiB THP is mapped, and when it cannot be
 * had: defrag "never" (no wait for a free 1 GiB range) and a memory cgroup
 * limited to 512 MiB (a 1 GiB folio is allocated, then the charge fails).
 *
 * Every number comes from one boot, so the ratios compare like with like.
 * Under emulation absolute times say little; the "machine" line says where
 * it ran.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "vm_util.h"
#include "hugepage_settings.h"

#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB	(30 << MAP_HUGE_SHIFT)
#endif

#define SZ_1G		(1024UL * 1024 * 1024)
#define PUD_DIR		"/sys/kernel/mm/transparent_hugepage/hugepages-1048576kB"
#define CGROUP_ROOT	"/sys/fs/cgroup"
#define MAX_RUNS	15

enum backing { B_4K, B_2M, B_1G, B_HUGETLB, NR_BACKINGS };
static const char * const backing_names[NR_BACKINGS] = {
	"4K", "2M-THP", "1G-THP", "1G-hugetlb",
};

enum metric { TOUCH, FAULTS, MADV_POP, MAP_POP, MEMSET, PGTBL, CHASE, SCAN,
	      SPLIT, NR_METRICS };
static const char * const metric_names[NR_METRICS] = {
	"touch_ms", "faults", "madv_pop_ms", "map_pop_ms", "memset_ms",
	"pgtbl_kB/GiB", "chase_ns", "scan_GB/s", "split_us",
};

static size_t size = SZ_1G;
static int runs = 5;
static unsigned long chase_steps = 1000000;
static bool have_pud;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static long meminfo_kb(const char *name)
{
	size_t len = strlen(name);
	char line[256];
	long val = -1;
	FILE *fp = fopen("/proc/meminfo", "r");

	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp))
		if (!strncmp(line, name, len) && line[len] == ':') {
			val = strtol(line + len + 1, NULL, 10);
			break;
		}
	fclose(fp);
	return val;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Only MADV_HUGEPAGE ranges get THPs unless a size is set to "always". */
static void set_thp(enum thp_enabled pmd, enum thp_enabled pud,
		    enum thp_defrag defrag)
{
	struct thp_settings s;

	thp_read_settings(&s);
	s.thp_enabled = THP_MADVISE;
	s.thp_defrag = defrag;
	for (int i = 0; i < NR_ORDERS; i++)
		s.hugepages[i].enabled = THP_NEVER;
	s.hugepages[sz2ord(read_pmd_pagesize(), psize())].enabled = pmd;
	if (have_pud)
		s.hugepages[sz2ord(SZ_1G, psize())].enabled = pud;
	thp_write_settings(&s);
}

/* The knobs for a backing; @on is the state of its own size. */
static void set_backing(enum backing b, enum thp_enabled on)
{
	set_thp(b == B_2M || b == B_1G ? on : THP_NEVER,
		b == B_1G ? on : THP_NEVER, THP_DEFRAG_MADVISE);
}

/* An unused 1 GiB aligned address for @len bytes. */
static char *aligned_hole(size_t len)
{
	char *raw = mmap(NULL, len + SZ_1G, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (raw == MAP_FAILED)
		return NULL;
	munmap(raw, len + SZ_1G);
	return (char *)(((unsigned long)raw + SZ_1G - 1) & ~(SZ_1G - 1));
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

static void touch(char *mem, size_t len)
{
	for (size_t off = 0; off < len; off += psize())
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
	size_t n = size / psize(), *order;
	uint64_t x = 88172645463325252ULL;
	volatile uintptr_t sink;
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

		*(uintptr_t *)(mem + from * psize() + (from % 64) * 64) =
			(uintptr_t)(mem + to * psize() + (to % 64) * 64);
	}
	p = (uintptr_t)(mem + order[0] * psize() + (order[0] % 64) * 64);
	free(order);
	t = now_ns();
	for (unsigned long s = 0; s < chase_steps; s++)
		p = *(uintptr_t *)p;
	sink = p;
	(void)sink;
	return (now_ns() - t) / chase_steps;
}

static double scan(char *mem)
{
	volatile uint64_t sink;
	uint64_t sum = 0;
	double t = now_ns();

	for (size_t off = 0; off < size; off += sizeof(uint64_t))
		sum += *(uint64_t *)(mem + off);
	sink = sum;
	(void)sink;
	return size / (now_ns() - t);	/* bytes per ns = GB/s */
}

/* One run of every metric for a backing; false if it cannot be had. */
static bool run_once(enum backing b, double m[NR_METRICS])
{
	long pt_before, faults;
	char *mem;
	double t;

	set_backing(b, THP_MADVISE);
	pt_before = meminfo_kb("PageTables");
	mem = map_backing(b, false);
	if (!mem)
		return false;
	faults = minor_faults();
	t = now_ns();
	touch(mem, size);
	m[TOUCH] = (now_ns() - t) / 1e6;
	m[FAULTS] = minor_faults() - faults;
	m[PGTBL] = (double)(meminfo_kb("PageTables") - pt_before) /
		   (size / SZ_1G);
	t = now_ns();
	memset(mem, 2, size);
	m[MEMSET] = (now_ns() - t) / 1e6;
	m[CHASE] = chase(mem);
	m[SCAN] = scan(mem);
	t = now_ns();
	if (mprotect(mem + psize(), psize(), PROT_READ))
		m[SPLIT] = -1;
	else
		m[SPLIT] = (now_ns() - t) / 1e3;
	munmap(mem, size);

	mem = map_backing(b, false);
	if (!mem)
		return false;
	t = now_ns();
	if (madvise(mem, size, MADV_POPULATE_WRITE))
		return false;
	m[MADV_POP] = (now_ns() - t) / 1e6;
	munmap(mem, size);

	/* MAP_POPULATE faults before any madvise(): the size at "always". */
	set_backing(b, THP_ALWAYS);
	t = now_ns();
	mem = map_backing(b, true);
	m[MAP_POP] = (now_ns() - t) / 1e6;
	if (!mem)
		return false;
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

	for (int b = 0; b < NR_BACKINGS; b++) {
		if (b == B_1G && !have_pud)
			continue;
		if (b == B_HUGETLB) {
			hugetlb_set_nr_pages(SZ_1G, size / SZ_1G);
			if (hugetlb_free_pages(SZ_1G) < size / SZ_1G)
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
			hugetlb_set_nr_pages(SZ_1G, 0);
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

static int write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t ret;

	if (fd < 0)
		return -1;
	ret = write(fd, val, strlen(val));
	close(fd);
	return ret == (ssize_t)strlen(val) ? 0 : -1;
}

/* ms for the first write fault in an aligned 1 GiB range; -1 if none. */
static double first_fault_1g(void)
{
	char *mem = aligned_hole(SZ_1G);
	double t;

	if (!mem || mmap(mem, SZ_1G, PROT_READ | PROT_WRITE, MAP_PRIVATE |
			 MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != mem)
		return -1;
	madvise(mem, SZ_1G, MADV_HUGEPAGE);
	t = now_ns();
	mem[0] = 1;
	t = (now_ns() - t) / 1e6;
	munmap(mem, SZ_1G);
	return t;
}

/* A memory cgroup limited to 512 MiB, entered; false if there is none. */
static bool enter_memcg(const char *dir, bool *enabled_memory)
{
	char path[128], pid[16], controllers[256] = "";
	int fd = open(CGROUP_ROOT "/cgroup.subtree_control", O_RDONLY);

	if (fd < 0)
		return false;
	if (read(fd, controllers, sizeof(controllers) - 1) < 0)
		controllers[0] = 0;
	close(fd);
	if (!strstr(controllers, "memory")) {
		if (write_str(CGROUP_ROOT "/cgroup.subtree_control", "+memory"))
			return false;
		*enabled_memory = true;
	}
	if (mkdir(dir, 0755) && errno != EEXIST)
		return false;
	snprintf(path, sizeof(path), "%s/memory.max", dir);
	if (write_str(path, "536870912"))
		return false;
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	snprintf(pid, sizeof(pid), "%d", getpid());
	return !write_str(path, pid);
}

static void leave_memcg(const char *dir, bool enabled_memory)
{
	char pid[16];

	snprintf(pid, sizeof(pid), "%d", getpid());
	write_str(CGROUP_ROOT "/cgroup.procs", pid);
	rmdir(dir);
	if (enabled_memory)
		write_str(CGROUP_ROOT "/cgroup.subtree_control", "-memory");
}

static void bench_fallback(void)
{
	enum { OFF, MAPPED, DEFRAG_NEVER, MEMCG, NR_CASES };
	static const char * const cases[NR_CASES] = {
		"1G disabled (2M THP)", "1G THP mapped", "1G, defrag never",
		"1G, memcg max 512M",
	};
	double v[NR_CASES][MAX_RUNS], med[NR_CASES];
	bool enabled_memory = false;
	char dir[64];

	snprintf(dir, sizeof(dir), CGROUP_ROOT "/thp_size_bench.%d", getpid());
	for (int r = 0; r < runs; r++) {
		set_thp(THP_MADVISE, THP_NEVER, THP_DEFRAG_MADVISE);
		v[OFF][r] = first_fault_1g();
		set_thp(THP_MADVISE, THP_MADVISE, THP_DEFRAG_MADVISE);
		v[MAPPED][r] = first_fault_1g();
		v[MEMCG][r] = -1;
		if (enter_memcg(dir, &enabled_memory))
			v[MEMCG][r] = first_fault_1g();
		leave_memcg(dir, enabled_memory);
		enabled_memory = false;
		set_thp(THP_MADVISE, THP_MADVISE, THP_DEFRAG_NEVER);
		v[DEFRAG_NEVER][r] = first_fault_1g();
	}
	printf("\n# first write fault in an aligned 1 GiB range\n");
	printf("%-24s %12s %8s\n", "case", "fault_ms", "ratio");
	for (int c = 0; c < NR_CASES; c++)
		med[c] = median(v[c], runs);
	for (int c = 0; c < NR_CASES; c++) {
		if (med[c] < 0 || med[OFF] <= 0)
			printf("%-24s %12s %8s  (not available)\n", cases[c], "-", "-");
		else
			printf("%-24s %12.3f %8.3f\n", cases[c], med[c],
			       med[c] / med[OFF]);
	}
}

int main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "g:r:c:")) != -1) {
		switch (c) {
		case 'g':
			size = strtoul(optarg, NULL, 0) * SZ_1G;
			break;
		case 'r':
			runs = atoi(optarg);
			break;
		case 'c':
			chase_steps = strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-g GiB] [-r runs] [-c steps]\n",
				argv[0]);
			return 2;
		}
	}
	if (!size || runs < 1 || runs > MAX_RUNS || !chase_steps) {
		fprintf(stderr, "bad arguments (1 <= runs <= %d)\n", MAX_RUNS);
		return 2;
	}
	if (!thp_available() || geteuid()) {
		fprintf(stderr, "needs THP and root\n");
		return 1;
	}
	have_pud = !access(PUD_DIR "/enabled", F_OK);
	/* Restores the THP and hugetlb knobs at exit, even on a signal. */
	hugepage_save_settings(true, true);
	print_machine();
	bench_backings();
	if (have_pud)
		bench_fallback();
	return 0;
}

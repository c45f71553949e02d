// SPDX-License-Identifier: GPL-2.0
/*
 * thp_frag_bench: what a 1 GiB THP size costs and gets when memory is not
 * clean.  Runs as root in a test guest, in one boot, memory in three states:
 *
 *   clean      after boot, caches dropped and memory compacted;
 *   movable    a 4 KiB page (anonymous, movable) left in every 2 MiB block
 *              of free memory, so that neither a 2 MiB nor a 1 GiB THP can
 *              be had without migration;
 *   pinned     the same, and in every 1 GiB range of memory one of those
 *              pages is held by a pipe (vmsplice()), so that no range can
 *              be freed by migration.
 *
 * In each state it populates N GiB of MADV_HUGEPAGE memory (defrag
 * "madvise", so the fault may migrate), 2 MiB at a time, twice: with the
 * 1 GiB size "never" (2 MiB THPs) and "madvise".  It prints one row per
 * run: populate time and its ratio to the 1 GiB-off run of the same state,
 * the first touch of each 1 GiB-aligned range (the first one, and the
 * median and maximum of the later ones, where a 1 GiB try happens), what
 * backed the range (from smaps_rollup), and the 1 GiB size's counters.
 *
 * It checks that each state is what its name says (pinned: a runtime 1 GiB
 * hugetlb allocation fails), and fails if the clean run with 1 GiB on did
 * not map every GiB with one PUD entry, or a run with 1 GiB off mapped one.
 * All THP knobs it touches are restored at exit, also on a signal.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <sys/uio.h>

#define PROG		"thp_frag_bench"
#include "bench_util.h"

#define MAX_RANGES	1024
#define CHUNK		4096	/* pagemap entries per read */

enum { ALLOC, FB_ALLOC, FB_CHARGE, FB_PGTABLE, FB_DEFERRED, SKIP_POP, NR_STATS };
static const char * const stat_names[NR_STATS] = {
	"anon_fault_alloc", "anon_fault_fallback_alloc",
	"anon_fault_fallback_charge", "anon_fault_fallback_pgtable",
	"anon_fault_fallback_deferred", "anon_fault_skip_populated",
};

struct row {
	const char *state;
	int pud;
	double populate, first, later_med, later_max;
	double pud_gib, thp_gib;
	long stat[NR_STATS];
};

/* Populate @gib GiB of MADV_HUGEPAGE memory 2 MiB at a time. */
static void populate(int gib, int pud, struct row *r)
{
	size_t len = gib * SZ_1G, steps = len / SZ_2M;
	long before[NR_STATS];
	double *lat, t;
	char *raw, *p;

	set_knob(KNOB_PUD, pud ? "madvise" : "never");
	raw = mmap(NULL, len + SZ_1G, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED)
		die("mmap");
	p = (char *)(((uintptr_t)raw + SZ_1G - 1) & ~(SZ_1G - 1));
	if (madvise(p, len, MADV_HUGEPAGE))
		die("MADV_HUGEPAGE");
	lat = calloc(steps, sizeof(*lat));
	for (int i = 0; i < NR_STATS; i++)
		before[i] = pud_stat(stat_names[i]);

	r->populate = now_ms();
	for (size_t i = 0; i < steps; i++) {
		t = now_ms();
		p[i * SZ_2M] = 1;
		lat[i] = now_ms() - t;
	}
	r->populate = now_ms() - r->populate;

	r->pud = pud;
	r->first = lat[0];
	/* The 1 GiB-aligned touches after the first. */
	for (int g = 1; g < gib; g++)
		lat[g - 1] = lat[g * (SZ_1G / SZ_2M)];
	qsort(lat, gib - 1, sizeof(*lat), cmp_double);
	r->later_med = gib > 1 ? lat[(gib - 1) / 2] : 0;
	r->later_max = gib > 1 ? lat[gib - 2] : 0;
	r->pud_gib = field_kb("/proc/self/smaps_rollup", "AnonPudMapped:") / 1048576.0;
	r->thp_gib = field_kb("/proc/self/smaps_rollup", "AnonHugePages:") / 1048576.0;
	for (int i = 0; i < NR_STATS; i++)
		r->stat[i] = pud_stat(stat_names[i]) - before[i];
	free(lat);
	munmap(raw, len + SZ_1G);
}

struct filler {
	char *mem;
	size_t len;
	int pipe[2];
};

/*
 * Fill free memory with small pages, then free all but one in every 2 MiB
 * block of memory (by PFN, from pagemap).  With @pin, one kept page in each
 * 1 GiB range is also spliced into a pipe, whose reference migration
 * cannot move.
 */
static void fragment(struct filler *f, int pin)
{
	static unsigned char kept_1g[MAX_RANGES];
	size_t pages, run = 0, nr_kept = 0, nr_pinned = 0;
	unsigned char *keep;
	uint64_t ent;
	int fd;

	memset(kept_1g, 0, sizeof(kept_1g));
	f->len = (field_kb("/proc/meminfo", "MemFree:") - 512 * 1024) * 1024;
	f->len &= ~(SZ_2M - 1);
	pages = f->len / 4096;
	f->mem = mmap(NULL, f->len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (f->mem == MAP_FAILED)
		die("mmap filler");
	if (madvise(f->mem, f->len, MADV_NOHUGEPAGE))
		die("MADV_NOHUGEPAGE");
	for (size_t i = 0; i < pages; i++)
		f->mem[i * 4096] = 1;

	keep = calloc(pages, 1);
	{
		static unsigned char seen_2m[1 << 23];	/* 16 TiB of PFNs */
		static uint64_t ents[CHUNK];

		memset(seen_2m, 0, sizeof(seen_2m));
		fd = open("/proc/self/pagemap", O_RDONLY);
		if (fd < 0)
			die("pagemap");
		for (size_t i = 0; i < pages; i++) {
			off_t base = (uintptr_t)f->mem / 4096 * 8;
			uint64_t pfn;

			if (i % CHUNK == 0) {
				size_t n = pages - i < CHUNK ? pages - i : CHUNK;

				if (pread(fd, ents, n * 8, base + i * 8) != (ssize_t)(n * 8))
					die("pagemap read");
			}
			ent = ents[i % CHUNK];
			if (!(ent >> 63))
				continue;
			pfn = ent & ((1ULL << 55) - 1);
			if (pfn >> 9 >= sizeof(seen_2m) * 8)
				continue;
			if (seen_2m[pfn >> 12] & (1 << (pfn >> 9 & 7)))
				continue;
			seen_2m[pfn >> 12] |= 1 << (pfn >> 9 & 7);
			keep[i] = 1;
			nr_kept++;
			if (pin && pfn >> 18 < MAX_RANGES && !kept_1g[pfn >> 18]) {
				kept_1g[pfn >> 18] = 1;
				keep[i] = 2;
			}
		}
		close(fd);
	}

	if (pin) {
		if (pipe(f->pipe))
			die("pipe");
		fcntl(f->pipe[1], F_SETPIPE_SZ, 1 << 20);
		for (size_t i = 0; i < pages; i++) {
			struct iovec iov = { f->mem + i * 4096, 4096 };

			if (keep[i] != 2)
				continue;
			if (vmsplice(f->pipe[1], &iov, 1, 0) != 4096)
				die("vmsplice");
			nr_pinned++;
		}
	}
	/* Free the runs of pages between the kept ones. */
	for (size_t i = 0; i <= pages; i++) {
		if (i < pages && !keep[i]) {
			run++;
			continue;
		}
		if (run && madvise(f->mem + (i - run) * 4096, run * 4096,
				   MADV_DONTNEED))
			die("MADV_DONTNEED");
		run = 0;
	}
	free(keep);
	printf("# %s: %zu MiB filled, %zu pages kept (one per 2 MiB block), %zu pinned\n",
	       pin ? "pinned" : "movable", f->len >> 20, nr_kept, nr_pinned);
}

static void unfragment(struct filler *f, int pin)
{
	if (pin) {
		close(f->pipe[0]);
		close(f->pipe[1]);
	}
	munmap(f->mem, f->len);
}

static void print_row(const struct row *r, const struct row *off)
{
	printf("%-8s %-5s %12.1f %7.3f %10.1f %12.1f %12.1f %7.3f %7.2f %7.2f",
	       r->state, r->pud ? "on" : "off", r->populate,
	       r->populate / off->populate, r->first, r->later_med,
	       r->later_max, off->later_med > 0 ? r->later_med / off->later_med : 0,
	       r->pud_gib, r->thp_gib);
	for (int i = 0; i < NR_STATS; i++)
		printf(" %8ld", r->stat[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	static const char * const states[] = { "clean", "movable", "pinned" };
	struct row rows[3][2];
	struct filler f;
	int gib = 3, opt, bad = 0;

	while ((opt = getopt(argc, argv, "g:")) != -1) {
		if (opt != 'g') {
			fprintf(stderr, "usage: %s [-g GiB]\n", argv[0]);
			return 2;
		}
		gib = atoi(optarg);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access(THP "/hugepages-1048576kB/enabled", F_OK)) {
		printf("# no 1 GiB THP size in this kernel\n");
		return 4;
	}
	guard_knobs();
	set_knob(KNOB_ENABLED, "madvise");
	set_knob(KNOB_DEFRAG, "madvise");
	set_knob(KNOB_PMD, "inherit");

	for (int s = 0; s < 3; s++) {
		write_file("/proc/sys/vm/drop_caches", "3");
		write_file("/proc/sys/vm/compact_memory", "1");
		if (s)
			fragment(&f, s == 2);
		if (s == 2 && hugetlb_1g_free() != 0) {
			printf("# pinned: a 1 GiB hugetlb page could still be allocated\n");
			bad = 1;
		}
		for (int pud = 0; pud < 2; pud++) {
			rows[s][pud].state = states[s];
			populate(gib, pud, &rows[s][pud]);
		}
		if (s)
			unfragment(&f, s == 2);
	}

	printf("\n# %d GiB populated 2 MiB at a time per run, defrag madvise, MADV_HUGEPAGE\n",
	       gib);
	printf("# touch_1G_*: first touch of a 1 GiB-aligned range, ms (later: the %d after the first)\n",
	       gib - 1);
	printf("%-8s %-5s %12s %7s %10s %12s %12s %7s %7s %7s %8s %8s %8s %8s %8s %8s\n",
	       "state", "1G", "populate_ms", "ratio", "touch_1st",
	       "touch_lt_med", "touch_lt_max", "lt_rat", "GiB_1G", "GiB_thp",
	       "1G_alloc", "fb_alloc", "fb_charg", "fb_pgtbl", "fb_defer",
	       "skip_pop");
	for (int s = 0; s < 3; s++)
		for (int pud = 0; pud < 2; pud++)
			print_row(&rows[s][pud], &rows[s][0]);

	for (int s = 0; s < 3; s++)
		if (rows[s][0].pud_gib > 0) {
			printf("# %s, 1G off: %.2f GiB mapped by PUD entries\n",
			       states[s], rows[s][0].pud_gib);
			bad = 1;
		}
	if (rows[0][1].pud_gib < gib) {
		printf("# clean, 1G on: only %.2f GiB of %d mapped by PUD entries\n",
		       rows[0][1].pud_gib, gib);
		bad = 1;
	}
	return bad;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * thp_demo: anonymous 1 GiB THPs at work, in one table.  The main job
 * (scripts/run.sh) runs it as root in its test guest.
 *
 * One aligned 1 GiB range per backing, with THP and defrag at "madvise":
 *   4 KiB       MADV_NOHUGEPAGE
 *   2 MiB THP   MADV_HUGEPAGE, the 1 GiB size "never"
 *   1 GiB THP   MADV_HUGEPAGE, the 1 GiB size "madvise"
 * It writes one byte in every 4 KiB page of the range and prints:
 *   faults      the minor faults that took (getrusage)
 *   touch_ms    how long it took, and vs_2M, its ratio to the 2 MiB row
 *   pgtbl_kB    PageTables in /proc/meminfo, after minus before (a 1 GiB
 *               THP keeps the tables a later split needs in reserve)
 *   PUD_mapped, 2M+_mapped
 *               how much of the range smaps_rollup shows mapped by 1 GiB
 *               entries (AnonPudMapped) and by 2 MiB or larger ones
 *               (AnonHugePages)
 *   after_mprotect
 *               how much stays mapped at 2 MiB or larger after
 *               mprotect(PROT_READ) of one 4 KiB page in the middle
 *   entry       the level of the page table entry that maps the range's
 *               first page in the kernel's page table dump (x86:
 *               /sys/kernel/debug/page_tables/current_kernel; "n/a" where
 *               there is none)
 *
 * Then an unmodified program's view: malloc() of MALLOC_GIB GiB with THP
 * and the 1 GiB size at "always", every 4 KiB page written once, and how
 * much of it smaps shows mapped by 1 GiB entries.  A kernel that places
 * such a mapping on a 1 GiB boundary gives all of it; without that, the
 * mapping holds one aligned GiB fewer.
 *
 * Then promotion in the background, with khugepaged's settings as they are
 * (the defaults in the main job's guest): a GiB written with MADV_HUGEPAGE
 * while the 1 GiB size is "never" (the 2 MiB THPs it gets are what a fault
 * gets when no 1 GiB range is free), then the size set to "madvise" (as a
 * range becoming free makes the GiB collapsible), and the time until smaps
 * shows the GiB mapped by a 1 GiB entry, polled every 100 ms; every page
 * is read back after.
 *
 * The 1 GiB row counts as mapped by one PUD entry only when the sources
 * agree: a single fault populated the whole GiB (a PMD entry maps 2 MiB per
 * fault), smaps_rollup shows all of it in AnonPudMapped, and the page table
 * dump, where the kernel has one, shows a "pud" entry.  Otherwise the
 * 1 GiB size's counters that moved during the row say why it fell back.
 *
 * Exit: 0 when the 1 GiB row got its PUD mapping, the malloc() at least
 * MALLOC_GIB - 1 GiB of PUD mappings, or less only because 1 GiB
 * allocations failed (their fallback counters say so), and khugepaged made
 * the 2 MiB GiB one PUD mapping (or found no free 1 GiB range, which a
 * 1 GiB fault under defrag "never" confirms); 4 (skip) on a kernel
 * without the 1 GiB THP size, or when the 1 GiB allocation fell back and a
 * runtime 1 GiB hugetlb allocation fails too (no free 1 GiB block now);
 * 1 otherwise.  The THP knobs are restored at exit and on SIGINT, SIGTERM
 * and SIGALRM (not on SIGKILL, which the guest harness's timeout sends).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/utsname.h>

#define PROG		"thp_demo"
#include "bench_util.h"

#define MAX_STATS	32
#define MALLOC_GIB	3
#define PROMOTE_WAIT_S	120

enum backing { B_4K, B_2M, B_1G, NR_BACKINGS };
static const char * const names[NR_BACKINGS] = {
	"4 KiB", "2 MiB THP", "1 GiB THP",
};

struct row {
	long faults;
	double touch_ms;
	long pgtbl_kb;
	long pud_kb, huge_kb;		/* after the touch */
	long split_huge_kb;		/* after the 4 KiB mprotect() */
	char entry[8];			/* page table dump level, after the touch */
};

struct stats {
	int nr;
	char name[MAX_STATS][256];
	long val[MAX_STATS];
};

static long rollup_kb(const char *key)
{
	long kb = field_kb("/proc/self/smaps_rollup", key);

	return kb < 0 ? 0 : kb;
}

/* The 1 GiB size's anon_fault_* and collapse_* counters. */
static void read_stats(struct stats *s)
{
	DIR *d = opendir(PUD_STATS);
	struct dirent *e;

	s->nr = 0;
	while (d && (e = readdir(d)) && s->nr < MAX_STATS) {
		if (strncmp(e->d_name, "anon_fault_", 11) &&
		    strncmp(e->d_name, "collapse_", 9))
			continue;
		snprintf(s->name[s->nr], sizeof(s->name[0]), "%s", e->d_name);
		s->val[s->nr++] = pud_stat(e->d_name);
	}
	if (d)
		closedir(d);
}

/* How far the counter @name moved from @a to @b (0 if either lacks it). */
static long delta(const struct stats *a, const struct stats *b,
		  const char *name)
{
	for (int i = 0; i < a->nr; i++)
		for (int j = 0; j < b->nr; j++)
			if (!strcmp(a->name[i], name) &&
			    !strcmp(b->name[j], name))
				return b->val[j] - a->val[i];
	return 0;
}

/*
 * The current process's page tables as x86 dumps them (without page table
 * isolation, "current_kernel" holds the user half as well).
 */
#define PTDUMP_CURRENT	"/sys/kernel/debug/page_tables/current_kernel"

/*
 * The level ("pte", "pmd", "pud") of the entry that maps @addr in the page
 * table dump of this process, or "n/a" without a dump.  x86's dump prints
 * one line per run of like entries: "0xSTART-0xEND  SIZE  FLAGS... LEVEL".
 */
static void ptdump_entry(const void *addr, char *level, size_t size)
{
	unsigned long a = (unsigned long)addr, start, end;
	char line[256], *last;
	FILE *fp = fopen(PTDUMP_CURRENT, "r");

	snprintf(level, size, "n/a");
	if (!fp)
		return;
	snprintf(level, size, "none");
	while (fgets(line, sizeof(line), fp)) {
		if (sscanf(line, "0x%lx-0x%lx", &start, &end) != 2 ||
		    a < start || a >= end)
			continue;
		line[strcspn(line, "\n")] = '\0';
		last = strrchr(line, ' ');
		if (last && (strstr(line, " RW ") || strstr(line, " ro ")))
			snprintf(level, size, "%s", last + 1);
		break;
	}
	fclose(fp);
}

/* An aligned 1 GiB anonymous range, a VMA of its own, given @advice. */
static char *map_gib(int advice)
{
	char *raw, *p;

	raw = mmap(NULL, 2 * SZ_1G, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw == MAP_FAILED)
		die("mmap");
	p = (char *)(((uintptr_t)raw + SZ_1G - 1) & ~(SZ_1G - 1));
	if (p > raw)
		munmap(raw, p - raw);
	munmap(p + SZ_1G, raw + SZ_1G - p);
	if (madvise(p, SZ_1G, advice))
		die("madvise");
	return p;
}

static void run(enum backing b, bool have_pud, struct row *r)
{
	long pt, faults;
	double t;
	char *p;

	if (have_pud)
		set_knob(KNOB_PUD, b == B_1G ? "madvise" : "never");
	pt = page_tables_kb();
	p = map_gib(b == B_4K ? MADV_NOHUGEPAGE : MADV_HUGEPAGE);
	faults = minor_faults();
	t = now_ms();
	for (size_t off = 0; off < SZ_1G; off += 4096)
		p[off] = 1;
	r->touch_ms = now_ms() - t;
	r->faults = minor_faults() - faults;
	r->pgtbl_kb = page_tables_kb() - pt;
	r->pud_kb = rollup_kb("AnonPudMapped:");
	r->huge_kb = rollup_kb("AnonHugePages:");
	ptdump_entry(p, r->entry, sizeof(r->entry));
	if (mprotect(p + SZ_1G / 2, 4096, PROT_READ))
		die("mprotect");
	r->split_huge_kb = rollup_kb("AnonHugePages:");
	munmap(p, SZ_1G);
}

/*
 * malloc(MALLOC_GIB GiB) as any program does it, with THP and the 1 GiB size
 * at "always"; every page written once.  How much of it is PUD-mapped (kB),
 * and where malloc() put it in its GiB (its header precedes it).
 */
static long run_malloc(unsigned long *offset)
{
	size_t len = MALLOC_GIB * SZ_1G;
	char *p;
	long kb;

	set_knob(KNOB_ENABLED, "always");
	set_knob(KNOB_PUD, "always");
	p = malloc(len);
	if (!p)
		die("malloc");
	for (size_t off = 0; off < len; off += 4096)
		p[off] = 1;
	kb = rollup_kb("AnonPudMapped:");
	*offset = (uintptr_t)p & (SZ_1G - 1);
	free(p);
	return kb;
}

/*
 * Is a 1 GiB range free now?  khugepaged takes only a free one, as a
 * fault under defrag "never" does (no direct reclaim: the range
 * allocator's first tier alone): such a fault is the independent check.
 */
static bool free_range_now(void)
{
	bool got;
	char *p;

	set_knob(KNOB_DEFRAG, "never");
	set_knob(KNOB_PUD, "madvise");
	p = map_gib(MADV_HUGEPAGE);
	p[0] = 1;
	got = vma_field_kb(p, "AnonPudMapped:") == (long)(SZ_1G >> 10);
	munmap(p, SZ_1G);
	set_knob(KNOB_DEFRAG, "madvise");
	return got;
}

/*
 * Seconds from the GiB of 2 MiB THPs becoming collapsible to its being
 * PUD-mapped, -1 if it was not within PROMOTE_WAIT_S, -2 if it did not get
 * 2 MiB THPs, -3 if a page lost its byte.  When it was not, *free_range
 * says whether a 1 GiB range was free then, asked before the GiB is
 * unmapped: freeing 512 2 MiB blocks can itself make a free range.
 */
static double run_promotion(bool *free_range)
{
	double t0, secs = -1;
	char *p;

	*free_range = false;
	set_knob(KNOB_ENABLED, "madvise");
	set_knob(KNOB_PUD, "never");
	p = map_gib(MADV_HUGEPAGE);
	for (size_t off = 0; off < SZ_1G; off += 4096)
		p[off] = 1;
	if (vma_field_kb(p, "AnonHugePages:") != (long)(SZ_1G >> 10) ||
	    vma_field_kb(p, "AnonPudMapped:") != 0) {
		munmap(p, SZ_1G);
		return -2;
	}
	set_knob(KNOB_PUD, "madvise");
	t0 = now_ms();
	while (now_ms() - t0 < PROMOTE_WAIT_S * 1000.0) {
		if (vma_field_kb(p, "AnonPudMapped:") == (long)(SZ_1G >> 10)) {
			secs = (now_ms() - t0) / 1000;
			break;
		}
		usleep(100 * 1000);
	}
	*free_range = secs < 0 && free_range_now();
	for (size_t off = 0; off < SZ_1G; off += 4096)
		if (p[off] != 1 || p[off + 1] != 0)
			secs = -3;
	munmap(p, SZ_1G);
	return secs;
}

static double pct(long kb)
{
	return 100.0 * kb / (SZ_1G >> 10);
}

int main(void)
{
	struct row rows[NR_BACKINGS];
	struct stats before, after, m_before, m_after, p_before, p_after;
	bool have_pud, one_pud, dump, malloc_ok, promote_ok, free_range;
	double promote_s;
	unsigned long m_offset;
	long m_kb;
	struct utsname u;

	have_pud = access(knobs[KNOB_PUD], W_OK) == 0;
	guard_knobs();
	set_knob(KNOB_ENABLED, "madvise");
	set_knob(KNOB_DEFRAG, "madvise");
	set_knob(KNOB_PMD, "inherit");

	uname(&u);
	printf("Anonymous memory, one aligned 1 GiB range per backing (%s, kernel %s)\n\n",
	       u.machine, u.release);
	for (int b = 0; b < NR_BACKINGS; b++) {
		if (b == B_1G && !have_pud)
			break;
		if (b == B_1G)
			read_stats(&before);
		run(b, have_pud, &rows[b]);
		if (b == B_1G)
			read_stats(&after);
	}

	printf("%-10s %7s %9s %6s %9s %11s %11s %15s %6s\n", "backing",
	       "faults", "touch_ms", "vs_2M", "pgtbl_kB", "PUD_mapped",
	       "2M+_mapped", "after_mprotect", "entry");
	for (int b = 0; b < NR_BACKINGS; b++) {
		struct row *r = &rows[b];

		if (b == B_1G && !have_pud) {
			printf("%-10s  (this kernel has no 1 GiB THP size)\n",
			       names[b]);
			break;
		}
		printf("%-10s %7ld %9.1f %6.2f %9ld %10.1f%% %10.1f%% %14.1f%% %6s\n",
		       names[b], r->faults, r->touch_ms,
		       r->touch_ms / rows[B_2M].touch_ms, r->pgtbl_kb,
		       pct(r->pud_kb), pct(r->huge_kb), pct(r->split_huge_kb),
		       r->entry);
	}
	printf("\nfaults: page faults taken writing every 4 KiB page once; touch_ms: how\n"
	       "long that took, vs_2M: as a ratio to 2 MiB THP; pgtbl_kB: page-table\n"
	       "memory for the GiB; PUD_mapped, 2M+_mapped: how much of it smaps shows\n"
	       "mapped by 1 GiB entries, by 2 MiB or larger ones; after_mprotect: how\n"
	       "much stays mapped at 2 MiB or larger after mprotect() of one 4 KiB page;\n"
	       "entry: the page table level that maps its first page in the kernel's\n"
	       "page table dump (n/a: this kernel or architecture has none).\n");
	printf("\n");
	if (!have_pud)
		return 4;

	read_stats(&m_before);
	m_kb = run_malloc(&m_offset);
	read_stats(&m_after);
	malloc_ok = m_kb >= (long)((MALLOC_GIB - 1) * SZ_1G >> 10);
	printf("malloc(%d GiB), THP and the 1 GiB size at \"always\": %ld MiB of it mapped by 1 GiB entries (%s %d GiB; it starts %lu bytes into a GiB)\n",
	       MALLOC_GIB, m_kb >> 10, malloc_ok ? "ok: at least" : "NOT the expected", MALLOC_GIB - 1,
	       m_offset);
	if (!malloc_ok && (delta(&m_before, &m_after, "anon_fault_fallback_alloc") ||
			   delta(&m_before, &m_after, "anon_fault_fallback_deferred"))) {
		printf("(1 GiB allocations failed for want of a free block: not a failure)\n");
		malloc_ok = true;
	}

	read_stats(&p_before);
	promote_s = run_promotion(&free_range);
	read_stats(&p_after);
	printf("khugepaged (scan_sleep_millisecs %ld, pages_to_scan %ld, max_ptes_none %ld): a GiB of 2 MiB THPs ",
	       file_long(THP "/khugepaged/scan_sleep_millisecs"),
	       file_long(THP "/khugepaged/pages_to_scan"),
	       file_long(THP "/khugepaged/max_ptes_none"));
	promote_ok = promote_s >= 0 &&
		     delta(&p_before, &p_after, "collapse_alloc") == 1;
	if (promote_s >= 0)
		printf("mapped by a 1 GiB entry %.1f s after the size was enabled (collapse_alloc +%ld, every page kept)\n",
		       promote_s, delta(&p_before, &p_after, "collapse_alloc"));
	else if (promote_s == -2)
		printf("NOT made: the GiB did not get 2 MiB THPs\n");
	else if (promote_s == -3)
		printf("LOST data: a page does not read back\n");
	else
		printf("NOT mapped by a 1 GiB entry within %d s (collapse_alloc +%ld, collapse_alloc_failed +%ld)\n",
		       PROMOTE_WAIT_S, delta(&p_before, &p_after, "collapse_alloc"),
		       delta(&p_before, &p_after, "collapse_alloc_failed"));
	/*
	 * No free 1 GiB range for khugepaged, which does not migrate for one
	 * (memory after the suite's tests, say), is no failure of the kernel.
	 */
	if (promote_s == -1 && delta(&p_before, &p_after, "collapse_alloc_failed") &&
	    !delta(&p_before, &p_after, "collapse_alloc")) {
		promote_ok = !free_range;
		printf("(%s)\n", promote_ok ?
		       "no free 1 GiB range: a fault under defrag \"never\" fell back too; not a failure" :
		       "but a fault under defrag \"never\" got a free 1 GiB range");
	}
	printf("\n");

	dump = strcmp(rows[B_1G].entry, "n/a") != 0;
	one_pud = rows[B_1G].faults == 1 &&
		  rows[B_1G].pud_kb == (long)(SZ_1G >> 10) &&
		  (!dump || !strcmp(rows[B_1G].entry, "pud"));
	if (one_pud)
		printf("1 GiB THP: mapped by one PUD entry (one fault populated the whole GiB, smaps shows AnonPudMapped %ld kB%s)\n",
		       rows[B_1G].pud_kb,
		       dump ? ", and the page table dump a pud entry" : "");
	else
		printf("1 GiB THP: NOT mapped by one PUD entry (%ld faults, AnonPudMapped %ld kB, page table dump: %s)\n",
		       rows[B_1G].faults, rows[B_1G].pud_kb,
		       rows[B_1G].entry);
	printf("1 GiB size counters that moved during its row:");
	for (int i = 0; i < after.nr; i++)
		if (delta(&before, &after, after.name[i]))
			printf(" %s +%ld", after.name[i],
			       delta(&before, &after, after.name[i]));
	printf("\n");
	if (one_pud && malloc_ok && promote_ok)
		return 0;
	/* No 1 GiB block free (an allocation fell back, and hugetlb agrees). */
	if ((delta(&before, &after, "anon_fault_fallback_alloc") ||
	     delta(&m_before, &m_after, "anon_fault_fallback_alloc")) &&
	    hugetlb_1g_free() == 0) {
		printf("no free 1 GiB block in memory now: a 1 GiB hugetlb allocation failed too\n");
		return 4;
	}
	return 1;
}

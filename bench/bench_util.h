/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the project's guest programs (thp_frag_bench, thp_demo,
 * thp_size_bench) share: sysfs and procfs files, the THP knobs they change
 * and restore, timing.
 * Each program defines PROG (its name, for messages) before including this.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

#define THP		"/sys/kernel/mm/transparent_hugepage"
#define PUD_STATS	THP "/hugepages-1048576kB/stats/"
#define HUGETLB_1G	"/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages"
#define SZ_2M		(2UL << 20)
#define SZ_1G		(1UL << 30)

#define MAX_KNOBS	32

/*
 * The knobs a program may change; restore_knobs() puts them back.  These
 * four are saved by guard_knobs(), any other by add_knob().
 */
enum { KNOB_ENABLED, KNOB_DEFRAG, KNOB_PMD, KNOB_PUD, NR_KNOBS };
static const char *knobs[MAX_KNOBS] = {
	THP "/enabled", THP "/defrag", THP "/hugepages-2048kB/enabled",
	THP "/hugepages-1048576kB/enabled",
};
static int nr_knobs = NR_KNOBS;
static char saved[MAX_KNOBS][64];
static int nr_saved;
static long hugetlb_saved = -1;	/* the 1 GiB hugetlb pool while resized */
/* A program's own undo step (a cgroup, say), run first by restore_knobs(). */
static void (*undo_hook)(void);

static inline int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static inline int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static inline void die(const char *what)
{
	fprintf(stderr, PROG ": %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A file that holds one number, or -1. */
static inline long file_long(const char *path)
{
	char buf[64];

	return read_file(path, buf, sizeof(buf)) ? -1 : atol(buf);
}

/*
 * Save the value of knob @i: the selected word of a "[a] b c" knob, or the
 * first line of one that holds a number.  Nothing if this kernel has no
 * such knob (a kernel without the 1 GiB size); set_knob() fails on it.
 */
static inline void save_knob(int i)
{
	char buf[256], *v, *end;

	saved[i][0] = '\0';
	if (read_file(knobs[i], buf, sizeof(buf)))
		return;
	v = strchr(buf, '[');
	if (v) {
		end = strchr(++v, ']');
		if (!end)
			die("knob format");
	} else {
		v = buf;
		end = v + strcspn(v, "\n");
	}
	*end = '\0';
	snprintf(saved[i], sizeof(saved[0]), "%.*s", (int)sizeof(saved[0]) - 1, v);
}

static inline void save_knobs(void)
{
	for (int i = 0; i < NR_KNOBS; i++)
		save_knob(i);
	nr_saved = NR_KNOBS;
}

/* Save one more knob, @path, for restore_knobs(); its index for set_knob(). */
static inline int add_knob(const char *path)
{
	int i = nr_knobs;

	if (i == MAX_KNOBS) {
		fprintf(stderr, PROG ": more than %d knobs\n", MAX_KNOBS);
		exit(1);
	}
	knobs[i] = strdup(path);
	if (!knobs[i])
		die("strdup");
	save_knob(i);
	nr_knobs = i + 1;
	nr_saved = nr_knobs;
	return i;
}

static inline void restore_hugetlb(void)
{
	char buf[32];

	if (hugetlb_saved < 0)
		return;
	snprintf(buf, sizeof(buf), "%ld", hugetlb_saved);
	write_file(HUGETLB_1G, buf);
	hugetlb_saved = -1;
}

static inline void restore_knobs(void)
{
	if (undo_hook)
		undo_hook();
	for (int i = 0; i < nr_saved; i++)
		if (saved[i][0])
			write_file(knobs[i], saved[i]);
	restore_hugetlb();
}

/*
 * Resize the 1 GiB hugetlb pool to @nr pages; restore_hugetlb() (or the
 * exit) puts back the size it had before the first resize.  Returns the
 * pages the pool has then (0 if that cannot be read), or -1 where there is
 * no 1 GiB hugetlb size or the pool cannot be resized.
 */
static inline long set_hugetlb_1g(long nr)
{
	long cur = file_long(HUGETLB_1G);
	char buf[32];

	if (cur < 0)
		return -1;
	if (hugetlb_saved < 0)
		hugetlb_saved = cur;
	snprintf(buf, sizeof(buf), "%ld", nr);
	if (write_file(HUGETLB_1G, buf))
		return -1;
	cur = file_long(HUGETLB_1G);
	return cur < 0 ? 0 : cur;
}

/*
 * Whether a free 1 GiB block exists now, asked independently of THP: one
 * more runtime 1 GiB hugetlb page is allocated and freed again.  -1 where
 * there is no 1 GiB hugetlb size.
 */
static inline int hugetlb_1g_free(void)
{
	long nr = file_long(HUGETLB_1G), got;

	if (nr < 0)
		return -1;
	got = set_hugetlb_1g(nr + 1);
	restore_hugetlb();
	return got < 0 ? -1 : got == nr + 1;
}

static inline void on_signal(int sig)
{
	restore_knobs();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Save the knobs and restore them at exit, also on a fatal signal. */
static inline void guard_knobs(void)
{
	save_knobs();
	atexit(restore_knobs);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGALRM, on_signal);
}

static inline void set_knob(int i, const char *val)
{
	if (write_file(knobs[i], val))
		die(knobs[i]);
}

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A "Key:   value kB" field of @path, or -1. */
static inline long field_kb(const char *path, const char *key)
{
	char line[256];
	long val = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key))) {
			val = strtol(line + strlen(key), NULL, 10);
			break;
		}
	fclose(f);
	return val;
}

/*
 * A "Key:   value kB" field of the mapping (VMA) that holds @addr, from
 * /proc/self/smaps, or -1.
 */
static inline long vma_field_kb(const void *addr, const char *key)
{
	unsigned long start, end, a = (uintptr_t)addr;
	char line[512];
	long val = -1;
	int in = 0;
	FILE *f = fopen("/proc/self/smaps", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		/* A mapping's first line: "start-end perms ..." */
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2) {
			if (in)
				break;
			in = start <= a && a < end;
		} else if (in && !strncmp(line, key, strlen(key))) {
			val = strtol(line + strlen(key), NULL, 10);
			break;
		}
	}
	fclose(f);
	return val;
}

/* A counter in the 1 GiB size's stats directory, or -1. */
static inline long pud_stat(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), PUD_STATS "%s", name);
	return file_long(path);
}

static inline long minor_faults(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		die("getrusage");
	return ru.ru_minflt;
}

/* PageTables once two reads 100 ms apart agree (tables freed after RCU). */
static inline long page_tables_kb(void)
{
	long prev = -2, cur = field_kb("/proc/meminfo", "PageTables:");

	for (int i = 0; i < 20 && cur != prev; i++) {
		usleep(100 * 1000);
		prev = cur;
		cur = field_kb("/proc/meminfo", "PageTables:");
	}
	return cur;
}

/* For qsort() of doubles, ascending. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the project's guest programs (thp_frag_bench, thp_demo) share:
 * sysfs and procfs files, the THP knobs they change and restore, timing.
 * Each program defines PROG (its name, for messages) before including this.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define THP		"/sys/kernel/mm/transparent_hugepage"
#define PUD_STATS	THP "/hugepages-1048576kB/stats/"
#define HUGETLB_1G	"/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages"
#define SZ_2M		(2UL << 20)
#define SZ_1G		(1UL << 30)

/* The knobs a program may change; restore_knobs() puts them back. */
enum { KNOB_ENABLED, KNOB_DEFRAG, KNOB_PMD, KNOB_PUD, NR_KNOBS };
static const char * const knobs[NR_KNOBS] = {
	THP "/enabled", THP "/defrag", THP "/hugepages-2048kB/enabled",
	THP "/hugepages-1048576kB/enabled",
};
static char saved[NR_KNOBS][64];
static int nr_saved;
static long hugetlb_saved = -1;	/* the 1 GiB hugetlb pool during a probe */

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

/*
 * Save the selected value of each "[a] b c" knob this kernel has (a kernel
 * without the 1 GiB size has no knob for it; set_knob() fails on it).
 */
static inline void save_knobs(void)
{
	char buf[256], *l, *r;

	for (int i = 0; i < NR_KNOBS; i++) {
		saved[i][0] = '\0';
		if (read_file(knobs[i], buf, sizeof(buf)))
			continue;
		l = strchr(buf, '[');
		r = l ? strchr(l, ']') : NULL;
		if (!r)
			die("knob format");
		*r = '\0';
		snprintf(saved[i], sizeof(saved[0]), "%s", l + 1);
	}
	nr_saved = NR_KNOBS;
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
	for (int i = 0; i < nr_saved; i++)
		if (saved[i][0])
			write_file(knobs[i], saved[i]);
	restore_hugetlb();
}

/*
 * Whether a free 1 GiB block exists now, asked independently of THP: one
 * more runtime 1 GiB hugetlb page is allocated and freed again.  -1 where
 * there is no 1 GiB hugetlb size.
 */
static inline int hugetlb_1g_free(void)
{
	char buf[32];
	int got;

	if (read_file(HUGETLB_1G, buf, sizeof(buf)))
		return -1;
	hugetlb_saved = atol(buf);
	snprintf(buf, sizeof(buf), "%ld", hugetlb_saved + 1);
	if (write_file(HUGETLB_1G, buf)) {
		hugetlb_saved = -1;
		return -1;
	}
	got = !read_file(HUGETLB_1G, buf, sizeof(buf)) &&
	      atol(buf) == hugetlb_saved + 1;
	restore_hugetlb();
	return got;
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

/* A counter in the 1 GiB size's stats directory, or -1. */
static inline long pud_stat(const char *name)
{
	char path[256], buf[64];

	snprintf(path, sizeof(path), PUD_STATS "%s", name);
	return read_file(path, buf, sizeof(buf)) ? -1 : atol(buf);
}

#endif

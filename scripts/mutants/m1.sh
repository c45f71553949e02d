#!/bin/sh
# M1: a kernel that never hands out 1 GiB: alloc_anon_pud_page() fails
# every time with reason "alloc".  Every PUD test program must fail, not
# skip (issue 23).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
	if (nid < 0)
		nid = numa_node_id();
	/*
	 * As for a PMD-sized THP, a fault that may not reclaim takes memory of
----
	*reason = MTHP_STAT_ANON_FAULT_FALLBACK_ALLOC;
	return NULL;
	if (nid < 0)
		nid = numa_node_id();
	/*
	 * As for a PMD-sized THP, a fault that may not reclaim takes memory of
EOF
git diff --stat

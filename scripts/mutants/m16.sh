#!/bin/sh
# M16: PAGEMAP_SCAN with PM_SCAN_WP_MATCHING splits a PUD-mapped THP whose
# categories match nothing (review of issue 22's fix).  pud_thp's
# pagemap_scan_written must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" fs/proc/task_mmu.c <<'EOF'
	if (!pagemap_scan_is_interesting_page(categories, p))
		goto out;
----
	if (!pagemap_scan_is_interesting_page(categories, p) &&
	    !(p->arg.flags & PM_SCAN_WP_MATCHING))
		goto out;
EOF
git diff --stat

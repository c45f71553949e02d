#!/bin/sh
# M16: PAGEMAP_SCAN with PM_SCAN_WP_MATCHING splits a PUD-mapped THP whose
# categories match nothing (review of issue 22's fix).  pud_thp's
# pagemap_scan_written must fail.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'fs/proc/task_mmu.c'
s = open(p).read()
a = "	if (!pagemap_scan_is_interesting_page(categories, p))\n		goto out;\n"
assert s.count(a) == 1
s = s.replace(a, "	if (!pagemap_scan_is_interesting_page(categories, p) &&\n	    !(p->arg.flags & PM_SCAN_WP_MATCHING))\n		goto out;\n")
open(p, 'w').write(s)
PY
git diff --stat

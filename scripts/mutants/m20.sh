#!/bin/sh
# M20: khugepaged never tries to collapse a GiB into a PUD-sized THP (the
# series before patch 33).  pud_thp's khugepaged_collapses_split_range,
# khugepaged_collapses_pmd_thps_into_pud, khugepaged_collapses_read_first_range
# and khugepaged_promotes_after_memory_freed must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/khugepaged.c <<'EOF2'
	ret = collapse_anon_pud(mm, addr, TVA_KHUGEPAGED, &lock_dropped);
----
	ret = 0;
EOF2
git diff --stat

#!/bin/sh
# M21: khugepaged's PUD collapse ignores max_ptes_none (as MADV_COLLAPSE
# does), so a GiB with a 2 MiB hole is collapsed under max_ptes_none 0.
# pud_thp's khugepaged_collapses_pmd_thps_into_pud must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
		pc.max_none = min(READ_ONCE(khugepaged_max_ptes_none),
				  PTRS_PER_PMD - 1);
----
		pc.max_none = PTRS_PER_PMD - 1;
EOF2
git diff --stat

#!/bin/sh
# M15: MADV_COLD has no PUD handler again: the walk splits a PUD-mapped THP
# into PMD-mapped THPs to deactivate them (issue 22).  pud_thp's madv_cold
# must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/madvise.c <<'EOF'
	.pud_entry = madvise_cold_or_pageout_pud_entry,
----
EOF
git diff --stat

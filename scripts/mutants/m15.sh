#!/bin/sh
# M15: MADV_COLD has no PUD handler again: the walk splits a PUD-mapped THP
# into PMD-mapped THPs to deactivate them (issue 22).  pud_thp's madv_cold
# must fail.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/madvise.c'
s = open(p).read()
a = "	.pud_entry = madvise_cold_or_pageout_pud_entry,\n"
assert s.count(a) == 1
s = s.replace(a, "")
open(p, 'w').write(s)
PY
git diff --stat

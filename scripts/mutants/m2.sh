#!/bin/sh
# M2: the split of a PUD-mapped THP into PMD-mapped THPs flips one bit of
# the second word of one page (piece 3, page 5).  Every program that
# splits a PUD mapping and checks the data must fail (issue 23).
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/huge_memory.c'
s = open(p).read()
a = "		goto restore;\n	}\n	local_irq_enable();\n\n	write = pud_write(old_pud);\n"
assert s.count(a) == 1
s = s.replace(a, "		goto restore;\n	}\n	local_irq_enable();\n	((unsigned long *)page_address(page + 3 * HPAGE_PMD_NR + 5))[1] ^= 1;\n\n	write = pud_write(old_pud);\n")
open(p, 'w').write(s)
PY
git diff --stat

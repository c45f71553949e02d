#!/bin/sh
# M14: PAGEMAP_SCAN does not count a PUD leaf in a userfaultfd-wp range as
# written (issue 22).  pud_thp's pagemap_scan_written must fail.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'fs/proc/task_mmu.c'
s = open(p).read()
a = "	if (userfaultfd_wp(vma))\n		categories |= PAGE_IS_WRITTEN;\n	if (userfaultfd_rwp(vma))\n		categories |= PAGE_IS_ACCESSED;\n	if (p->masks_of_interest & PAGE_IS_FILE) {\n		page = vm_normal_page_pud("
assert s.count(a) == 1
s = s.replace(a, "	if (p->masks_of_interest & PAGE_IS_FILE) {\n		page = vm_normal_page_pud(")
open(p, 'w').write(s)
PY
git diff --stat

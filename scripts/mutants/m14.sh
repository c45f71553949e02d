#!/bin/sh
# M14: PAGEMAP_SCAN does not count a PUD leaf in a userfaultfd-wp range as
# written (issue 22).  pud_thp's pagemap_scan_written must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" fs/proc/task_mmu.c <<'EOF'
	if (userfaultfd_wp(vma))
		categories |= PAGE_IS_WRITTEN;
	if (userfaultfd_rwp(vma))
		categories |= PAGE_IS_ACCESSED;
	if (p->masks_of_interest & PAGE_IS_FILE) {
		page = vm_normal_page_pud(vma, start, *pud);
----
	if (p->masks_of_interest & PAGE_IS_FILE) {
		page = vm_normal_page_pud(vma, start, *pud);
EOF
git diff --stat

#!/bin/sh
# M6: the v1 accounting in the v2 code: a skipped size counts a fallback
# too, and faults in userfaultfd-armed VMAs count their skips.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
	if (userfaultfd_armed(vmf->vma))
		return;
	count_mthp_stat(order, reason);
	trace_anon_fault_skip(vmf->vma->vm_mm, vmf->address, order, reason);
----
	count_mthp_stat(order, MTHP_STAT_ANON_FAULT_FALLBACK);
	count_mthp_stat(order, reason);
	trace_anon_fault_skip(vmf->vma->vm_mm, vmf->address, order, reason);
EOF
git diff --stat

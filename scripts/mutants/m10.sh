#!/bin/sh
# M10: mprotect() back to PROT_READ|PROT_WRITE leaves an exclusive PUD-mapped
# THP read-only (change_huge_pud() ignores MM_CP_TRY_CHANGE_WRITABLE), so the
# next write takes a fault.  pud_thp's writable_without_fault must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
	if ((cp_flags & MM_CP_TRY_CHANGE_WRITABLE) && !pud_write(entry) &&
	    can_change_pud_writable(vma, addr, entry))
----
	if (0 && (cp_flags & MM_CP_TRY_CHANGE_WRITABLE) && !pud_write(entry) &&
	    can_change_pud_writable(vma, addr, entry))
EOF
git diff --stat

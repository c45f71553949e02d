#!/bin/sh
# M10: mprotect() back to PROT_READ|PROT_WRITE leaves an exclusive PUD-mapped
# THP read-only (change_huge_pud() ignores MM_CP_TRY_CHANGE_WRITABLE), so the
# next write takes a fault.  pud_thp's writable_without_fault must fail.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/huge_memory.c'
s = open(p).read()
a = """	if ((cp_flags & MM_CP_TRY_CHANGE_WRITABLE) && !pud_write(entry) &&
	    can_change_pud_writable(vma, addr, entry))"""
assert s.count(a) == 1
s = s.replace(a, """	if (0 && (cp_flags & MM_CP_TRY_CHANGE_WRITABLE) && !pud_write(entry) &&
	    can_change_pud_writable(vma, addr, entry))""")
open(p, 'w').write(s)
PY
git diff --stat

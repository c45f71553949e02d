#!/bin/sh
# M6: the v1 accounting in the v2 code: a skipped size counts a fallback
# too, and faults in userfaultfd-armed VMAs count their skips.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/huge_memory.c'
s = open(p).read()
a = """	if (userfaultfd_armed(vmf->vma))
		return;
	count_mthp_stat(order, reason);
	trace_anon_fault_skip("""
assert s.count(a) == 1
s = s.replace(a, """	count_mthp_stat(order, MTHP_STAT_ANON_FAULT_FALLBACK);
	count_mthp_stat(order, reason);
	trace_anon_fault_skip(""")
open(p, 'w').write(s)
PY
git diff --stat

#!/bin/sh
# M9: the PUD allocation backoff by time only: no count of deferred
# faults, only the window (5 s after a first failure) ends it.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/huge_memory.c'
s = open(p).read()
a = """	if (!time_before(jiffies, READ_ONCE(b->until)) &&
	    deferred >= 1U << shift)
		return false;
"""
assert s.count(a) == 1
s = s.replace(a, """	if (!time_before(jiffies, READ_ONCE(b->until)))
		return false;
""")
open(p, 'w').write(s)
PY
git diff --stat

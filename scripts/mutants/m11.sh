#!/bin/sh
# M11: the PUD allocation backoff by count only: once 2^shift faults were
# deferred the migrating tier is tried again, however young the window.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/huge_memory.c'
s = open(p).read()
a = """	return shift && time_before(jiffies, until);
"""
assert s.count(a) == 1
s = s.replace(a, """	return shift && deferred < 1U << shift;
""")
open(p, 'w').write(s)
PY
git diff --stat

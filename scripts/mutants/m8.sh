#!/bin/sh
# M8: the PUD allocation backoff ignores memory freed: only its window and
# count of deferred faults (or a success) end it.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/huge_memory.c'
s = open(p).read()
a = """		if (deferred < 1U << shift &&
		    pud_alloc_free_pages(nid) < READ_ONCE(b->free) + HPAGE_PUD_NR)
"""
assert s.count(a) == 1
s = s.replace(a, """		if (deferred < 1U << shift)
""")
open(p, 'w').write(s)
PY
git diff --stat

#!/bin/sh
# M8: the PUD allocation backoff ignores memory freed: only its window and
# count (or a success) end it.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/huge_memory.c'
s = open(p).read()
a = """	if (!shift || sum_zone_node_page_state(nid, NR_FREE_PAGES) >=
		      READ_ONCE(b->free) + HPAGE_PUD_NR)
		return false;
"""
assert s.count(a) == 1
s = s.replace(a, """	if (!shift)
		return false;
""")
open(p, 'w').write(s)
PY
git diff --stat

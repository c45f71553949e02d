#!/bin/sh
# M8: the PUD allocation backoff ignores memory freed: only its window and
# count of deferred faults (or a success) end it.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
		if (deferred < 1U << shift &&
		    pud_alloc_free_pages(nid) < READ_ONCE(b->free) + HPAGE_PUD_NR)
----
		if (deferred < 1U << shift)
EOF
git diff --stat

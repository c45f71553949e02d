#!/bin/sh
# M9: the PUD allocation backoff by time only: no count of deferred
# faults, the window (5 s after a first failure) alone ends it.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
		if (deferred < 1U << shift &&
		    pud_alloc_free_pages(nid) < READ_ONCE(b->free) + HPAGE_PUD_NR)
			until += PUD_ALLOC_DEFER_MIN << (shift - 1);
----
EOF
git diff --stat

#!/bin/sh
# M25: reclaim and migration split a PUD-sized THP to small pages, as
# before session 20.  pud_unfaulted.reclaim_to_swap and (with two NUMA
# nodes) pud_thp.move_pages_to_other_node must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/internal.h <<'EOF2'
	return folio_maybe_pud_mapped(folio) ? PMD_ORDER : 0;
----
	return 0;
EOF2
git diff --stat

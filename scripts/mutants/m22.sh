#!/bin/sh
# M22: a split of a PUD-sized THP to PMD order maps the pieces with PTEs,
# as before session 20 (unmap_folio() never asks for PMD migration
# entries).  pud_thp's shared_cow_keeps_pmds, remote_read_of_shared_keeps_pmds,
# fork_bound_splits_to_pmds, split_folio_to_pmd_size and
# pud_unfaulted.reclaim_to_swap must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
	if (to_pmds && IS_ENABLED(CONFIG_ARCH_HAS_PMD_SOFTLEAVES) &&
	    folio_maybe_pud_mapped(folio))
		ttu_flags |= TTU_SPLIT_PUD_TO_PMD;
----
EOF2
git diff --stat

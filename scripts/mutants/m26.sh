#!/bin/sh
# M26: no presplit: a partial munmap, mprotect, madvise or mremap of
# a shared PUD-mapped THP, or munlock of part of an mlocked one, maps it
# with PTEs in the calling process (v1's behaviour).  pud_thp's
# shared_partial_mprotect, shared_partial_munmap, shared_partial_dontneed,
# shared_partial_free, shared_partial_mremap, shared_whole_mremap_unaligned
# and partial_munlock must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
	if (!IS_ENABLED(CONFIG_ARCH_HAS_PMD_SOFTLEAVES) ||
	    !vma_is_anonymous(vma) || !vma->anon_vma)
		return;
	might_sleep();
----
	return;
EOF2
git diff --stat

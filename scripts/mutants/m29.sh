#!/bin/sh
# M29: no presplit before userfaultfd (write or read-write) protection,
# unregistering or MADV_GUARD_INSTALL of part of a shared PUD-mapped THP:
# the caller's whole GiB ends up mapped with PTEs.  pud_thp's
# shared_partial_uffd_wp, shared_partial_uffd_rwp,
# shared_partial_uffd_unregister and shared_partial_guard must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/userfaultfd.c <<'EOF2'
		presplit_shared_pud_thps(dst_vma, _start, _end, enable_wp);
----
EOF2
"$here/replace-once" mm/userfaultfd.c <<'EOF2'
		presplit_shared_pud_thps(dst_vma, vma_start, vma_end, enable_rwp);
----
EOF2
"$here/replace-once" mm/userfaultfd.c <<'EOF2'
		presplit_shared_pud_thps(vma, start, end, false);
----
EOF2
"$here/replace-once" mm/madvise.c <<'EOF2'
	presplit_shared_pud_thps(vma, range->start, range->end, false);
----
EOF2
git diff --stat

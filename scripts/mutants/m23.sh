#!/bin/sh
# M23: a write or unshare fault on a shared PUD-mapped THP falls back
# without splitting the folio, so the faulting process maps it with PTEs
# (v1's behaviour).  pud_thp's shared_cow_keeps_pmds and
# remote_read_of_shared_keeps_pmds must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
	split_folio_to_order(folio, HPAGE_PMD_ORDER);
	/* The first 2 MiB folio, if split: still locked and ours. */
----
EOF2
git diff --stat

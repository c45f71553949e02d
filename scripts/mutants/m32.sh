#!/bin/sh
# M32: KSM splits a PUD-sized THP straight to small pages to merge one page
# of it.  pud_thp's ksm_merge_one_keeps_pmds must fail (no PMD-mapped piece
# left); ksm_merge and ksm_scan_keeps_pud pass.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/ksm.c <<'EOF2'
	unsigned int order = folio_split_fallback_order(page_folio(page));
----
	unsigned int order = 0;
EOF2
git diff --stat

#!/bin/sh
# M30: DAMON without its PUD handling: the vaddr walks have no pud_entry
# (walk_pud_range() splits the PUD leaf at the first sample) and the paddr
# rmap check does not look for a PUD leaf (the THP never ages).  pud_thp's
# damon_vaddr_keeps_pud (thp_split_pud, the PUD mapping) and
# damon_paddr_ages_pud (no KPF_IDLE within 10 s) must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/damon/vaddr.c <<'EOF2'
		.pud_entry = damon_mkold_pud_entry,
----
EOF2
"$here/replace-once" mm/damon/vaddr.c <<'EOF2'
		.pud_entry = damon_young_pud_entry,
----
EOF2
"$here/replace-once" mm/damon/ops-common.c <<'EOF2'
	if (folio_maybe_pud_mapped(folio)) {
		int young = folio_pud_young(folio, vma, addr, true);
----
	if (0) {
		int young = folio_pud_young(folio, vma, addr, true);
EOF2
git diff --stat

#!/bin/sh
# M27: the deferred split takes a partially mapped 1 GiB THP to small
# pages again, as before.  pud_thp's deferred_split_frees_unmapped must
# fail (no 2 MiB pieces left: 2 MiB nr_anon and split counts).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
		if (!split_folio_to_order(folio, folio_split_fallback_order(folio))) {
----
		if (!split_folio(folio)) {
EOF2
git diff --stat

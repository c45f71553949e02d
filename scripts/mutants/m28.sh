#!/bin/sh
# M28: a split to 2 MiB queues none of its pieces: the piece that a
# partially mapped 1 GiB THP leaves mapped in part is never split, and its
# unmapped half is never freed.  pud_thp's deferred_split_frees_unmapped
# must fail (2 MiB split_deferred, split and nr_anon).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
	if (mapped && mapped < folio_nr_pages(folio))
		deferred_split_folio(folio, true);
----
EOF2
git diff --stat

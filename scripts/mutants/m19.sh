#!/bin/sh
# M19: the PUD collapse no longer checks that each 2 MiB THP is mapped only
# by the collapsing mapping and referenced by nothing else, so a THP shared
# with a child after fork() is copied and the parent leaves the child's
# copy behind.  pud_thp's pud_unfaulted.collapse_skips_shared_thps must
# fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
	       folio_mapcount(folio) == 1 && folio_ref_count(folio) == 1;
----
	       folio_mapcount(folio) >= 1;
EOF2
"$here/replace-once" mm/huge_memory.c <<'EOF2'
		if (folio_test_anon(folio) && folio_mapcount(folio) > 1) {
----
		if (false) {
EOF2
git diff --stat

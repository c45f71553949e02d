#!/bin/sh
# M17: once a search for a free 1 GiB range has found none in a zone, the
# tier that takes free ranges never searches that zone again (the count of
# free MAX_PAGE_ORDER blocks it keeps is never compared).  pud_thp's
# free_range_found_after_failed_search must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/page_alloc.c <<'EOF2'
	if (nr_free <= seen) {
----
	if (seen) {
EOF2
git diff --stat

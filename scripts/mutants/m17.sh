#!/bin/sh
# M17: once a search for a free 1 GiB range has looked at every range of a
# zone and found none free, blocks freed later no longer mark their range
# (nothing marks a range while no range is marked), so the free-range tier
# never looks at that zone again.  pud_thp's
# free_range_found_after_failed_search must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/page_alloc.c <<'EOF2'
	    migratetype < MIGRATE_PCPTYPES)
		WRITE_ONCE(zone->contig_free_ranges, zone->contig_free_ranges |
----
	    migratetype < MIGRATE_PCPTYPES && zone->contig_free_ranges)
		WRITE_ONCE(zone->contig_free_ranges, zone->contig_free_ranges |
EOF2
git diff --stat

#!/bin/sh
# M12: the tier that takes free 1 GiB ranges ignores the low watermark (both
# the lockless check before the walk and the one under zone->lock): a fault
# may take the zone's last free gigabyte.  thp_fallback's
# pud_free_range_keeps_low_wmark must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/page_alloc.c <<'EOF2'
	if (!zone_watermark_ok(zone, 0, low_wmark_pages(zone) + nr_pages,
			       highest_zoneidx, 0))
		return NULL;
----
EOF2
"$here/replace-once" mm/page_alloc.c <<'EOF2'
		if (!zone_watermark_ok(zone, 0, low_wmark_pages(zone) + nr_pages,
----
		if (!zone_watermark_ok(zone, 0, 0,
EOF2
git diff --stat

#!/bin/sh
# M12: the tier that takes free 1 GiB ranges ignores the low watermark: a
# fault may take the zone's last free gigabyte.  thp_fallback's
# pud_free_range_keeps_low_wmark must fail.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/page_alloc.c'
s = open(p).read()
a = "if (!zone_watermark_ok(zone, 0, low_wmark_pages(zone) + nr_pages,"
assert s.count(a) == 1
s = s.replace(a, "if (!zone_watermark_ok(zone, 0, 0,")
open(p, 'w').write(s)
PY
git diff --stat

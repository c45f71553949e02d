#!/bin/sh
# M24: fork does not bound the mappings of a PUD-sized THP.  pud_thp's
# fork_bound_splits_to_pmds and fork_bound_copies_ptes must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/internal.h <<'EOF2'
	return entire * HPAGE_PUD_NR + ptes + nr <= max * HPAGE_PUD_NR;
----
	return true;
EOF2
git diff --stat

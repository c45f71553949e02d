#!/bin/sh
# M31: a 1 GiB THP is split as any folio: all 262144 struct pages rewritten
# with interrupts off under the lruvec lock.  pud_thp's
# partial_mprotect_irqs_on (in place, under the PUD lock) and
# shared_partial_mprotect_irqs_on (split_folio_to_order()) must fail on the
# longest interrupts-off section; partial_mprotect passes.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
	const bool in_steps = old_order > HPAGE_PMD_ORDER &&
----
	const bool in_steps = false && old_order > HPAGE_PMD_ORDER &&
EOF2
git diff --stat

#!/bin/sh
# M2: the split of a PUD-mapped THP into PMD-mapped THPs flips one bit of
# the second word of one page (piece 3, page 5).  Every program that
# splits a PUD mapping and checks the data must fail (issue 23).
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
		goto restore;
	}
	local_irq_enable();

	write = pud_write(old_pud);
----
		goto restore;
	}
	local_irq_enable();
	((unsigned long *)page_address(page + 3 * HPAGE_PMD_NR + 5))[1] ^= 1;

	write = pud_write(old_pud);
EOF
git diff --stat

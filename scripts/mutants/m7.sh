#!/bin/sh
# M7: session 12's small-fault accounting: every small write fault asks the
# policy about the PMD and PUD sizes and counts them as skipped.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/memory.c <<'EOF'
	allowed = thp_vma_allowable_orders(vma, vma->vm_flags, TVA_PAGEFAULT,
					   BIT(PMD_ORDER) - 1);
	orders = thp_vma_suitable_orders(vma, vmf->address, allowed);
----
	allowed = thp_vma_allowable_orders(vma, vma->vm_flags, TVA_PAGEFAULT,
					   (BIT(PMD_ORDER) - 1) |
					   (THP_ORDERS_ANON_LARGER & ~vmf->thp_orders_tried));
	orders = thp_vma_suitable_orders(vma, vmf->address,
					 allowed & (BIT(PMD_ORDER) - 1));
EOF
"$here/replace-once" mm/memory.c <<'EOF'
	if (orders)
		count_anon_fault_untried(vmf, THP_ORDERS_ANON_LARGER);
----
EOF
git diff --stat

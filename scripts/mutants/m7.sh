#!/bin/sh
# M7: session 12's small-fault accounting: every small write fault asks the
# policy about the PMD and PUD sizes and counts them as skipped.
set -e
cd "${1:?tree}"
python3 - <<'PY'
p = 'mm/memory.c'
s = open(p).read()
a = """	allowed = thp_vma_allowable_orders(vma, vma->vm_flags, TVA_PAGEFAULT,
					   BIT(PMD_ORDER) - 1);
	orders = thp_vma_suitable_orders(vma, vmf->address, allowed);
"""
assert s.count(a) == 1
s = s.replace(a, """	allowed = thp_vma_allowable_orders(vma, vma->vm_flags, TVA_PAGEFAULT,
					   (BIT(PMD_ORDER) - 1) |
					   (THP_ORDERS_ANON_LARGER & ~vmf->thp_orders_tried));
	orders = thp_vma_suitable_orders(vma, vmf->address,
					 allowed & (BIT(PMD_ORDER) - 1));
""")
a = """	if (orders)
		count_anon_fault_untried(vmf, THP_ORDERS_ANON_LARGER);
"""
assert s.count(a) == 1
s = s.replace(a, "")
open(p, 'w').write(s)
PY
git diff --stat

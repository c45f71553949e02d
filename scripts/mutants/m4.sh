#!/bin/sh
# M4: mremap's soft-dirty mark, UFFDIO_MOVE's PUD split and the uffd-wp
# resolve split undone.
set -e
cd "${1:?tree}"
sed -i 's/set_pud_at(mm, pmc->new_addr, new_pud, move_soft_dirty_pud(pud));/set_pud_at(mm, pmc->new_addr, new_pud, pud);/' mm/mremap.c
sed -i 's/\t\terr = move_split_huge_pud(mm, src_vma, src_addr);/\t\terr = 0 ? move_split_huge_pud(mm, src_vma, src_addr) : 0;/' mm/userfaultfd.c
sed -i 's/(cp_flags \& (MM_CP_UFFD_WP | MM_CP_UFFD_RWP))) {/(cp_flags \& (MM_CP_UFFD_WP_ALL | MM_CP_UFFD_RWP_ALL))) {/' mm/mprotect.c
git diff --stat

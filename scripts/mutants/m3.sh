#!/bin/sh
# M3: the walker pud_entries, GUP's soft-dirty check, uffd's -EEXIST, the
# PUD write upgrade and the uffd-wp resolve split, all undone.
set -e
cd "${1:?tree}"
sed -i "/\t\.pud_entry\t\t= walk_pass_pud_leaf,/d" mm/madvise.c
sed -i "/\t\.pud_entry = walk_pass_pud_leaf,/d" mm/ksm.c
sed -i '/\t\.pud_entry\t\t= queue_folios_pud,/d' mm/mempolicy.c
sed -i 's/\treturn !pud_needs_soft_dirty_wp(vma, pud);/\treturn true;/' mm/gup.c
sed -i 's/\t\treturn ERR_PTR(-EEXIST);/\t\treturn ERR_PTR(-ENOMEM);/' mm/userfaultfd.c
sed -i 's/if ((cp_flags \& MM_CP_TRY_CHANGE_WRITABLE) \&\& !pud_write(entry) \&\&/if (0 \&\& (cp_flags \& MM_CP_TRY_CHANGE_WRITABLE) \&\& !pud_write(entry) \&\&/' mm/huge_memory.c
sed -i 's/(cp_flags \& (MM_CP_UFFD_WP | MM_CP_UFFD_RWP))) {/(cp_flags \& (MM_CP_UFFD_WP_ALL | MM_CP_UFFD_RWP_ALL))) {/' mm/mprotect.c
git diff --stat

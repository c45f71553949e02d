#!/bin/sh
# M18: unhinted anonymous mappings of 1 GiB or more are no longer placed on
# a 1 GiB boundary (only the PMD rule is left).  pud_thp's
# pud_policy.*.unhinted_mmap must fail for every variant that enables the
# 1 GiB size.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF2'
	if (!filp && thp_anon_pud_align(len, vma_flags)) {
----
	if (false && !filp && thp_anon_pud_align(len, vma_flags)) {
EOF2
git diff --stat

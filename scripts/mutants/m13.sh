#!/bin/sh
# M13: concurrent first faults of one empty 1 GiB range each allocate (and
# zero) a gigabyte; all but one throw it away.  pud_thp's
# racing_first_touch must fail.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
		if (slot->mm == mm && slot->addr == addr) {
----
		if (0 && slot->mm == mm && slot->addr == addr) {
EOF
git diff --stat

#!/bin/sh
# M11: the PUD allocation backoff by count only: once 2^shift faults were
# deferred the migrating tier is tried again, however young the window.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:?tree}"
"$here/replace-once" mm/huge_memory.c <<'EOF'
	return shift && time_before(jiffies, until);
----
	return shift && deferred < 1U << shift;
EOF
git diff --stat

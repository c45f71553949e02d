#!/usr/bin/env bash
# The main job: get the base tree, apply patches/, build the x86_64 kernel
# and the tests, boot it under QEMU and print the PUD THP result table.
# On a kernel without the series the table shows what is missing.
. "$(dirname "$0")/lib.sh"
"$TOP/scripts/deps.sh"
"$TOP/scripts/get-base.sh"
"$TOP/scripts/apply.sh"
"$TOP/scripts/build.sh" x86_64
"$TOP/scripts/build-selftests.sh" x86_64 "$TOP/selftests/lists/pud.txt"
"$TOP/scripts/boot.sh" x86_64 --tag pud "$TOP/selftests/lists/pud.txt"

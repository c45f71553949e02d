#!/bin/bash
# Run categories of the upstream run_vmtests.sh from the selftests/mm
# directory (it runs each test as ./NAME):  vmtests.sh CATEGORY...
# Its per-test TAP lines ("ok N name", "not ok N name # exit=R") are what
# the host compares between the base kernel and the series.
cd /selftests/mm || exit 1
exec ./run_vmtests.sh -t "$*"

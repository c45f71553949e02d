#!/bin/bash
# Report which parts of anonymous 1 GiB THP the running kernel has.  One
# "# probe <feature> yes|no" line each; exits 0 (a probe, not a test).
thp=/sys/kernel/mm/transparent_hugepage
pud=$thp/hugepages-1048576kB
row() { printf 'probe %-32s %s\n' "$1" "$2"; }
yes_no() { if "$@"; then echo yes; else echo no; fi; }

case $(uname -m) in
x86_64) row cpu-1g-pages "$(yes_no grep -qw pdpe1gb /proc/cpuinfo)" ;;
*) row cpu-1g-pages "n/a ($(uname -m))" ;;
esac
row thp-enabled-knob "$(yes_no test -f $thp/enabled)"
row pud-size-knob "$(yes_no test -f $pud/enabled)"
row pud-size-stats "$(yes_no test -f $pud/stats/anon_fault_alloc)"
row vmstat-thp_split_pud "$(yes_no grep -q '^thp_split_pud ' /proc/vmstat)"
row vmstat-thp_fault_alloc_pud "$(yes_no grep -q '^thp_fault_alloc_pud ' /proc/vmstat)"
row pud-skip-stats "$(yes_no test -f $pud/stats/anon_fault_skip_vma)"
row smaps-pud-field "$(yes_no grep -q 'AnonPudMapped' /proc/self/smaps)"
# pud_thp cross-checks smaps' mapping level with x86's page table dump.
case $(uname -m) in
x86_64) row ptdump-debugfs "$(yes_no test -r /sys/kernel/debug/page_tables/current_kernel)" ;;
*) row ptdump-debugfs "n/a ($(uname -m))" ;;
esac
# CONFIG_DEBUG_VM_PGTABLE checks the page-table helpers at boot; a failed
# check is a WARNING, which kernel-log-clean reports.
row debug-vm-pgtable-ran "$(yes_no sh -c 'dmesg | grep -q "Validating architecture page table helpers"')"
exit 0

#!/usr/bin/env bash
# Install the Debian packages the project needs (idempotent: does nothing
# when all are present).  Extra package names on the command line are
# installed too (the on-demand coccicheck stage adds coccinelle).
. "$(dirname "$0")/lib.sh"

pkgs=(build-essential flex bison bc libelf-dev libssl-dev xz-utils cpio rsync kmod
      ccache git python3 python3-ply python3-git perl file dpkg-dev
      gcc-aarch64-linux-gnu libc6-dev-arm64-cross
      qemu-system-x86 qemu-system-arm
      busybox-static bash-static libnuma-dev libcap-dev)
# sparse is built from source (scripts/sparse.sh); these are what it needs.
pkgs+=(pkg-config libxml2-dev)
# scripts/send.sh: b4 turns the series into mails (stage b4).
pkgs+=(b4)
pkgs+=("$@")

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "installing: ${missing[*]}"
	apt-get -q update >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
log "Debian packages present"

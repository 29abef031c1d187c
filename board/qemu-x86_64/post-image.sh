#!/bin/sh
# qemu-x86_64 post-image: makes disk.img bootable by a PC BIOS (SeaBIOS):
# syslinux's MBR code in the first 440 bytes, and ldlinux.sys/ldlinux.c32
# installed into the FAT boot partition at its offset (no loop device).
set -eu
IMG=$1/disk.img
MBR=/usr/lib/syslinux/mbr/mbr.bin
[ -f "$MBR" ] || { echo "post-image: $MBR missing (syslinux-common)" >&2; exit 1; }
start=$(partx -g -o START -n 1 "$IMG" | tr -d " ")
[ -n "$start" ] || { echo "post-image: cannot read partition 1 of $IMG" >&2; exit 1; }
dd if="$MBR" of="$IMG" bs=440 count=1 conv=notrunc status=none
syslinux --install --offset $((start * 512)) "$IMG"
echo "post-image: syslinux installed at sector $start"

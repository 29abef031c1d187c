#!/bin/sh
# raspberrypi4 post-build: fills the boot partition (the rootfs's /boot, see
# genimage.cfg.in) with the Pi 4 boot firmware from Debian's raspi-firmware,
# the Pi 4 device trees from Debian's kernel, the kernel, the initramfs,
# config.txt and cmdline.txt; then drops those sources from the root file
# system (they are only needed on the boot partition).
set -eu
TARGET=$1
B=$TARGET/boot
KVER=$(ls "$TARGET/lib/modules" | head -n 1)
FW=$TARGET/usr/lib/raspi-firmware
DTB=$TARGET/usr/lib/linux-image-$KVER/broadcom
[ -f "$FW/start4.elf" ] || { echo "post-build: no $FW/start4.elf (raspi-firmware)" >&2; exit 1; }
for f in start4.elf fixup4.dat start4x.elf fixup4x.dat start4cd.elf fixup4cd.dat; do
    [ ! -f "$FW/$f" ] || cp "$FW/$f" "$B/"
done
for f in LICENCE.broadcom LICENSE.broadcom; do
    [ ! -f "$FW/$f" ] || cp "$FW/$f" "$B/"
done
n=0
for d in bcm2711-rpi-4-b.dtb bcm2711-rpi-400.dtb bcm2711-rpi-cm4.dtb bcm2711-rpi-cm4-io.dtb; do
    if [ -f "$DTB/$d" ]; then cp "$DTB/$d" "$B/"; n=$((n + 1)); fi
done
[ -f "$B/bcm2711-rpi-4-b.dtb" ] || { echo "post-build: no bcm2711-rpi-4-b.dtb in $DTB" >&2; exit 1; }
cp "$BOARD_DIR/config.txt" "$B/config.txt"
echo "$CMDLINE" > "$B/cmdline.txt"
cp "$BINARIES_DIR/vmlinuz" "$B/vmlinuz"
cp "$BINARIES_DIR/initrd.img" "$B/initrd.img"
# the QEMU check boots -M virt with the same kernel, no DTB needed from here
rm -rf "$FW" "$TARGET/usr/lib/linux-image-$KVER" "$B/firmware"
echo "post-build: boot partition: $(du -sh "$B" | cut -f1), $n device trees"

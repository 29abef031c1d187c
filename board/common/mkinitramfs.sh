#!/bin/sh
# Builds the small busybox-static initramfs (newc cpio, gzip) for a root file
# system built by tools/mkimage.sh: busybox from the target's busybox-static
# package, the modules named on the command line with their dependencies
# (resolved from the target's modules.dep), and board/common/initramfs-init.
# Usage: mkinitramfs.sh ROOTFS KVER OUTPUT MODULE...
set -eu
ROOTFS=$(cd "$1" && pwd) KVER=$2 OUTPUT=$3
shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
[ -x "$ROOTFS/bin/busybox" ] || { echo "mkinitramfs: no /bin/busybox in $ROOTFS (busybox-static)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/sbin" "$work/etc" "$work/proc" "$work/sys" "$work/dev" "$work/newroot" \
    "$work/lib/modules/$KVER"
cp "$ROOTFS/bin/busybox" "$work/bin/busybox"
for a in sh mount umount cat cut mkdir sleep usleep echo findfs modprobe switch_root; do
    ln -s busybox "$work/bin/$a"
done
ln -s ../bin/busybox "$work/sbin/modprobe"   # the kernel's request_module() helper
install -m 0755 "$HERE/initramfs-init" "$work/init"

: > "$work/etc/modules"
for m in "$@"; do
    # --show-depends prints "insmod <path>" for each module in load order and
    # "builtin <name>" for built-in ones; -d makes it read the target tree.
    out=$(modprobe -d "$ROOTFS" -S "$KVER" --show-depends "$m" 2>&1) || {
        echo "mkinitramfs: module $m: $out" >&2; exit 1; }
    echo "$out" | while read -r verb path _rest; do
        [ "$verb" = insmod ] || continue
        rel=${path#"$ROOTFS"}
        rel=${rel#/usr}
        src="$ROOTFS$rel"
        [ -f "$src" ] || src="$ROOTFS/usr$rel"
        mkdir -p "$work$(dirname "$rel")"
        cp "$src" "$work$rel"
        # load order: dependencies (and soft dependencies) first
        n=$(basename "$rel"); n=${n%%.ko*}
        grep -qx "$n" "$work/etc/modules" || echo "$n" >> "$work/etc/modules"
    done
done
for f in modules.order modules.builtin modules.builtin.modinfo; do
    [ ! -f "$ROOTFS/lib/modules/$KVER/$f" ] || cp "$ROOTFS/lib/modules/$KVER/$f" "$work/lib/modules/$KVER/"
done
depmod -b "$work" "$KVER"
(cd "$work" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0 --reproducible) | gzip -9n > "$OUTPUT"
echo "mkinitramfs: $(du -k "$OUTPUT" | cut -f1) KiB, modules: $(tr '\n' ' ' < "$work/etc/modules")"

#!/bin/sh
# End-to-end test of the qemu-x86_64 firmware image (make image-test).
#   1. static checks of out/qemu-x86_64/images/disk.img (partitions, labels,
#      boot files, root without journal, build-time, units)
#   2. boot 1: -kernel/-initrd (fast path) with "mid.test" on the command line:
#      boot markers, the guest's own MID-CHECK lines, "MID-KIOSK READY" when
#      the kiosk is in the image, a screendump of the screen
#   3. boot 2: the same disk through SeaBIOS + syslinux (the flashed path):
#      the data partition kept what boot 1 wrote, the root partition did not
#      change by a single byte
# Prints "N passed, N failed, N skipped"; exit status 0 only when all passed.
# Usage: tests/image/test-qemu-x86_64.sh [out/qemu-x86_64]
# Env: MID_BOOT_TIMEOUT (s, default 300), MID_TEST_DISK_BOOT=0 to skip boot 2.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=qemu-lib.sh
. "$HERE/qemu-lib.sh"
D=${1:-out/qemu-x86_64}
IMG=$D/images
W=$D/test
TMO=${MID_BOOT_TIMEOUT:-300}
rm -rf "$W"
mkdir -p "$W"
FIG=$W/figures.txt
: > "$FIG"
fig() { echo "figure: $*"; echo "$*" >> "$FIG"; }

if [ ! -f "$IMG/disk.img" ]; then
    bad "no $IMG/disk.img (make image BOARD=qemu-x86_64)"
    summary
    exit 1
fi

# ---- 1. static checks ------------------------------------------------------------
disk=$IMG/disk.img
pt=$(sfdisk -d "$disk" 2>/dev/null)
n=$(echo "$pt" | grep -c ' : start=')
[ "$n" = 3 ] && ok "disk: 3 partitions" || bad "disk: $n partitions, want 3"
echo "$pt" | grep -E '^[^ ]+1 ' | grep -q 'bootable' && ok "disk: partition 1 is active (BIOS boot)" || bad "disk: partition 1 not active"
echo "$pt" | grep -q 'type=c' && ok "disk: partition 1 is FAT32 LBA" || bad "disk: partition 1 type"
head -c 440 "$disk" | cmp -s - /usr/lib/syslinux/mbr/mbr.bin && ok "disk: syslinux MBR code" || bad "disk: no syslinux MBR code"
for p in 1 2 3; do extract_partition "$disk" "$p" "$W/p$p.img"; done
for want in "1 MIDBOOT vfat" "2 mid-root ext4" "3 mid-data ext4"; do
    set -- $want
    got="$(blkid -p -o value -s LABEL "$W/p$1.img") $(blkid -p -o value -s TYPE "$W/p$1.img")"
    [ "$got" = "$2 $3" ] && ok "partition $1: $2 ($3)" || bad "partition $1: '$got', want '$2 $3'"
done
files=$(mdir -a -b -i "$W/p1.img" :: 2>/dev/null | tr 'A-Z' 'a-z')
for f in vmlinuz initrd.img syslinux.cfg ldlinux.sys ldlinux.c32; do
    echo "$files" | grep -q "/$f\$" && ok "boot: $f" || bad "boot: no $f"
done
dumpe2fs -h "$W/p2.img" 2>/dev/null | grep -q 'has_journal' && bad "root: has a journal (read-only root needs none)" || ok "root: no journal"
dumpe2fs -h "$W/p3.img" 2>/dev/null | grep -q 'has_journal' && ok "data: journal" || bad "data: no journal"
rdump() { debugfs -R "cat $1" "$W/p2.img" 2>/dev/null; }
bt=$(rdump /etc/mid-kiosk/build-time)
[ -n "$bt" ] && [ "$bt" -gt 1600000000 ] 2>/dev/null && ok "root: /etc/mid-kiosk/build-time = $bt" || bad "root: build-time '$bt'"
rdump /etc/mid-kiosk/image-info > "$W/image-info"
APP=$(sed -n 's/^APP=//p' "$W/image-info")
rdump /etc/fstab | grep -q 'LABEL=mid-data  */var/lib/mid-kiosk  *ext4 .* 0 2$' && ok "root: fstab mounts mid-data with fsck" || bad "root: fstab data line"
debugfs -R 'stat /etc/systemd/system/getty@tty1.service' "$W/p2.img" 2>/dev/null | grep -q 'Fast link dest: "/dev/null"' && ok "root: getty@tty1 masked" || bad "root: getty@tty1 not masked"
debugfs -R 'ls -l /usr/share/fonts/truetype/nanum' "$W/p2.img" 2>/dev/null | grep -q NanumGothic.ttf && ok "root: NanumGothic.ttf" || bad "root: no NanumGothic.ttf"
fig "disk.img: $(( $(stat -c %s "$disk") / 1048576 )) MiB (root partition $(( $(stat -c %s "$W/p2.img") / 1048576 )) MiB, $(fs_used_mib "$W/p2.img") MiB used)"
root_sum=$(sha256sum < "$W/p2.img")
rm -f "$W/p1.img" "$W/p3.img"

# ---- 2. boot 1: kernel + initramfs directly ---------------------------------------
cp --sparse=always "$disk" "$W/disk.img"
TESTARGS="mid.test systemd.journald.forward_to_console=1 modules-load=vivid vivid.n_devs=1 vivid.node_types=0x1 vivid.input_types=0x81"
QEMU="qemu-system-x86_64 -machine pc -accel tcg -m 1024 -smp 2 -display none -vga std -nic none -device i6300esb -device virtio-rng-pci"
# shellcheck disable=SC2086
qemu_start "$W" boot1 "$TMO" $QEMU -drive "file=$W/disk.img,if=virtio,format=raw" \
    -kernel "$IMG/vmlinuz" -initrd "$IMG/initrd.img" -append "$(cat "$IMG/cmdline.txt") $TESTARGS"
if t=$(qemu_wait 'MID-BOOT: switch-root' "$TMO"); then ok "boot 1: initramfs found the root ($t s)"; fig "boot1 to switch_root: $t s"
else bad "boot 1: no switch-root marker"; fi
# the kiosk's READY=1 comes before multi-user.target, hence before userspace-ready
if [ "$APP" = installed ]; then
    if t=$(qemu_wait 'MID-KIOSK READY' "$TMO"); then
        ok "boot 1: MID-KIOSK READY ($t s)"
        fig "boot1 to MID-KIOSK READY (-kernel, TCG): $t s (guest uptime $(kiosk_ready_uptime) s)"
    else
        bad "boot 1: no MID-KIOSK READY within ${TMO}s"
    fi
fi
if t=$(qemu_wait 'MID-BOOT: userspace-ready' "$TMO"); then
    ok "boot 1: userspace ready ($t s)"
    fig "boot1 to userspace-ready (-kernel, TCG): $t s"
    up=$(tr -d '\r' < "$Q_SERIAL" | sed -n 's/.*MID-BOOT: userspace-ready uptime=\([0-9.]*\).*/\1/p' | head -n 1)
    fig "boot1 guest uptime at userspace-ready: $up s"
else
    bad "boot 1: no userspace-ready marker within ${TMO}s"
fi
qemu_wait 'MID-BOOT: checks-done' 120 >/dev/null || bad "boot 1: the guest's checks did not finish"
qemu_wait 'Startup finished in' 30 >/dev/null &&
    fig "boot1 systemd: $(tr -d '\r' < "$Q_SERIAL" | sed -n 's/.*\(Startup finished in .*\)/\1/p' | head -n 1)"
check_markers
serial_has "MID-BOOT: boot-count=1" && ok "boot 1: data partition writable (boot-count=1)" || bad "boot 1: boot-count"
if [ "$APP" = installed ]; then
    # Mesa renders in software (llvmpipe) under TCG: the first frame comes
    # tens of seconds after READY. Poll the screen until the kiosk shows.
    if t=$(screen_wait "$W/screen-boot1.ppm" 5 "${MID_SCREEN_TIMEOUT:-180}"); then
        ok "screen: the kiosk drew its first screen ($t s)"
        fig "boot1 to first kiosk screen (-kernel, TCG): $t s"
    else
        bad "screen: the kiosk showed nothing within ${MID_SCREEN_TIMEOUT:-180}s"
    fi
else
    skip "boot 1: kiosk not in the image (APP=$APP): no MID-KIOSK READY expected"
    sleep 3
    qemu_mon "screendump $W/screen-boot1.ppm"
    sleep 2
    c=$(screen_colours "$W/screen-boot1.ppm")
    [ "$c" -le 1 ] && ok "screen: blank, no console or login on the display" || bad "screen: $c colours (console text on the display?)"
fi
if [ -s "$W/screen-boot1.ppm" ]; then
    pnmtopng "$W/screen-boot1.ppm" > "$W/screen-boot1.png" 2>/dev/null || true
    fig "boot1 screen: $(head -c 20 "$W/screen-boot1.ppm" | sed -n 2p), $(screen_colours "$W/screen-boot1.ppm") colours ($W/screen-boot1.png)"
else
    bad "screen: no screendump"
fi
tr -d '\r' < "$Q_SERIAL" | grep -E 'mid-kiosk\[|MID-' | head -n 40 > "$W/boot1.markers"
qemu_stop

# ---- 3. boot 2: the flashed path (SeaBIOS -> syslinux -> kernel) -----------------
if [ "${MID_TEST_DISK_BOOT:-1}" = 1 ]; then
    off=$(partition_offset "$W/disk.img" 1)
    mtype -i "$W/disk.img@@$off" ::/syslinux.cfg | tr -d '\r' |
        sed "s/^\(  APPEND .*\)\$/\1 mid.test systemd.journald.forward_to_console=1/" > "$W/syslinux.cfg"
    mcopy -o -i "$W/disk.img@@$off" "$W/syslinux.cfg" ::/syslinux.cfg
    # shellcheck disable=SC2086
    qemu_start "$W" boot2 "$TMO" $QEMU -drive "file=$W/disk.img,if=virtio,format=raw"
    if t=$(qemu_wait 'MID-BOOT: userspace-ready' "$TMO"); then
        ok "boot 2: disk boot (SeaBIOS, syslinux) reached userspace ($t s)"
        fig "boot2 to userspace-ready (disk boot, TCG): $t s"
    else
        bad "boot 2: disk boot did not reach userspace within ${TMO}s"
    fi
    qemu_wait 'MID-BOOT: checks-done' 120 >/dev/null || bad "boot 2: the guest's checks did not finish"
    serial_has "MID-BOOT: boot-count=2" && ok "boot 2: data partition persisted (boot-count=2)" || bad "boot 2: boot-count is not 2"
    qemu_stop
else
    skip "boot 2 (MID_TEST_DISK_BOOT=0)"
fi
extract_partition "$W/disk.img" 2 "$W/p2-after.img"
[ "$(sha256sum < "$W/p2-after.img")" = "$root_sum" ] && ok "root partition unchanged after booting" || bad "root partition was modified"
rm -f "$W/p2.img" "$W/p2-after.img" "$W/disk.img"
cat "$FIG"
summary

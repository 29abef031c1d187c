#!/bin/sh
# End-to-end test of the qemu-x86_64 firmware image (make image-test).
#   1. static checks of out/qemu-x86_64/images/disk.img (partitions, labels,
#      boot files, root without journal, build-time, units)
#   2. boot 1: -kernel/-initrd (fast path) with "mid.test" on the command line:
#      boot markers, the guest's own MID-CHECK lines, "MID-KIOSK READY" when
#      the kiosk is in the image, a screendump of the screen; then the
#      in-guest camera test (camera.sh: v4l2loopback fed by mid-holder, the
#      kiosk's keyboard, verdict, result screen, frame-to-verdict time) and
#      the USB-stick test (usb.sh: hot-plugged sticks, signed updates)
#   3. boot 2: the same disk through SeaBIOS + syslinux (the flashed path):
#      the data partition kept what boot 1 wrote (boot 1 ends with a pulled
#      plug just after a newer revocation list reached the spool: it must be
#      whole and installed now), a USB stick plugged in before power-on is
#      mounted, the root partition did not change by a single byte
# Prints "N passed, N failed, N skipped"; exit status 0 only when all passed.
# Usage: tests/image/test-qemu-x86_64.sh [out/qemu-x86_64]
# Env: MID_BOOT_TIMEOUT (s, default 300), MID_TEST_DISK_BOOT=0 to skip boot 2.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=qemu-lib.sh
. "$HERE/qemu-lib.sh"
# shellcheck source=camera.sh
. "$HERE/camera.sh"
# shellcheck source=usb.sh
. "$HERE/usb.sh"
D=${1:-out/qemu-x86_64}
TMO=${MID_BOOT_TIMEOUT:-300}
test_init "$D" qemu-x86_64

# ---- 1. static checks ------------------------------------------------------------
disk=$IMG/disk.img
check_partitions "$disk"
pt=$(sfdisk -d "$disk" 2>/dev/null)
echo "$pt" | grep -E '^[^ ]+1 ' | grep -q 'bootable' && ok "disk: partition 1 is active (BIOS boot)" || bad "disk: partition 1 not active"
head -c 440 "$disk" | cmp -s - /usr/lib/syslinux/mbr/mbr.bin && ok "disk: syslinux MBR code" || bad "disk: no syslinux MBR code"
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
unit_scores
root_sum=$(sha256sum < "$W/p2.img")
rm -f "$W/p1.img" "$W/p3.img"

# ---- 2. boot 1: kernel + initramfs directly ---------------------------------------
cp --sparse=always "$disk" "$W/disk.img"
TESTARGS="mid.test systemd.journald.forward_to_console=1"
QEMU="qemu-system-x86_64 -machine pc -accel tcg -m 1024 -smp 2 -display none -vga std -nic none -device i6300esb -device virtio-rng-pci -device qemu-xhci,id=xhci"
# the virtual camera's test disk (camera.sh), when the kiosk is in the image
CAMDISK=""
if [ "$APP" = installed ]; then
    KVER=$(sed -n 's/^KERNEL=//p' "$W/image-info")
    if why=$(camera_disk "$W" "$KVER" "$D/build/bin"); then
        ok "camera: test disk with v4l2loopback for $KVER and mid-holder"
        CAMDISK="-drive file=$W/midtest.img,if=virtio,format=raw,readonly=on"
        Q_SERIAL2=$W/trig
    else
        bad "camera: no test disk: $why"
    fi
fi
# shellcheck disable=SC2086
# boot 1 also runs the camera and USB-stick tests: a longer hard limit
qemu_start "$W" boot1 "$((TMO + 600))" $QEMU -drive "file=$W/disk.img,if=virtio,format=raw" $CAMDISK \
    -kernel "$IMG/vmlinuz" -initrd "$IMG/initrd.img" -append "$(cat "$IMG/cmdline.txt") $TESTARGS"
Q_SERIAL2=""
boot_markers "boot 1" "boot1 (-kernel)" "$APP"
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
        [ -z "$CAMDISK" ] || camera_test "$W/trig.in"
        if [ "$(sed -n 's/^TRUST=//p' "$W/image-info")" = demo ]; then
            usb_test "$W"
            # boot 1 ends with a pulled plug (QEMU's quit) just after a
            # newer list reached the spool; boot 2 checks what survived
            usb_powercut_plug
        else
            skip "usb: the image has no demo trust data to sign a test update with"
        fi
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
    # an installer leaves an older genuine revocation list on the boot
    # partition (anti-rollback, docs/trust-lifecycle.md): mid-provision must
    # refuse it through the kiosk's own install code and remove it
    PROV_OLD=""
    if [ -n "${issue:-}" ] && [ -n "${demo:-}" ]; then
        "$issue" revoke --root "$demo/root.pem" --records assets/residents.tsv \
            --seq 2 --issued "$(( $(date +%s) - 3600 ))" --out "$W/old-revocation.bundle" >/dev/null &&
            mmd -i "$W/disk.img@@$off" ::/mid-provision 2>/dev/null;
        mcopy -o -i "$W/disk.img@@$off" "$W/old-revocation.bundle" ::/mid-provision/revocation.bundle &&
            PROV_OLD=1
    fi
    # a FAT stick plugged in before power-on must be mounted at boot too
    mkdir -p "$W/bootstick.d"
    echo "plugged in at boot" > "$W/bootstick.d/readme.txt"
    usb_mkstick "$W/bootstick.img" "$W/bootstick.d"
    # shellcheck disable=SC2086
    qemu_start "$W" boot2 "$TMO" $QEMU -drive "file=$W/disk.img,if=virtio,format=raw" \
        -drive "file=$W/bootstick.img,if=none,id=bootstick,format=raw" \
        -device usb-storage,bus=xhci.0,drive=bootstick,id=bootstick
    if t=$(qemu_wait 'MID-BOOT: userspace-ready' "$TMO"); then
        ok "boot 2: disk boot (SeaBIOS, syslinux) reached userspace ($t s)"
        fig "boot2 to userspace-ready (disk boot, TCG): $t s"
    else
        bad "boot 2: disk boot did not reach userspace within ${TMO}s"
    fi
    qemu_wait 'MID-BOOT: checks-done' 120 >/dev/null || bad "boot 2: the guest's checks did not finish"
    serial_has "MID-BOOT: boot-count=2" && ok "boot 2: data partition persisted (boot-count=2)" || bad "boot 2: boot-count is not 2"
    if qemu_wait 'mid-usb: mounted sda1 on /media/mid-usb' 60 > /dev/null; then
        ok "boot 2: a USB stick plugged in before power-on is mounted"
    else
        bad "boot 2: the stick plugged in at boot was not mounted"
    fi
    qemu_mon "device_del bootstick"
    if qemu_wait 'mid-usb: unmounted sda1' 60 > /dev/null; then
        ok "boot 2: the stick is unmounted when pulled"
    else
        bad "boot 2: the stick was not unmounted when pulled"
    fi
    usb_powercut_check "$W/boot1.serial"
    if [ -n "$PROV_OLD" ]; then
        if qemu_wait 'mid-provision: 1 file\(s\) offered, exit 1' 60 > /dev/null; then
            ok "provisioning: an older genuine revocation list on the boot partition is refused"
        else
            bad "provisioning: no refusal of the older list ($(tr -d '\r' < "$Q_SERIAL" | grep -m 3 'mid-provision' | tr '\n' ' '))"
        fi
        serial_has "refused /" && tr -d '\r' < "$Q_SERIAL" | grep 'refused /' | grep -q '(error 403)' &&
            ok "provisioning: refused as not newer than the accepted floor (error 403)" ||
            bad "provisioning: refusal reason ($(tr -d '\r' < "$Q_SERIAL" | grep -m 1 'refused /'))"
    fi
    qemu_stop
    if [ -n "$PROV_OLD" ]; then
        mdir -b -i "$W/disk.img@@$off" ::/mid-provision 2>/dev/null | grep -qi revocation &&
            bad "provisioning: the refused list is still on the boot partition" ||
            ok "provisioning: the refused list was removed from the boot partition"
    fi
else
    skip "boot 2 (MID_TEST_DISK_BOOT=0)"
fi
extract_partition "$W/disk.img" 2 "$W/p2-after.img"
[ "$(sha256sum < "$W/p2-after.img")" = "$root_sum" ] && ok "root partition unchanged after booting" || bad "root partition was modified"
rm -f "$W/p2.img" "$W/p2-after.img" "$W/disk.img" "$W/bootstick.img" "$W/midtest.img"
cat "$FIG"
summary

#!/bin/sh
# Common post-build step (Buildroot convention: $1 = the target root file
# system). Run by tools/mkimage.sh after mmdebstrap, `make install` and the
# overlay, before genimage. Environment from mkimage.sh: TOP BOARD BOARD_DIR
# COMMON_DIR BINARIES_DIR ARCH CMDLINE INITRAMFS_MODULES DISPLAY_BACKEND REPORT
# APP VARIANT SOURCE_DATE_EPOCH.
set -eu
TARGET=$(cd "$1" && pwd)
say() { echo "post-build: $*"; }
warn() { echo "post-build: WARNING: $*" >&2; echo "WARNING: $*" >> "$REPORT"; }

KVER=$(ls "$TARGET/lib/modules" | head -n 1)
[ -n "$KVER" ] || { echo "post-build: no kernel modules in the root file system" >&2; exit 1; }
say "kernel $KVER"

# ---- identity, build time, display --------------------------------------------
install -d -m 0755 "$TARGET/etc/mid-kiosk"
echo "$SOURCE_DATE_EPOCH" > "$TARGET/etc/mid-kiosk/build-time"
rev=$(git -C "$TOP" describe --always --dirty 2>/dev/null || echo unknown)
cat > "$TARGET/etc/mid-kiosk/image-info" <<EOF
BOARD=$BOARD
ARCH=$ARCH
KERNEL=$KVER
SOURCE=$rev
BUILD_TIME=$SOURCE_DATE_EPOCH
BUILD_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
DISPLAY_BACKEND=$DISPLAY_BACKEND
APP=$APP
VARIANT=$VARIANT
TRUST=$TRUST
EOF
case "$DISPLAY_BACKEND" in
    kmsdrm)
        cat > "$TARGET/etc/mid-kiosk/display.env" <<'EOF'
# SDL2 on DRM/KMS through Mesa's EGL/GLES2 (no X11, no Wayland).
SDL_VIDEODRIVER=kmsdrm
SDL_RENDER_DRIVER=opengles2
MID_DISPLAY=kmsdrm
EOF
        ;;
    fbdev)
        [ "$APP" != installed ] || grep -rqs MID_FBDEV "$TOP/src/ui" ||
            warn "DISPLAY_BACKEND=fbdev but src/ui has no framebuffer output: the kiosk will show nothing"
        cat > "$TARGET/etc/mid-kiosk/display.env" <<'EOF'
# No Mesa in this image: SDL2 renders in software into a surface that the kiosk
# copies to the Linux framebuffer (/dev/fb0); input is read from evdev.
SDL_VIDEODRIVER=offscreen
SDL_RENDER_DRIVER=software
MID_DISPLAY=fbdev
MID_FBDEV=/dev/fb0
EOF
        ;;
    *) echo "post-build: unknown DISPLAY_BACKEND=$DISPLAY_BACKEND" >&2; exit 1 ;;
esac

# kiosk.conf comes from `make install` (assets/kiosk.conf, the app team's)
[ -f "$TARGET/etc/mid-kiosk/kiosk.conf" ] ||
    warn "no /etc/mid-kiosk/kiosk.conf (make install installs assets/kiosk.conf)"
# an issuer's and a test author's tools have no place on a verifier
for t in mid-issue mid-holder mkvectors; do
    if [ -e "$TARGET/usr/bin/$t" ]; then rm -f "$TARGET/usr/bin/$t"; say "removed /usr/bin/$t"; fi
done

# Every shared library the kiosk and its tools link against must be in the
# image: a library the Makefile started to use needs its Debian runtime
# package in board/common/packages.
if [ "$APP" = installed ]; then
    missing=""
    for b in "$TARGET"/usr/bin/mid-*; do
        [ -f "$b" ] || continue
        for so in $(readelf -d "$b" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
            found=""
            for d in "$TARGET"/usr/lib/*-linux-gnu "$TARGET"/usr/lib "$TARGET"/lib/*-linux-gnu; do
                if [ -e "$d/$so" ]; then found=1; break; fi
            done
            [ -n "$found" ] || missing="$missing ${b##*/}:$so"
        done
    done
    if [ -n "$missing" ]; then
        echo "post-build: shared libraries missing from the image:$missing" >&2
        echo "post-build: add their Debian runtime packages to board/common/packages" >&2
        exit 1
    fi
fi

# The clock comes from chrony with NTS only (docs/trusted-time.md): no
# second time daemon, and the sources are ours alone.
[ ! -e "$TARGET/lib/systemd/system/systemd-timesyncd.service" ] &&
    [ ! -e "$TARGET/usr/lib/systemd/system/systemd-timesyncd.service" ] ||
    { echo "post-build: systemd-timesyncd is in the image (board/common/packages has chrony)" >&2; exit 1; }
grep -qx 'authselectmode require' "$TARGET/etc/chrony/chrony.conf" ||
    { echo "post-build: /etc/chrony/chrony.conf is not rootfs-overlay's (NTS only)" >&2; exit 1; }
if grep -Eq '^[[:space:]]*(pool|server|peer)[[:space:]]' "$TARGET/etc/chrony/sources.d/"*.sources &&
    grep -E '^[[:space:]]*(pool|server|peer)[[:space:]]' "$TARGET/etc/chrony/sources.d/"*.sources | grep -vq '[[:space:]]nts\([[:space:]]\|$\)'; then
    warn "a chrony source without nts in /etc/chrony/sources.d: chrony ignores it (authselectmode require)"
fi
# Debian's DHCP hooks for chrony write to /run/chrony-dhcp, which our
# chrony.conf never reads; networkd does not use them anyway
rm -f "$TARGET/etc/dhcp/dhclient-exit-hooks.d/chrony"
rm -rf "$TARGET/etc/chrony/conf.d"

# ---- system identity ----------------------------------------------------------
echo mid-kiosk > "$TARGET/etc/hostname"
cat > "$TARGET/etc/hosts" <<'EOF'
127.0.0.1	localhost
127.0.1.1	mid-kiosk
::1		localhost ip6-localhost ip6-loopback
EOF
# empty machine-id: systemd mounts a transient one over it (read-only root)
: > "$TARGET/etc/machine-id"
rm -f "$TARGET/var/lib/dbus/machine-id"
ln -sfn ../run/systemd/resolve/stub-resolv.conf "$TARGET/etc/resolv.conf"
ln -sfn /usr/share/zoneinfo/Asia/Seoul "$TARGET/etc/localtime"
echo Asia/Seoul > "$TARGET/etc/timezone"
echo LANG=C.UTF-8 > "$TARGET/etc/default/locale"

# ---- users and units ------------------------------------------------------------
systemd-sysusers --root="$TARGET" >/dev/null
systemctl --root="$TARGET" --quiet enable \
    mid-kiosk.service mid-data-format.service mid-provision.service mid-rtc.service \
    mid-boot-marker.service systemd-networkd.service systemd-resolved.service \
    chrony.service
# the list sync tick; mid-sync.service does nothing without /etc/mid-kiosk/sync.conf
systemctl --root="$TARGET" --quiet enable mid-sync.timer
# no login on the screen; nothing that writes to the read-only root on a timer
systemctl --root="$TARGET" --quiet enable mid-console.service
# logind (and the D-Bus daemon it brings up) serves login sessions: none here
systemctl --root="$TARGET" --quiet mask \
    systemd-logind.service getty@tty1.service autovt@.service getty-static.service console-getty.service \
    apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer \
    e2scrub_reap.service fstrim.timer
systemctl --root="$TARGET" set-default multi-user.target >/dev/null

# ---- trim -------------------------------------------------------------------------
rm -rf "$TARGET/var/cache/apt/"* "$TARGET/var/lib/apt/lists/"* "$TARGET/var/log/"* \
    "$TARGET/var/cache/debconf/"*-old "$TARGET/var/lib/dpkg/"*-old
# the kernel and initramfs live on the boot partition
mkdir -p "$BINARIES_DIR"
cp "$TARGET/boot/vmlinuz-$KVER" "$BINARIES_DIR/vmlinuz"
rm -f "$TARGET/boot/"*"$KVER"* "$TARGET/vmlinuz"* "$TARGET/initrd.img"*
# Kernel modules: drop whole subsystems a kiosk (display, camera, USB, storage,
# wired network, RTC, watchdog) never loads. Debian's kernel ships ~400 MB.
mod=$TARGET/lib/modules/$KVER/kernel
before=$(du -sm "$TARGET/lib/modules/$KVER" | cut -f1)
cp "$TARGET/lib/modules/$KVER/modules.dep" "$BINARIES_DIR/modules.dep.orig"
# wired Ethernet: only the families kiosk hardware has (Intel, Realtek,
# Broadcom incl. the Pi 4's GENET); USB adapters stay in drivers/net/usb
for d in "$mod"/drivers/net/ethernet/*; do
    case "${d##*/}" in intel|realtek|broadcom) ;; *) rm -rf "$d" ;; esac
done
for d in sound/soc/intel sound/soc/sof sound/soc/amd sound/soc/qcom sound/soc/mediatek \
    sound/soc/rockchip sound/soc/sunxi sound/soc/tegra sound/soc/fsl sound/soc/meson sound/soc/samsung \
    sound/isa sound/pcmcia sound/firewire sound/drivers sound/synth sound/x86 \
    net/wireless net/mac80211 net/bluetooth net/netfilter net/ipv4/netfilter \
    net/ipv6/netfilter net/bridge net/sunrpc net/ceph net/sched net/rxrpc net/tipc net/sctp \
    net/openvswitch net/mpls net/nfc net/rds net/atm net/9p net/l2tp net/netrom net/rose net/ax25 \
    net/batman-adv net/dccp net/ieee802154 net/mac802154 net/appletalk net/llc net/802 net/can \
    net/vmw_vsock net/xfrm net/smc net/mptcp net/tls \
    drivers/net/wireless drivers/net/can drivers/net/ieee802154 drivers/net/wwan drivers/net/hamradio \
    drivers/net/ppp drivers/net/slip drivers/net/team drivers/net/bonding drivers/net/fddi \
    drivers/net/arcnet drivers/net/plip drivers/net/hyperv drivers/net/vmxnet3 drivers/net/xen-netback \
    drivers/net/dsa drivers/net/ipa drivers/comedi \
    drivers/infiniband drivers/staging drivers/isdn drivers/atm drivers/bluetooth drivers/nfc \
    drivers/iio drivers/target drivers/scsi/lpfc drivers/scsi/qla2xxx \
    drivers/scsi/qla4xxx drivers/scsi/mpt3sas drivers/scsi/megaraid drivers/scsi/aacraid \
    drivers/scsi/aic7xxx drivers/scsi/bfa drivers/scsi/be2iscsi drivers/scsi/bnx2fc \
    drivers/scsi/bnx2i drivers/scsi/csiostor drivers/scsi/cxgbi drivers/scsi/fnic \
    drivers/scsi/hisi_sas drivers/scsi/isci drivers/scsi/libfc drivers/scsi/pm8001 \
    drivers/scsi/qedf drivers/scsi/qedi drivers/scsi/smartpqi drivers/scsi/snic drivers/scsi/elx \
    drivers/scsi/mpi3mr drivers/scsi/arcmsr drivers/scsi/esas2r drivers/scsi/fcoe \
    drivers/gpu/drm/amd drivers/gpu/drm/radeon drivers/gpu/drm/nouveau drivers/gpu/drm/i915 \
    drivers/gpu/drm/gma500 drivers/gpu/drm/vmwgfx drivers/gpu/drm/ast drivers/gpu/drm/mgag200 \
    drivers/gpu/drm/hisilicon drivers/gpu/drm/nxp drivers/gpu/drm/msm drivers/gpu/drm/tegra \
    drivers/gpu/drm/rockchip drivers/gpu/drm/meson drivers/gpu/drm/sun4i drivers/gpu/drm/imx \
    drivers/gpu/drm/etnaviv drivers/gpu/drm/panfrost drivers/gpu/drm/lima drivers/gpu/drm/exynos \
    drivers/gpu/drm/mediatek drivers/gpu/drm/tilcdc drivers/gpu/drm/omapdrm drivers/gpu/drm/xlnx \
    drivers/gpu/drm/hyperv drivers/gpu/drm/udl drivers/gpu/drm/gud \
    drivers/media/dvb-frontends drivers/media/dvb-core drivers/media/tuners drivers/media/pci \
    drivers/media/rc/keymaps drivers/media/radio drivers/media/usb/dvb-usb drivers/media/usb/dvb-usb-v2 \
    drivers/media/usb/em28xx drivers/media/usb/cx231xx drivers/media/usb/pvrusb2 \
    drivers/media/usb/gspca drivers/media/usb/go7007 drivers/media/usb/hdpvr drivers/media/usb/ttusb-dec \
    drivers/media/usb/ttusb-budget drivers/media/usb/as102 drivers/media/usb/dvb-usb \
    drivers/media/usb/siano drivers/media/usb/au0828 drivers/media/usb/tm6000 drivers/media/usb/usbtv \
    drivers/media/usb/stk1160 drivers/media/usb/airspy drivers/media/usb/hackrf drivers/media/usb/msi2500 \
    drivers/media/common/siano drivers/media/firewire drivers/media/mmc drivers/media/spi \
    drivers/media/platform drivers/media/i2c \
    drivers/edac drivers/mtd drivers/firewire drivers/parport drivers/pcmcia \
    drivers/thunderbolt drivers/w1 drivers/misc/habanalabs drivers/accel drivers/fpga drivers/xen \
    drivers/hv drivers/vdpa drivers/vhost drivers/char/ipmi drivers/crypto/qat drivers/crypto/ccp \
    drivers/platform/chrome drivers/platform/surface \
    fs/btrfs fs/xfs fs/ocfs2 fs/gfs2 fs/nfs fs/nfsd fs/cifs fs/smb fs/ceph fs/f2fs fs/jfs fs/reiserfs \
    fs/nilfs2 fs/ubifs fs/udf fs/hfs fs/hfsplus fs/ntfs3 fs/ntfs fs/afs fs/coda fs/9p fs/orangefs \
    fs/dlm fs/ufs fs/minix fs/bfs fs/befs fs/efs fs/qnx4 fs/qnx6 fs/sysv fs/omfs fs/romfs \
    fs/cramfs fs/squashfs fs/erofs fs/zonefs fs/gfs2 fs/lockd fs/nfs_common fs/jffs2 fs/exfat \
    fs/overlayfs fs/fscache fs/cachefiles fs/netfs fs/hpfs fs/adfs fs/affs fs/vboxsf fs/ksmbd \
    arch/x86/kvm; do
    rm -rf "${mod:?}/$d"
done
# A kept module whose dependency was dropped can never load: drop it too,
# until nothing changes (Debian's System.map is a stub, so depmod -e cannot
# tell; the original modules.dep can).
pruned=0
while :; do
    broken=$( (cd "$TARGET/lib/modules/$KVER" && find kernel -name '*.ko*') | awk '
        NR == FNR { have[$1] = 1; next }
        { sub(":", "", $1); if (!($1 in have)) next
          for (i = 2; i <= NF; i++) if (!($i in have)) { print $1; break } }' - "$BINARIES_DIR/modules.dep.orig")
    [ -n "$broken" ] || break
    for m in $broken; do rm -f "$TARGET/lib/modules/$KVER/$m"; pruned=$((pruned + 1)); done
done
depmod -b "$TARGET" "$KVER"
# modules the boards' hardware and the boot test need must have survived
for m in $REQUIRED_MODULES; do
    modprobe -d "$TARGET" -S "$KVER" --show-depends "$m" >/dev/null 2>&1 ||
        { echo "post-build: required module $m is missing after trimming" >&2; exit 1; }
done
rm -f "$BINARIES_DIR/modules.dep.orig"
after=$(du -sm "$TARGET/lib/modules/$KVER" | cut -f1)
say "kernel modules: $before MB -> $after MB ($pruned modules with dropped dependencies pruned)"
echo "kernel modules: $before MB -> $after MB" >> "$REPORT"

# ---- initramfs -------------------------------------------------------------------------
# shellcheck disable=SC2086
sh "$COMMON_DIR/mkinitramfs.sh" "$TARGET" "$KVER" "$BINARIES_DIR/initrd.img" $INITRAMFS_MODULES
echo "$CMDLINE" > "$BINARIES_DIR/cmdline.txt"

# ---- partition mount points ----------------------------------------------------------
install -d -m 0755 "$TARGET/boot"
install -d -m 0750 "$TARGET/var/lib/mid-kiosk"
# USB sticks are mounted here (mid-usb@.service, usr/libexec/mid-kiosk/usb-stick);
# the root is read-only on the device, so the mount point is made now
install -d -m 0755 "$TARGET/media/mid-usb"
conf_usb=$(sed -n 's/^[[:space:]]*usb_export_dir[[:space:]]*=[[:space:]]*//p' "$TARGET/etc/mid-kiosk/kiosk.conf" 2>/dev/null | tail -n 1 | sed 's/[[:space:]]*$//')
[ -z "$conf_usb" ] || [ "$conf_usb" = /media/mid-usb ] ||
    warn "kiosk.conf: usb_export_dir = $conf_usb, but USB sticks are mounted on /media/mid-usb"
# the data partition's initial layout; ownership is fixed again at every boot by
# tmpfiles (usr/lib/tmpfiles.d/mid-kiosk.conf)
uid=$(awk -F: '$1 == "mid-kiosk" {print $3}' "$TARGET/etc/passwd")
gid=$(awk -F: '$1 == "mid-kiosk" {print $3}' "$TARGET/etc/group")
chown -R "$uid:$gid" "$TARGET/var/lib/mid-kiosk"
echo 1 > "$TARGET/var/lib/mid-kiosk/.layout"

# ---- package manifest (what the image contains, for licences and CVE checks) ------
dpkg-query --admindir="$TARGET/var/lib/dpkg" -W -f='${Package}\t${Version}\t${Architecture}\n' \
    > "$BINARIES_DIR/manifest.txt"
say "$(wc -l < "$BINARIES_DIR/manifest.txt") packages"

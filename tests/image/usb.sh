# USB-stick test for the qemu-x86_64 image (sourced, POSIX sh; needs
# qemu-lib.sh sourced first: ok/bad/skip, qemu_mon, Q_SERIAL, Q_PID, now_ms).
#
#   usb_test WORKDIR
#
# Runs against a guest that is already up (after "MID-BOOT: checks-done"),
# started with "-device qemu-xhci,id=xhci" on the QEMU command line and
# "mid.test systemd.journald.forward_to_console=1" on the kernel command line
# (the journal, hence the kiosk's and mid-usb's lines, reach the serial log).
# It makes FAT32 stick images on the host and hot-plugs them through the HMP
# monitor:
#   stick 1: revocation.bundle (a NEWER revocation list signed with the demo
#            root key: the image must carry the demo trust data), garbage.bundle
#            (random bytes), mid-update/forged.bundle (signed by a key the
#            device does not trust), big.bundle (over 16 MiB), notes.txt;
#            -> mounted on /media/mid-usb, the kiosk's mount namespace sees it
#            and can write to it, the three small bundles are copied to the
#            spool, big.bundle and notes.txt are not, the kiosk applies the
#            good one and refuses the other two;
#   stick 2: plugged in while stick 1 is mounted -> ignored, and pulling it
#            leaves stick 1 mounted;
#   stick 1 pulled -> unmounted;
#   stick 3: the same good bundle again -> "already installed", not copied.
# Tools: mid-issue from $MID_ISSUE, else <out>/qemu-x86_64/build/bin (the
# image build's) or build/bin; mkfs.vfat (dosfstools), mcopy/mmd (mtools),
# sfdisk (fdisk): board/image.mk's IMAGE_DEPS.
# Figures: "usb: insert -> ..." seconds, through fig() when the caller has it.

# usb_fig TEXT
usb_fig() {
    if command -v fig >/dev/null 2>&1; then fig "$1"; else echo "figure: $1"; fi
}

# usb_log: the serial log since the first stick went in (CRs removed)
usb_log() { tail -c +"$((USB_OFF + 1))" "$Q_SERIAL" | tr -d '\r'; }

# usb_wait ERE TIMEOUT_S [N]: waits until N (default 1) lines match ERE in the
# serial log since the first stick went in; prints seconds since USB_T0 (the
# last plug or unplug). Returns 1 on timeout or when QEMU ended.
usb_wait() { wait_for "$2" "$USB_T0" usb_at_least "$1" "${3:-1}"; }
usb_at_least() { [ "$(usb_count "$1")" -ge "$2" ]; }

# usb_plug ID IMAGE / usb_pull ID: hot-plug a stick image on the xHCI bus,
# or pull it; both restart the clock of usb_wait
usb_plug() {
    USB_T0=$(now_ms)
    qemu_mon "drive_add 0 if=none,id=$1,file=$2,format=raw"
    qemu_mon "device_add usb-storage,bus=xhci.0,drive=$1,id=$1"
}
usb_pull() {
    USB_T0=$(now_ms)
    qemu_mon "device_del $1"
}

# usb_count ERE: matching lines in the serial log since the first stick
usb_count() { usb_log | grep -Ec "$1" || true; }

# usb_mkstick IMAGE DIR: a 64 MiB stick with one MBR partition (type 0c,
# FAT32, label MIDSTICK) holding the files of DIR (one level of folders)
usb_mkstick() {
    rm -f "$1"
    truncate -s 64M "$1"
    printf 'label: dos\nstart=2048, type=c\n' | sfdisk -q "$1" >/dev/null
    mkfs.vfat -F 32 -n MIDSTICK --offset=2048 "$1" $(((64 * 1024 * 1024 - 2048 * 512) / 1024)) >/dev/null
    for f in "$2"/*; do
        [ -e "$f" ] || continue
        if [ -d "$f" ]; then
            mmd -i "$1@@1M" "::/${f##*/}"
            for g in "$f"/*; do
                [ -f "$g" ] && mcopy -i "$1@@1M" "$g" "::/${f##*/}/${g##*/}"
            done
        else
            mcopy -i "$1@@1M" "$f" "::/${f##*/}"
        fi
    done
}

usb_test() {
    USB_W=$1/usb
    rm -rf "$USB_W"
    mkdir -p "$USB_W"
    usb_top=${MID_TOP:-$(cd "${HERE:-.}/../.." && pwd)}
    issue=${MID_ISSUE:-}
    for c in "${MID_OUT:-$usb_top/out}/qemu-x86_64/build/bin/mid-issue" "$usb_top/build/bin/mid-issue"; do
        [ -n "$issue" ] || [ ! -x "$c" ] || issue=$c
    done
    for t in mkfs.vfat mcopy mmd sfdisk; do
        command -v "$t" >/dev/null 2>&1 || { bad "usb: $t not found (make image-deps)"; return 1; }
    done
    if [ -z "$issue" ] || [ ! -x "$issue" ]; then
        bad "usb: no mid-issue (set MID_ISSUE or build the image)"; return 1
    fi
    demo=$usb_top/assets/demo
    [ -f "$demo/root.pem" ] || { bad "usb: no $demo/root.pem"; return 1; }
    kiosk=1
    if serial_has "MID-BOOT: kiosk not-installed"; then kiosk=0; fi

    # ---- the sticks ----------------------------------------------------------
    # seq: the current Unix time is newer than any sequence number the image
    # was built with (assets/demo has 1)
    seq=$(date +%s)
    s1=$USB_W/stick1.d
    mkdir -p "$s1/mid-update" "$USB_W/stick3.d" "$USB_W/stick2.d"
    "$issue" revoke --root "$demo/root.pem" --records "$usb_top/assets/residents.tsv" \
        --seq "$seq" --out "$s1/revocation.bundle" >/dev/null || { bad "usb: mid-issue revoke"; return 1; }
    "$issue" keygen --out "$USB_W/forger.pem" --pub "$USB_W/forger.pub.pem" --force >/dev/null
    "$issue" revoke --root "$USB_W/forger.pem" --records "$usb_top/assets/residents.tsv" \
        --seq "$((seq + 1))" --out "$s1/mid-update/forged.bundle" >/dev/null
    head -c 300 /dev/urandom > "$s1/garbage.bundle"
    head -c $((16 * 1024 * 1024 + 1)) /dev/zero > "$s1/big.bundle"
    echo "not a bundle" > "$s1/notes.txt"
    cp "$s1/revocation.bundle" "$USB_W/stick3.d/"
    echo "second stick" > "$USB_W/stick2.d/readme.txt"
    for i in 1 2 3; do usb_mkstick "$USB_W/stick$i.img" "$USB_W/stick$i.d"; done
    good_size=$(stat -c %s "$s1/revocation.bundle")

    # ---- stick 1 in ----------------------------------------------------------
    USB_OFF=$(stat -c %s "$Q_SERIAL")
    usb_plug stick1 "$USB_W/stick1.img"
    if t=$(usb_wait 'mid-usb: mounted sd[a-z]+1? on /media/mid-usb' 60); then
        ok "usb: stick 1 mounted on /media/mid-usb ($t s after plugging)"
        usb_fig "usb: insert -> mounted: $t s"
    else
        bad "usb: stick 1 not mounted within 60 s"
    fi
    dev1=$(usb_log | sed -n 's/.*mid-usb: mounted \(sd[a-z]*[0-9]*\) on .*/\1/p' | head -n 1)
    if [ "$kiosk" = 1 ]; then
        if usb_wait 'MID-USB: kiosk-namespace (writable|FAIL)' 60 >/dev/null &&
            [ "$(usb_count 'MID-USB: kiosk-namespace writable')" -ge 1 ]; then
            ok "usb: the kiosk's mount namespace sees the stick and the kiosk's user can write to it"
        else
            bad "usb: the kiosk cannot write to /media/mid-usb in its namespace"
        fi
    fi
    if usb_wait 'mid-usb: [0-9]+ bundle\(s\) from' 60 >/dev/null; then
        [ "$(usb_count "mid-usb: copied revocation.bundle \\($good_size bytes\\)")" -ge 1 ] &&
            ok "usb: revocation.bundle copied to the spool" || bad "usb: revocation.bundle not copied"
        [ "$(usb_count 'mid-usb: copied garbage.bundle')" -ge 1 ] &&
            ok "usb: garbage.bundle copied (for the kiosk to refuse)" || bad "usb: garbage.bundle not copied"
        [ "$(usb_count 'mid-usb: copied mid-update/forged.bundle')" -ge 1 ] &&
            ok "usb: mid-update/forged.bundle copied (for the kiosk to refuse)" || bad "usb: mid-update/forged.bundle not copied"
        [ "$(usb_count 'mid-usb: skipped big.bundle: .*more than 16 MiB')" -ge 1 ] &&
            ok "usb: big.bundle (16 MiB + 1) skipped" || bad "usb: big.bundle not skipped"
        [ "$(usb_count 'notes\.txt|copied big')" = 0 ] &&
            ok "usb: notes.txt and big.bundle not copied" || bad "usb: notes.txt or big.bundle touched"
        [ "$(usb_count 'mid-usb: 3 bundle\(s\) from')" -ge 1 ] &&
            ok "usb: 3 bundles for the kiosk" || bad "usb: not 3 bundles copied"
    else
        bad "usb: mid-usb did not finish the import within 60 s"
    fi
    if [ "$kiosk" = 1 ]; then
        if t=$(usb_wait "mid-kiosk: update applied: .*seq=$seq" 60); then
            ok "usb: the kiosk applied the new revocation list, seq $seq ($t s after plugging)"
            usb_fig "usb: insert -> update applied: $t s"
        else
            bad "usb: the kiosk did not apply the bundle within 60 s"
        fi
        # garbage and forged: two refusals (one spool scan every 5 s)
        usb_wait 'mid-kiosk: update refused: ' 60 2 >/dev/null || true
        n=$(usb_count 'mid-kiosk: update refused: ')
        [ "$n" = 2 ] && ok "usb: the kiosk refused garbage.bundle and forged.bundle ($(usb_log |
            sed -n 's/.*mid-kiosk: update refused: \(.*\)/\1/p' | tr '\n' ';' | sed 's/;$//'))" ||
            bad "usb: $n refusals, want 2"
        [ "$(usb_count 'mid-kiosk: update applied: ')" = 1 ] && ok "usb: exactly one bundle applied" ||
            bad "usb: $(usb_count 'mid-kiosk: update applied: ') bundles applied, want 1"
    else
        skip "usb: kiosk not in the image: no update applied/refused expected"
    fi

    # ---- stick 2 while stick 1 is mounted: ignored ---------------------------------
    usb_plug stick2 "$USB_W/stick2.img"
    if t=$(usb_wait "mid-usb: ignored sd[a-z]+1?: $dev1 is already mounted" 60); then
        ok "usb: a second stick is ignored and logged ($t s)"
    else
        bad "usb: no 'ignored' line for the second stick"
    fi
    usb_pull stick2
    sleep 5
    [ "$(usb_count 'mid-usb: unmounted ')" = 0 ] && ok "usb: pulling the second stick leaves the first mounted" ||
        bad "usb: pulling the second stick unmounted something"

    # ---- stick 1 out -------------------------------------------------------------
    usb_pull stick1
    if t=$(usb_wait "mid-usb: unmounted $dev1 from /media/mid-usb" 60); then
        ok "usb: stick 1 unmounted after pulling it ($t s)"
        usb_fig "usb: pull -> unmounted: $t s"
    else
        bad "usb: stick 1 not unmounted within 60 s of pulling it"
    fi
    if [ "$kiosk" = 1 ]; then
        usb_wait 'MID-USB: kiosk-namespace (unmounted|STALE)' 20 >/dev/null || true
        [ "$(usb_count 'MID-USB: kiosk-namespace unmounted')" -ge 1 ] &&
            ok "usb: the unmount reached the kiosk's mount namespace" ||
            bad "usb: the kiosk's namespace kept a stale mount of the stick"
    fi

    # ---- stick 3: the installed bundle again ------------------------------------------
    if [ "$kiosk" = 1 ]; then
        usb_plug stick3 "$USB_W/stick3.img"
        if usb_wait 'mid-usb: 0 bundle\(s\) from' 60 >/dev/null &&
            [ "$(usb_count 'mid-usb: skipped revocation.bundle: already installed')" = 1 ]; then
            ok "usb: a stick with the installed bundle: skipped as already installed"
        else
            bad "usb: the installed bundle was not recognised on stick 3"
        fi
        usb_pull stick3
        usb_wait 'mid-usb: unmounted sd[a-z]+1? from /media/mid-usb' 60 2 >/dev/null &&
            ok "usb: stick 3 unmounted" || bad "usb: stick 3 not unmounted"
    fi
    usb_log | grep -E 'mid-usb|update (applied|refused)|MID-USB' > "$USB_W/usb.log" || true
    rm -f "$USB_W"/stick*.img
}

# usb_powercut_plug WORKDIR: after usb_test, in the same boot. Plugs a stick
# with an even newer revocation list (seq USB_CUT_SEQ) and returns as soon as
# it is copied into the spool, so that the caller can pull the plug (QEMU's
# "quit") while the kiosk is about to apply it. The stick image stays as
# USB_CUT_IMG for the next boot: usb_powercut_check tells what survived.
usb_powercut_plug() {
    USB_CUT_SEQ=$(( $(date +%s) + 100 ))
    USB_CUT_IMG=$USB_W/stick-cut.img
    mkdir -p "$USB_W/stick-cut.d"
    "$issue" revoke --root "$demo/root.pem" --records "$usb_top/assets/residents.tsv" \
        --seq "$USB_CUT_SEQ" --out "$USB_W/stick-cut.d/revocation.bundle" >/dev/null ||
        { bad "power cut: mid-issue revoke"; USB_CUT_IMG=""; return 1; }
    usb_mkstick "$USB_CUT_IMG" "$USB_W/stick-cut.d"
    USB_OFF=$(stat -c %s "$Q_SERIAL")
    usb_plug stickcut "$USB_CUT_IMG"
    if usb_wait 'mid-usb: copied revocation.bundle' 60 >/dev/null; then
        ok "power cut: the newer list is in the spool; pulling the plug now"
    else
        bad "power cut: the stick was not imported within 60 s"
    fi
}

# usb_powercut_check BOOT1_SERIAL: in the boot after the cut. Whatever the
# moment of the cut, the kiosk must come up on whole trust data and end up
# with the newer list: applied before the cut (boot 1's log says so), or
# applied now from the spool the cut left behind. Then the same stick again
# must be "already installed": the list on the data partition is that one.
usb_powercut_check() {
    [ -n "${USB_CUT_IMG:-}" ] || return 0
    if tr -d '\r' < "$1" | grep -Eq "update applied: kind=[0-9]+ seq=$USB_CUT_SEQ"; then
        ok "power cut: the kiosk had applied the newer list before the cut"
    elif t=$(qemu_wait "update applied: kind=[0-9]+ seq=$USB_CUT_SEQ" 90); then
        ok "power cut: the list spooled before the cut was applied after it ($t s)"
    else
        bad "power cut: the list spooled before the cut was lost"
    fi
    # the loader's complaints only (src/app/trustdata.c): a provisioning
    # refusal of an older bundle is the kiosk doing its job
    if serial_match 'mid-kiosk: (build time|floor file|root key|trust bundle|revocation bundle) /var/lib/mid-kiosk/[^ ]*: '; then
        bad "power cut: trust data damaged: $(tr -d '\r' < "$Q_SERIAL" | grep -Em 1 'mid-kiosk: (build time|floor file|root key|trust bundle|revocation bundle) /var/lib/mid-kiosk/[^ ]*: ')"
    else
        ok "power cut: the kiosk loaded whole trust data after the cut"
    fi
    USB_OFF=$(stat -c %s "$Q_SERIAL")
    usb_plug stickcut "$USB_CUT_IMG"
    if usb_wait 'mid-usb: [0-9]+ bundle\(s\) from' 60 >/dev/null &&
        [ "$(usb_count 'mid-usb: skipped revocation.bundle: already installed')" = 1 ]; then
        ok "power cut: the installed revocation list is the newer one (its stick: already installed)"
    else
        bad "power cut: the installed revocation list is not the newer one"
    fi
}

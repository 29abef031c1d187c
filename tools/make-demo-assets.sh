#!/bin/sh
# Makes the demo trust world in assets/demo/ with the project's own tools:
# a root key, an issuer key, one device key per invented resident of
# assets/residents.tsv, the signed trust and revocation bundles, and one
# credential per resident.
#
# DEMO ONLY. These keys are committed so that the demo is reproducible;
# they protect nothing and must never be installed on a real device.
#
# Usage: sh tools/make-demo-assets.sh [BUILD_DIR] [--new-keys]
#   BUILD_DIR   where the tools were built (default: build)
#   --new-keys  replace every key (otherwise existing keys are kept and
#               only bundles and credentials are signed again)
# Run from the repository root after `make BUILD=... $BUILD/bin/mid-issue
# $BUILD/bin/mid-holder`.
set -eu

BUILD=build
NEW_KEYS=0
for a in "$@"; do
    case $a in
    --new-keys) NEW_KEYS=1 ;;
    -*) echo "usage: $0 [BUILD_DIR] [--new-keys]" >&2; exit 2 ;;
    *) BUILD=$a ;;
    esac
done
ISSUE=$BUILD/bin/mid-issue
HOLDER=$BUILD/bin/mid-holder
RECORDS=assets/residents.tsv
OUT=assets/demo
for t in "$ISSUE" "$HOLDER"; do
    [ -x "$t" ] || { echo "$t not built" >&2; exit 2; }
done
[ -f "$RECORDS" ] || { echo "run from the repository root" >&2; exit 2; }

# Fixed dates keep the committed demo valid for a long time: credentials
# from 2026-01-01 through 2027-12-31 (KST), the issuer key a year longer.
CRED_NBF=2026-01-01
CRED_EXP=2028-01-01
KEY_NBF=2026-01-01
KEY_EXP=2029-01-01
ISSUED=2026-01-01T09:00:00+09:00

mkdir -p "$OUT/devices" "$OUT/creds"

keygen() { # keygen TOOL PRIV PUB
    if [ "$NEW_KEYS" = 1 ] || [ ! -f "$2" ] || [ ! -f "$3" ]; then
        "$1" keygen --out "$2" --pub "$3" --force >/dev/null
        echo "new key $2"
    fi
}

keygen "$ISSUE" "$OUT/root.pem" "$OUT/root.pub.pem"
keygen "$ISSUE" "$OUT/issuer.pem" "$OUT/issuer.pub.pem"
for id in $(awk -F'\t' '!/^#/ && NF && $1 != "id" { print $1 }' "$RECORDS"); do
    keygen "$HOLDER" "$OUT/devices/$id.pem" "$OUT/devices/$id.pub.pem"
done

"$ISSUE" trust --root "$OUT/root.pem" \
    --issuer "$OUT/issuer.pub.pem:resident,licence:$KEY_NBF:$KEY_EXP" \
    --seq 1 --issued "$ISSUED" --out "$OUT/trust.bundle"
"$ISSUE" revoke --root "$OUT/root.pem" --records "$RECORDS" \
    --seq 1 --issued "$ISSUED" --out "$OUT/revocation.bundle"
rm -f "$OUT"/creds/*.cred
"$ISSUE" sign --issuer "$OUT/issuer.pem" --records "$RECORDS" \
    --devices "$OUT/devices" --out "$OUT/creds" \
    --nbf "$CRED_NBF" --exp "$CRED_EXP" >/dev/null
echo "signed $(ls "$OUT"/creds/*.cred | wc -l) credentials into $OUT/creds"

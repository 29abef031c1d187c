# Sourced by tests/fuzz/run.sh (libFuzzer) and tests/fuzz/afl.sh (AFL++):
# the one list of harnesses and what each links besides the core.
# shellcheck shell=sh

MID_FUZZ_ALL="base45 cbor cose cwt verify verify_raw bundle floor pinfile receipt receiptlog pos sync"

# harness_src H: the harness source; harness_def H: its -D flags
harness_src() {
    case $1 in
    verify_raw) echo tests/fuzz/fuzz_verify.c ;;
    *) echo "tests/fuzz/fuzz_$1.c" ;;
    esac
}
harness_def() {
    [ "$1" = verify_raw ] && echo -DFUZZ_VERIFY_RAW
    return 0
}

# harness_extra H: sources outside src/core. The floor file and sync parsers
# live in the app layer (they read and write files); the POS message layer
# is an adapter on jansson (src/pos/).
harness_extra() {
    case $1 in
    floor) echo src/app/floor.c src/app/files.c ;;
    sync) echo src/app/sync.c src/app/files.c src/app/update.c src/app/trustdata.c \
        src/app/config.c src/app/floor.c ;;
    pos) ls src/pos/*.c ;;
    esac
}

# harness_libs H: libraries besides mbedTLS and libm
harness_libs() {
    [ "$1" = pos ] && echo -ljansson
    return 0
}

# harness_dict H: the dictionary file, or nothing
harness_dict() {
    case $1 in
    base45 | verify) echo tests/fuzz/base45.dict ;;
    floor) ;;
    pos) echo tests/fuzz/pos.dict ;;
    sync) echo tests/fuzz/sync.dict ;;
    *) echo tests/fuzz/cbor.dict ;;
    esac
}

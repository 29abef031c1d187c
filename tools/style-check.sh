#!/bin/sh
# The checks docs/CODE_STYLE.md promises (`make style`):
#   format    clang-format (.clang-format) on the files of
#             tools/style-formatted.txt; a line "*" there means every C file
#   banned    no strcpy strcat sprintf vsprintf gets sscanf atoi atol strtok
#   layers    src/core includes only libc and the core's own headers (and
#             the crypto adapter interface), and so do the core's headers
#   cycles    no include circle between the headers of include/mid/
# Every C file is checked by the last three; `make style-fix` formats the
# whole tree. Prints one line per rule and a closing "N passed, N failed";
# exits non-zero on any violation.
set -u
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
passed=0
failed=0
result() { # rule, status (0 = ok), detail file
    if [ "$2" -eq 0 ]; then
        echo "ok   $1"
        passed=$((passed + 1))
    else
        echo "FAIL $1"
        sed 's/^/     /' "$3"
        failed=$((failed + 1))
    fi
}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Every C, C++ and header file the project owns (not build output).
all_files() {
    find src include tools tests bench \
        \( -name '*.c' -o -name '*.h' -o -name '*.cc' \) -type f | LC_ALL=C sort
}

# ---- format
: >"$out"
st=0
if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
    echo "$CLANG_FORMAT not installed (tools/install-deps.sh)" >"$out"
    st=1
else
    if grep -qx '\*' tools/style-formatted.txt 2>/dev/null; then
        list=$(all_files)
    else
        list=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' tools/style-formatted.txt 2>/dev/null)
    fi
    for f in $list; do
        if [ ! -f "$f" ]; then
            echo "$f: listed in tools/style-formatted.txt but missing" >>"$out"
            st=1
        elif ! "$CLANG_FORMAT" --dry-run -Werror "$f" >>"$out" 2>&1; then
            st=1
        fi
    done
fi
result "format (clang-format, tools/style-formatted.txt)" "$st" "$out"

# ---- banned functions: a call, not a word in a comment ("gets a frame")
all_files | xargs grep -nE '(^|[^A-Za-z0-9_.>])(strcpy|strcat|sprintf|vsprintf|gets|sscanf|atoi|atol|strtok)[[:space:]]*\(' >"$out" 2>/dev/null
[ -s "$out" ] && st=1 || st=0
result "banned functions" "$st" "$out"

# ---- layers: what the core may include
core_ok() { # header name as written in #include "..."
    case $1 in
    mid/mid_limits.h | mid/mid_crypto.h | mid/mid.h) return 0 ;;
    mid/mid_*.h)
        m=${1#mid/mid_}
        [ -f "src/core/${m%.h}.c" ] ;;
    *_private.h) [ -f "src/core/$1" ] ;;
    *) return 1 ;;
    esac
}
libc_ok() {
    case $1 in
    stddef.h | stdint.h | string.h | limits.h | stdbool.h | stdarg.h) return 0 ;;
    *) return 1 ;;
    esac
}
: >"$out"
core_headers=""
for c in src/core/*.c; do
    m=$(basename "$c" .c)
    [ -f "include/mid/mid_$m.h" ] && core_headers="$core_headers include/mid/mid_$m.h"
done
for f in src/core/*.c src/core/*.h $core_headers include/mid/mid_limits.h include/mid/mid_crypto.h include/mid/mid.h; do
    [ -f "$f" ] || continue
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1/p' "$f" |
        while read -r inc; do
            name=$(echo "$inc" | sed 's/^[<"]\(.*\)[>"]$/\1/')
            case $inc in
            \<*) libc_ok "$name" || echo "$f: <$name> is not libc the core may use" ;;
            *)
                # headers inside include/mid/ name their siblings without mid/
                case $f in include/mid/*) [ -f "include/mid/$name" ] && name="mid/$name" ;; esac
                core_ok "$name" || echo "$f: \"$name\" is not a core header"
                ;;
            esac
        done >>"$out"
done
[ -s "$out" ] && st=1 || st=0
result "layers (src/core includes only libc and the core)" "$st" "$out"

# ---- include cycles among include/mid/*.h (transitive closure, small set)
: >"$out"
deps() { # direct includes of include/mid/$1 that are in include/mid/
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\(mid\/\)\{0,1\}\(mid[^"]*\.h\)".*/\2/p' "include/mid/$1" |
        while read -r d; do [ -f "include/mid/$d" ] && echo "$d"; done
}
for h in include/mid/*.h; do
    start=$(basename "$h")
    seen=" "
    todo=$(deps "$start")
    while [ -n "$todo" ]; do
        next=""
        for d in $todo; do
            if [ "$d" = "$start" ]; then
                echo "$start includes itself through its includes" >>"$out"
                next=""
                break 2
            fi
            case $seen in *" $d "*) continue ;; esac
            seen="$seen$d "
            next="$next $(deps "$d")"
        done
        todo=$next
    done
done
[ -s "$out" ] && st=1 || st=0
result "include cycles (include/mid)" "$st" "$out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# The committed name-character table (src/core/unicode_table.c) is exactly
# what tools/gen-unicode-table.py makes from the installed Unicode
# Character Database (Debian's unicode-data, /usr/share/unicode), byte for
# byte. Run by tests/run-tests.sh as `sh tests/e2e/test_unicode_table.sh
# BUILD_DIR` from the repository root (BUILD_DIR is not needed). When the
# installed database has another Unicode version than the table, the
# generator says so and how to regenerate; bookworm pins unicode-data
# 15.0.0, the table's version. Prints "N passed, N failed" last.
set -u

UCD=${MID_UCD_DIR:-/usr/share/unicode}
GEN=tools/gen-unicode-table.py
TABLE=src/core/unicode_table.c
W=$(mktemp -d "${TMPDIR:-/tmp}/mid-unicode.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }

if ! command -v python3 >/dev/null 2>&1; then
    nok "python3 is missing (tools/install-deps.sh installs it)"
    echo "$passed passed, $failed failed"
    exit 1
fi
if [ ! -r "$UCD/DerivedCoreProperties.txt" ]; then
    nok "no Unicode Character Database in $UCD (apt-get install unicode-data; tools/install-deps.sh)"
    echo "$passed passed, $failed failed"
    exit 1
fi

# the generator's own comparison (version first, then bytes)
if python3 "$GEN" --ucd "$UCD" --check "$TABLE" >"$W/check.out" 2>"$W/check.err"; then
    ok "$(cat "$W/check.out")"
else
    cat "$W/check.err"
    nok "$TABLE matches the generator's output for $UCD"
fi

# and independently of --check: generate into a file, compare with cmp
if python3 "$GEN" --ucd "$UCD" >"$W/table.c" 2>"$W/gen.err" &&
    cmp -s "$W/table.c" "$TABLE"; then
    ok "regenerated table is byte-identical to $TABLE"
else
    cat "$W/gen.err"
    nok "regenerated table is byte-identical to $TABLE"
fi

# the comparison can fail: a table from another version, and an edited one
sed 's/mid_unicode_table_version\[\] = "[^"]*"/mid_unicode_table_version[] = "1.0.0"/' \
    "$TABLE" >"$W/old.c"
if python3 "$GEN" --ucd "$UCD" --check "$W/old.c" >/dev/null 2>"$W/old.err"; then
    nok "a table of another Unicode version is refused"
elif grep -q "made from Unicode 1.0.0" "$W/old.err" && grep -q "Regenerate:" "$W/old.err"; then
    ok "a table of another Unicode version is refused, with how to regenerate"
else
    cat "$W/old.err"
    nok "a table of another Unicode version is refused, with how to regenerate"
fi
sed '0,/{0x0000, 0x001F}/s//{0x0000, 0x001E}/' "$TABLE" >"$W/edited.c"
if ! cmp -s "$W/edited.c" "$TABLE" &&
    ! python3 "$GEN" --ucd "$UCD" --check "$W/edited.c" >/dev/null 2>&1; then
    ok "a hand-edited table is refused"
else
    nok "a hand-edited table is refused"
fi

# the table's version is the installed database's
V=$(sed -n '1s/^# DerivedCoreProperties-\([0-9.]*\)\.txt.*/\1/p' "$UCD/DerivedCoreProperties.txt")
if grep -q "mid_unicode_table_version\[\] = \"$V\"" "$TABLE"; then
    ok "table version $V = installed unicode-data"
else
    nok "table version = installed unicode-data ($V)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

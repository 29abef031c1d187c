#!/bin/sh
# mid-verify's JSON tells the truth about the checks (docs/man/mid-verify.1,
# CHECKS): for every conformance vector the "checks" array is "pass" up to
# failed_check, "fail" there, "not_run" after it (all "pass" when valid),
# so the first entry that is not "pass" names the failed check. And an
# oversized QR text gets the same FORMAT / too large JSON on --text as on
# --stdin, whatever its length. Run by tests/run-tests.sh as
# `sh tests/e2e/test_verify_json.sh BUILD_DIR` from the repository root;
# python3 reads the JSON. Prints "N passed, N failed" last.
set -u

BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
VERIFY=$BUILD/bin/mid-verify
VEC=$(pwd)/tests/vectors
W=$(mktemp -d "${TMPDIR:-/tmp}/mid-json.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }

if [ ! -x "$VERIFY" ] || ! command -v python3 >/dev/null 2>&1; then
    echo "missing $VERIFY or python3"
    echo "0 passed, 1 failed"
    exit 1
fi

# rule FILE: the checks rule on one mid-verify output; prints what is wrong
cat >"$W/rule.py" <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
expect = sys.argv[2]  # "valid" or the expected failed check
checks = out["checks"]
ids = [c["id"] for c in checks]
st = [c["status"] for c in checks]
errs = [(c["error"], c["error_code"]) for c in checks]
bad = []
if expect == "valid":
    if out["verdict"] != "valid" or out["failed_check"] is not None:
        bad.append("verdict %s / %s" % (out["verdict"], out["failed_check"]))
    if any(s != "pass" for s in st) or any(e != (None, 0) for e in errs):
        bad.append("not all pass: %s" % st)
else:
    if out["verdict"] != "invalid" or out["failed_check"] != expect:
        bad.append("verdict %s / %s" % (out["verdict"], out["failed_check"]))
    elif expect not in ids:
        bad.append("%s not in checks" % expect)
    else:
        k = ids.index(expect)
        want = ["pass"] * k + ["fail"] + ["not_run"] * (len(ids) - k - 1)
        if st != want:
            bad.append("statuses %s" % st)
        first = next((c["id"] for c in checks if c["status"] != "pass"), None)
        if first != out["failed_check"]:
            bad.append("first non-pass entry %s" % first)
        if errs[k] != (out["error"], out["error_code"]):
            bad.append("failing entry's error %s, result's %s" % (errs[k], out["error"]))
        if any(e != (None, 0) for i, e in enumerate(errs) if i != k):
            bad.append("an error on an entry that did not fail")
print("; ".join(bad))
PY
# fields VECTOR: the mid-verify arguments of one vector, one per line,
# then the expectation; nothing for a sequence (mid-verify has no replay
# memory between runs)
cat >"$W/fields.py" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
if "qr" not in v:
    sys.exit(0)
open(sys.argv[2], "w").write(v["qr"])
e = v["expect"]
print(v["time"], v["purpose"], v["freshness"], v["skew"], v["build_floor"],
      "yes" if v["revocation"] else "no",
      "valid" if e["verdict"] == "valid" else e["failed_check"],
      v.get("trust_bundle", "trust.bundle"), v.get("revocation_bundle", "revocation.bundle"),
      v.get("revocation_max_age", -1), v.get("revocation_policy", "fail"))
PY

# ---- every vector through mid-verify ----
n=0
nbad=0
skipped=0
for f in "$VEC"/invalid/*.json "$VEC"/valid/*.json; do
    line=$(python3 "$W/fields.py" "$f" "$W/qr.txt")
    if [ -z "$line" ]; then
        skipped=$((skipped + 1))
        continue
    fi
    # shellcheck disable=SC2086
    set -- $line
    rev=""
    [ "$6" = yes ] && rev="--revocation $VEC/$9 --revocation-policy ${11}"
    [ "$6" = yes ] && [ "${10}" -ge 0 ] && rev="$rev --revocation-max-age ${10}"
    # --text passes the exact bytes (--stdin drops a trailing newline,
    # which format_base45_newline ends in); the x keeps $(...) from
    # dropping it too
    qr=$(cat "$W/qr.txt"; printf x)
    qr=${qr%x}
    # shellcheck disable=SC2086
    "$VERIFY" --root "$VEC/root.pub.pem" --trust "$VEC/$8" $rev \
        --purpose "$2" --time "$1" --freshness "$3" --skew "$4" --build-floor "$5" \
        --text "$qr" >"$W/out.json" 2>>"$W/stderr.log"
    rc=$?
    want_rc=1
    [ "$7" = valid ] && want_rc=0
    why=$(python3 "$W/rule.py" "$W/out.json" "$7" 2>&1)
    [ "$rc" -ne "$want_rc" ] && why="exit $rc; $why"
    n=$((n + 1))
    if [ -n "$why" ]; then
        nbad=$((nbad + 1))
        echo "     $(basename "$f"): $why"
    fi
done
if [ "$n" -gt 0 ] && [ "$nbad" -eq 0 ]; then
    ok "checks rule holds in mid-verify's JSON for all $n vectors ($skipped sequence skipped)"
else
    nok "checks rule in mid-verify's JSON: $nbad of $n vectors break it"
fi

# ---- oversized text: --text = --stdin, FORMAT / too large ----
ARGS="--root $VEC/root.pub.pem --trust $VEC/trust.bundle --revocation $VEC/revocation.bundle --purpose adult --time 1795662000"
for len in 3392 8191 8192 8193 20000 100000; do
    python3 -c "import sys; sys.stdout.write('MID1:' + '0' * ($len - 5))" >"$W/big.txt"
    # shellcheck disable=SC2086
    "$VERIFY" $ARGS --stdin <"$W/big.txt" >"$W/stdin.json" 2>/dev/null
    rc_in=$?
    # shellcheck disable=SC2086
    "$VERIFY" $ARGS --text "$(cat "$W/big.txt")" >"$W/text.json" 2>"$W/text.err"
    rc_text=$?
    # shellcheck disable=SC2086
    "$VERIFY" $ARGS "--text=$(cat "$W/big.txt")" >"$W/text_eq.json" 2>/dev/null
    rc_eq=$?
    why=$(python3 "$W/rule.py" "$W/text.json" FORMAT 2>&1)
    if [ "$rc_text" -eq 1 ] && [ "$rc_in" -eq 1 ] && [ "$rc_eq" -eq 1 ] && [ -z "$why" ] &&
        cmp -s "$W/text.json" "$W/stdin.json" && cmp -s "$W/text.json" "$W/text_eq.json" &&
        grep -q '"error":"too large","error_code":101' "$W/text.json" &&
        [ ! -s "$W/text.err" ]; then
        ok "$len characters: --text, --text= and --stdin give the same FORMAT / too large JSON"
    else
        nok "$len characters: --text $rc_text, --text= $rc_eq, --stdin $rc_in; $why $(cat "$W/text.err")"
    fi
done
# the largest text a QR holds is not too large (its zeros decode to bytes
# that are no presentation: refused later, by STRUCTURE)
python3 -c "import sys; sys.stdout.write('MID1:' + '0' * 3386)" >"$W/max.txt"
# shellcheck disable=SC2086
"$VERIFY" $ARGS --text "$(cat "$W/max.txt")" >"$W/max.json" 2>/dev/null
if ! grep -q '"too large"' "$W/max.json" && grep -q '"failed_check":"STRUCTURE"' "$W/max.json"; then
    ok "3391 characters are not too large"
else
    nok "3391 characters are not too large: $(cat "$W/max.json")"
fi
# other options keep their bound: a path value over the limit is still a usage error
LONG=$(python3 -c "print('x' * 9000)")
"$VERIFY" --root "$LONG" --trust t --purpose adult --now --text MID1: >"$W/long.out" 2>/dev/null
rc=$?
if [ "$rc" -eq 2 ] && [ ! -s "$W/long.out" ]; then
    ok "--root over 8191 characters stays a usage error (exit 2, no JSON)"
else
    nok "--root over 8191 characters stays a usage error (exit $rc)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

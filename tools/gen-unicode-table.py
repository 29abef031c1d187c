#!/usr/bin/env python3
"""gen-unicode-table.py - writes src/core/unicode_table.c, the table of code
points a name may not hold (docs/payload-format.md, "Characters in names"),
from the Unicode Character Database of Debian's unicode-data package.

    python3 tools/gen-unicode-table.py > src/core/unicode_table.c
    python3 tools/gen-unicode-table.py --check src/core/unicode_table.c

--check regenerates in memory and compares with the committed file byte for
byte (tests/e2e/test_unicode_table.sh); exit 1 with the reason when the
installed database has another Unicode version or the bytes differ.
--ucd DIR reads the database from DIR (default /usr/share/unicode).

A code point is refused when any of these holds (the reasons are in the
spec):
  General_Category Cc, Cf, Cs, Co, Cn (controls, format, surrogates, private
      use, unassigned - noncharacters are Cn too)
  General_Category Mn, Mc, Me (combining marks), or Canonical_Combining_Class
      not 0
  General_Category Zl, Zp (line and paragraph separators), Zs other than
      U+0020
  Default_Ignorable_Code_Point (DerivedCoreProperties.txt; it holds the
      Hangul fillers U+115F U+1160 U+3164 U+FFA0, the variation selectors
      and the tags), Bidi_Control, Noncharacter_Code_Point (PropList.txt)
  NFC_Quick_Check No or Maybe (DerivedNormalizationProps.txt): a character
      that cannot stand in NFC text, or may combine with the one before
  U+2800 BRAILLE PATTERN BLANK, U+FFFC OBJECT REPLACEMENT CHARACTER,
      U+FFFD REPLACEMENT CHARACTER: symbols that show as blank or as a box

Output: for each of the 17 planes, a sorted list of inclusive ranges of the
low 16 bits (two uint16_t each), and an index of the first range of every
plane; the lookup is a binary search inside one plane. Only the standard
library is used, and the output depends only on the database files.
"""

import os
import re
import sys

PLANES = 17
MAX_CP = 0x10FFFF
UCD_FILES = ("UnicodeData.txt", "DerivedCoreProperties.txt", "PropList.txt",
             "DerivedNormalizationProps.txt")
REFUSED_GC = {"Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Mc", "Me", "Zl", "Zp"}
HANGUL_FILLERS = (0x115F, 0x1160, 0x3164, 0xFFA0)
BLANK_SYMBOLS = (0x2800, 0xFFFC, 0xFFFD)


def fail(msg):
    sys.stderr.write("gen-unicode-table: %s\n" % msg)
    sys.exit(1)


def file_version(path):
    """The version in a UCD file's first line, '# Name-15.0.0.txt'."""
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except OSError as e:
        fail("%s: %s (install Debian's unicode-data package: "
             "tools/install-deps.sh)" % (path, e.strerror))
    m = re.match(r"# [A-Za-z]+-(\d+\.\d+\.\d+)\.txt", first)
    if not m:
        fail("%s: no version in the first line" % path)
    return m.group(1)


def ucd_version(ucd):
    versions = {name: file_version(os.path.join(ucd, name))
                for name in UCD_FILES if name != "UnicodeData.txt"}
    if len(set(versions.values())) != 1:
        fail("UCD files of different versions in %s: %s" % (ucd, versions))
    return versions["DerivedCoreProperties.txt"]


def read_unicode_data(path):
    """General category and combining class of every code point (Cn and 0
    for those the file does not list)."""
    gc = ["Cn"] * (MAX_CP + 1)
    ccc = [0] * (MAX_CP + 1)
    first = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(";")
            if len(fields) < 15:
                fail("%s: bad line %r" % (path, line))
            cp = int(fields[0], 16)
            name, cat, cls = fields[1], fields[2], int(fields[3])
            if name.endswith(", First>"):
                first = cp
                continue
            lo = first if name.endswith(", Last>") else cp
            first = None
            for c in range(lo, cp + 1):
                gc[c] = cat
                ccc[c] = cls
    return gc, ccc


def read_property(path, wanted):
    """Code points with property wanted (and, for NFC_QC, value N or M)."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            if fields[1] != wanted:
                continue
            if wanted == "NFC_QC" and fields[2] not in ("N", "M"):
                continue
            span = fields[0].split("..")
            lo = int(span[0], 16)
            hi = int(span[-1], 16)
            out.update(range(lo, hi + 1))
    if not out:
        fail("%s: no code point with %s" % (path, wanted))
    return out


def refused_set(ucd):
    gc, ccc = read_unicode_data(os.path.join(ucd, "UnicodeData.txt"))
    dcp = os.path.join(ucd, "DerivedCoreProperties.txt")
    prop = os.path.join(ucd, "PropList.txt")
    norm = os.path.join(ucd, "DerivedNormalizationProps.txt")
    ignorable = read_property(dcp, "Default_Ignorable_Code_Point")
    bidi = read_property(prop, "Bidi_Control")
    nonchar = read_property(prop, "Noncharacter_Code_Point")
    nfc_no_maybe = read_property(norm, "NFC_QC")
    refused = bytearray(MAX_CP + 1)
    for cp in range(MAX_CP + 1):
        g = gc[cp]
        if (g in REFUSED_GC or ccc[cp] != 0 or (g == "Zs" and cp != 0x20) or
                cp in ignorable or cp in bidi or cp in nonchar or
                cp in nfc_no_maybe):
            refused[cp] = 1
    for cp in HANGUL_FILLERS + BLANK_SYMBOLS:
        refused[cp] = 1
    # What the spec promises, checked against this database.
    for cp in HANGUL_FILLERS:
        if cp not in ignorable:
            fail("U+%04X is no longer Default_Ignorable: review the spec" % cp)
    for cp in range(0x20, 0x7F):
        if refused[cp]:
            fail("printable ASCII U+%04X refused" % cp)
    for cp in range(0xAC00, 0xD7A4):
        if refused[cp]:
            fail("Hangul syllable U+%04X refused" % cp)
    return refused


def ranges_by_plane(refused):
    planes = []
    for p in range(PLANES):
        base = p << 16
        rs = []
        cp = 0
        while cp <= 0xFFFF:
            if refused[base + cp]:
                lo = cp
                while cp + 1 <= 0xFFFF and refused[base + cp + 1]:
                    cp += 1
                rs.append((lo, cp))
            cp += 1
        planes.append(rs)
    return planes


def render(version, planes):
    total = sum(len(rs) for rs in planes)
    size = 4 * total + 2 * (PLANES + 1)
    out = []
    out.append("/* GENERATED by tools/gen-unicode-table.py from the Unicode "
               "Character Database\n")
    out.append(" * %s (Debian's unicode-data). Do not edit: regenerate with\n"
               % version)
    out.append(" *   python3 tools/gen-unicode-table.py > "
               "src/core/unicode_table.c\n")
    out.append(" * The code points a name may not hold "
               "(docs/payload-format.md): %d ranges,\n" % total)
    out.append(" * %d bytes (4 per range, 2 per plane index entry). */\n"
               % size)
    out.append('#include "unicode_private.h"\n\n')
    out.append('const char mid_unicode_table_version[] = "%s";\n\n' % version)
    out.append("/* Index of the first range of each plane; [%d] is the total. */\n"
               % PLANES)
    out.append("const uint16_t mid_unicode_plane_first[MID_UNICODE_PLANES + 1] = {\n")
    idx = 0
    firsts = []
    for rs in planes:
        firsts.append(idx)
        idx += len(rs)
    firsts.append(idx)
    out.append(_wrap(["%d" % x for x in firsts]))
    out.append("};\n\n")
    out.append("/* Inclusive [low, high] of the low 16 bits, sorted, disjoint "
               "and not adjacent\n * within a plane. */\n")
    out.append("const uint16_t mid_unicode_ranges[%d][2] = {\n" % total)
    for p, rs in enumerate(planes):
        out.append("    /* plane %d: %d */\n" % (p, len(rs)))
        out.append(_wrap(["{0x%04X, 0x%04X}" % r for r in rs]))
    out.append("};\n")
    out.append("const size_t mid_unicode_range_count = %d;\n" % total)
    return "".join(out)


def _wrap(items, width=96):
    lines = []
    cur = "   "
    for it in items:
        piece = " " + it + ","
        if len(cur) + len(piece) > width:
            lines.append(cur + "\n")
            cur = "   "
        cur += piece
    if cur.strip():
        lines.append(cur + "\n")
    return "".join(lines)


def main(argv):
    ucd = "/usr/share/unicode"
    check = None
    i = 1
    while i < len(argv):
        if argv[i] == "--ucd" and i + 1 < len(argv):
            ucd = argv[i + 1]
            i += 2
        elif argv[i] == "--check" and i + 1 < len(argv):
            check = argv[i + 1]
            i += 2
        else:
            fail("usage: gen-unicode-table.py [--ucd DIR] [--check FILE]")
    version = ucd_version(ucd)
    text = render(version, ranges_by_plane(refused_set(ucd)))
    if check is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(check, encoding="utf-8") as f:
            committed = f.read()
    except OSError as e:
        fail("%s: %s" % (check, e.strerror))
    m = re.search(r'mid_unicode_table_version\[\] = "([^"]*)"', committed)
    have = m.group(1) if m else "unknown"
    if have != version:
        fail("%s was made from Unicode %s, the installed database (%s) is "
             "%s.\nRegenerate: python3 tools/gen-unicode-table.py > %s, then "
             "review the refused classes in docs/payload-format.md, rebuild, "
             "run test_unicode and the vectors, and commit."
             % (check, have, ucd, version, check))
    if committed != text:
        fail("%s differs from what the Unicode %s database in %s gives: it "
             "was edited by hand or the generator changed without "
             "regenerating.\nRegenerate: python3 tools/gen-unicode-table.py "
             "> %s" % (check, version, ucd, check))
    n = re.search(r"mid_unicode_range_count = (\d+);", text).group(1)
    sys.stdout.write("gen-unicode-table: %s matches Unicode %s (%s ranges)\n"
                     % (check, version, n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

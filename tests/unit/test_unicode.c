/* Characters in names (mid_unicode, docs/payload-format.md "Characters in
 * names"): the generated table's shape, the binary search against a
 * linear scan of the table for every code point, boundary code points of
 * each refused class in every plane (written here by hand from the
 * Unicode 15.0 character names, not read from the table), and the UTF-8
 * and space rules of mid_unicode_name_text_ok. That the table is what the
 * UCD gives is tests/e2e/test_unicode_table.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/unicode_private.h"
#include "mid/mid_unicode.h"

static int linear_refused(uint32_t cp)
{
    size_t p = cp >> 16;
    for (size_t i = mid_unicode_plane_first[p]; i < mid_unicode_plane_first[p + 1u]; i++) {
        if ((cp & 0xFFFFu) >= mid_unicode_ranges[i][0] &&
            (cp & 0xFFFFu) <= mid_unicode_ranges[i][1])
            return 1;
    }
    return 0;
}

static void test_table_shape(void **state)
{
    (void)state;
    assert_string_equal(mid_unicode_version(), mid_unicode_table_version);
    assert_true(strlen(mid_unicode_version()) >= 5u);
    assert_int_equal(mid_unicode_plane_first[0], 0);
    assert_int_equal(mid_unicode_plane_first[MID_UNICODE_PLANES], mid_unicode_range_count);
    for (size_t p = 0; p < MID_UNICODE_PLANES; p++) {
        size_t a = mid_unicode_plane_first[p], b = mid_unicode_plane_first[p + 1u];
        assert_true(a <= b);
        for (size_t i = a; i < b; i++) {
            assert_true(mid_unicode_ranges[i][0] <= mid_unicode_ranges[i][1]);
            /* sorted, disjoint and not adjacent (adjacent ranges would be
             * one range: the generator merges them) */
            if (i > a)
                assert_true((uint32_t)mid_unicode_ranges[i - 1u][1] + 1u <
                            mid_unicode_ranges[i][0]);
        }
    }
}

/* The search agrees with the table for all 1,114,112 code points. */
static void test_search_matches_table(void **state)
{
    size_t refused = 0;
    (void)state;
    for (uint32_t cp = 0; cp <= MID_UNICODE_MAX; cp++) {
        int r = mid_unicode_refused(cp);
        if (r != linear_refused(cp))
            fail_msg("U+%04X: search %d, table %d", (unsigned)cp, r, linear_refused(cp));
        refused += (size_t)r;
    }
    print_message("%zu of 1114112 code points refused, %zu ranges\n", refused,
                  mid_unicode_range_count);
    assert_int_equal(mid_unicode_refused(MID_UNICODE_MAX + 1u), 1);
    assert_int_equal(mid_unicode_refused(0xFFFFFFFFu), 1);
}

typedef struct point {
    uint32_t cp;
    int refused;
    const char *why;
} point;

/* Each refused class at its edges, with an allowed neighbour where one
 * exists. */
static const point POINTS[] = {
    /* plane 0: controls (Cc) */
    {0x0000, 1, "NUL"},
    {0x001F, 1, "C0 last"},
    {0x0020, 0, "SPACE"},
    {0x007E, 0, "TILDE"},
    {0x007F, 1, "DEL"},
    {0x0085, 1, "C1 NEL"},
    {0x009F, 1, "C1 last"},
    /* spaces other than U+0020 (Zs) */
    {0x00A0, 1, "NO-BREAK SPACE"},
    {0x00A1, 0, "INVERTED EXCLAMATION MARK"},
    {0x1680, 1, "OGHAM SPACE MARK"},
    {0x2000, 1, "EN QUAD"},
    {0x200A, 1, "HAIR SPACE"},
    {0x202F, 1, "NARROW NO-BREAK SPACE"},
    {0x205F, 1, "MEDIUM MATHEMATICAL SPACE"},
    {0x3000, 1, "IDEOGRAPHIC SPACE"},
    {0x3001, 0, "IDEOGRAPHIC COMMA"},
    /* default-ignorable and format (Cf) */
    {0x00AC, 0, "NOT SIGN"},
    {0x00AD, 1, "SOFT HYPHEN"},
    {0x00AE, 0, "REGISTERED SIGN"},
    {0x034F, 1, "COMBINING GRAPHEME JOINER"},
    {0x180E, 1, "MONGOLIAN VOWEL SEPARATOR"},
    {0x200B, 1, "ZERO WIDTH SPACE"},
    {0x200C, 1, "ZWNJ"},
    {0x200D, 1, "ZWJ"},
    {0x2010, 0, "HYPHEN"},
    {0x2060, 1, "WORD JOINER"},
    {0x2064, 1, "INVISIBLE PLUS"},
    {0x2065, 1, "unassigned, default-ignorable"},
    {0x206F, 1, "NOMINAL DIGIT SHAPES"},
    {0x2070, 0, "SUPERSCRIPT ZERO"},
    {0xFEFF, 1, "ZERO WIDTH NO-BREAK SPACE (BOM)"},
    {0xFFF9, 1, "INTERLINEAR ANNOTATION ANCHOR"},
    {0xFFFB, 1, "INTERLINEAR ANNOTATION TERMINATOR"},
    /* bidi controls */
    {0x061C, 1, "ARABIC LETTER MARK"},
    {0x200E, 1, "LRM"},
    {0x200F, 1, "RLM"},
    {0x202A, 1, "LRE"},
    {0x202E, 1, "RLO"},
    {0x2066, 1, "LRI"},
    {0x2069, 1, "PDI"},
    /* line and paragraph separators */
    {0x2027, 0, "HYPHENATION POINT"},
    {0x2028, 1, "LINE SEPARATOR"},
    {0x2029, 1, "PARAGRAPH SEPARATOR"},
    /* Hangul fillers, and their allowed neighbours */
    {0x115E, 0, "HANGUL CHOSEONG KIYEOK-HIEUH"},
    {0x115F, 1, "HANGUL CHOSEONG FILLER"},
    {0x1160, 1, "HANGUL JUNGSEONG FILLER"},
    {0x3163, 0, "HANGUL LETTER I"},
    {0x3164, 1, "HANGUL FILLER"},
    {0x3165, 0, "HANGUL LETTER SSANGNIEUN"},
    {0xFF9F, 0, "HALFWIDTH KATAKANA SEMI-VOICED SOUND MARK"},
    {0xFFA0, 1, "HALFWIDTH HANGUL FILLER"},
    {0xFFA1, 0, "HALFWIDTH HANGUL LETTER KIYEOK"},
    /* Hangul: syllables allowed; conjoining vowels and finals are not NFC */
    {0x1100, 0, "HANGUL CHOSEONG KIYEOK"},
    {0x1161, 1, "HANGUL JUNGSEONG A (NFC_QC Maybe)"},
    {0x11A8, 1, "HANGUL JONGSEONG KIYEOK (NFC_QC Maybe)"},
    {0xABFF, 1, "unassigned"},
    {0xAC00, 0, "HANGUL SYLLABLE GA"},
    {0xD55C, 0, "HANGUL SYLLABLE HAN"},
    {0xD7A3, 0, "HANGUL SYLLABLE HIH"},
    {0xD7A4, 1, "unassigned"},
    /* combining marks */
    {0x02FF, 0, "MODIFIER LETTER LOW LEFT ARROW"},
    {0x0300, 1, "COMBINING GRAVE ACCENT"},
    {0x0301, 1, "COMBINING ACUTE ACCENT"},
    {0x0336, 1, "COMBINING LONG STROKE OVERLAY"},
    {0x036F, 1, "COMBINING LATIN SMALL LETTER X"},
    {0x0370, 0, "GREEK CAPITAL LETTER HETA"},
    {0x20DD, 1, "COMBINING ENCLOSING CIRCLE (Me)"},
    {0x302E, 1, "HANGUL SINGLE DOT TONE MARK (Mc)"},
    /* not in NFC (singletons) */
    {0x00C5, 0, "LATIN CAPITAL LETTER A WITH RING ABOVE"},
    {0x00E9, 0, "LATIN SMALL LETTER E WITH ACUTE"},
    {0x212B, 1, "ANGSTROM SIGN"},
    {0x2126, 1, "OHM SIGN"},
    {0xF900, 1, "CJK COMPATIBILITY IDEOGRAPH-F900"},
    /* blank and placeholder symbols */
    {0x27FF, 0, "LONG RIGHTWARDS SQUIGGLE ARROW"},
    {0x2800, 1, "BRAILLE PATTERN BLANK"},
    {0x2801, 0, "BRAILLE PATTERN DOTS-1"},
    {0xFFFC, 1, "OBJECT REPLACEMENT CHARACTER"},
    {0xFFFD, 1, "REPLACEMENT CHARACTER"},
    /* unassigned, surrogates, private use, noncharacters */
    {0x0378, 1, "unassigned"},
    {0xD800, 1, "high surrogate"},
    {0xDFFF, 1, "low surrogate"},
    {0xE000, 1, "private use first"},
    {0xF8FF, 1, "private use last"},
    {0xFDCF, 0, "ARABIC LIGATURE SALAAMUHU ..."},
    {0xFDD0, 1, "noncharacter"},
    {0xFDEF, 1, "noncharacter"},
    {0xFDF0, 0, "ARABIC LIGATURE SALLA ..."},
    {0xFFFE, 1, "noncharacter"},
    {0xFFFF, 1, "noncharacter"},
    /* variation selectors (3-byte) */
    {0xFDFF, 0, "ARABIC LIGATURE BISMILLAH"},
    {0xFE00, 1, "VS1"},
    {0xFE0F, 1, "VS16"},
    {0xFE10, 0, "PRESENTATION FORM FOR VERTICAL COMMA"},
    /* plane 1 */
    {0x10000, 0, "LINEAR B SYLLABLE B008 A"},
    {0x1BC9F, 0, "DUPLOYAN PUNCTUATION CHINOOK FULL STOP"},
    {0x1BCA0, 1, "SHORTHAND FORMAT LETTER OVERLAP"},
    {0x1BCA3, 1, "SHORTHAND FORMAT UP STEP"},
    {0x1D16A, 0, "MUSICAL SYMBOL FINGERED TREMOLO-1"},
    {0x1D173, 1, "MUSICAL SYMBOL BEGIN BEAM"},
    {0x1D17A, 1, "MUSICAL SYMBOL END PHRASE"},
    {0x1D183, 0, "MUSICAL SYMBOL ARPEGGIATO UP"},
    {0x1F3FB, 0, "EMOJI MODIFIER FITZPATRICK TYPE-1-2"},
    {0x1F600, 0, "GRINNING FACE"},
    {0x1FFFD, 1, "unassigned"},
    {0x1FFFE, 1, "noncharacter"},
    {0x1FFFF, 1, "noncharacter"},
    /* plane 2 */
    {0x20000, 0, "CJK UNIFIED IDEOGRAPH-20000"},
    {0x2A6DF, 0, "CJK UNIFIED IDEOGRAPH-2A6DF"},
    {0x2A6E0, 1, "unassigned"},
    {0x2F800, 1, "CJK COMPATIBILITY IDEOGRAPH-2F800 (not NFC)"},
    {0x2FFFE, 1, "noncharacter"},
    /* plane 3 */
    {0x30000, 0, "CJK UNIFIED IDEOGRAPH-30000"},
    {0x3134A, 0, "CJK UNIFIED IDEOGRAPH-3134A"},
    {0x3134B, 1, "unassigned"},
    {0x31350, 0, "CJK UNIFIED IDEOGRAPH-31350 (Unicode 15.0)"},
    {0x323AF, 0, "CJK UNIFIED IDEOGRAPH-323AF"},
    {0x323B0, 1, "unassigned"},
    {0x3FFFF, 1, "noncharacter"},
    /* plane 14: tags and variation selectors (4-byte) */
    {0xE0000, 1, "unassigned, default-ignorable"},
    {0xE0001, 1, "LANGUAGE TAG"},
    {0xE0020, 1, "TAG SPACE"},
    {0xE0041, 1, "TAG LATIN CAPITAL LETTER A"},
    {0xE007F, 1, "CANCEL TAG"},
    {0xE0100, 1, "VS17"},
    {0xE01EF, 1, "VS256"},
    {0xE01F0, 1, "unassigned, default-ignorable"},
    {0xEFFFF, 1, "noncharacter"},
    /* planes 15 and 16: private use */
    {0xF0000, 1, "plane-15 private use first"},
    {0xFFFFD, 1, "plane-15 private use last"},
    {0xFFFFE, 1, "noncharacter"},
    {0x100000, 1, "plane-16 private use first"},
    {0x10FFFD, 1, "plane-16 private use last"},
    {0x10FFFE, 1, "noncharacter"},
    {0x10FFFF, 1, "noncharacter, last code point"},
};

static void test_class_boundaries(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof POINTS / sizeof POINTS[0]; i++) {
        if (mid_unicode_refused(POINTS[i].cp) != POINTS[i].refused)
            fail_msg("U+%04X %s: expected %s", (unsigned)POINTS[i].cp, POINTS[i].why,
                     POINTS[i].refused ? "refused" : "allowed");
    }
    /* planes 4-13 hold no character at all in Unicode 15.0 */
    for (uint32_t p = 4; p <= 13; p++) {
        assert_int_equal(mid_unicode_refused(p << 16), 1);
        assert_int_equal(mid_unicode_refused((p << 16) | 0x8000u), 1);
        assert_int_equal(mid_unicode_refused((p << 16) | 0xFFFFu), 1);
    }
}

typedef struct text {
    const char *s;
    int ok;
    const char *why;
} text;

static const text TEXTS[] = {
    {"", 1, "empty (the caller refuses empty names)"},
    {"한가람", 1, "Hangul syllables"},
    {"Aria Lindqvist", 1, "Latin with one space"},
    {"Jos\xc3\xa9 M\xc3\xbcller", 1, "precomposed e-acute and u-umlaut (NFC)"},
    {"\xf0\x9f\x98\x80", 1, "U+1F600 emoji, 4 bytes"},
    {"\xf0\xa0\x80\x80", 1, "U+20000 CJK Ext B, 4 bytes"},
    {"Jose\xcc\x81", 0, "e + U+0301: looks like the NFC form"},
    {"\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab가람", 0, "HAN as conjoining jamo"},
    {"\xe3\x85\xa4", 0, "only U+3164 HANGUL FILLER: a blank name"},
    {"한\xe1\x85\x9f가람", 0, "U+115F inside"},
    {"한가람\xef\xb8\x8f", 0, "VS16 after the name"},
    {"한가람\xf3\xa0\x84\x80", 0, "VS17 U+E0100, 4 bytes"},
    {"Kim\xf3\xa0\x80\x81", 0, "LANGUAGE TAG U+E0001, 4 bytes"},
    {"Kim\xf3\xa0\x81\x81", 0, "TAG LATIN CAPITAL LETTER A U+E0041"},
    {"Kim\xf0\x9d\x85\xb3Lee", 0, "MUSICAL SYMBOL BEGIN BEAM U+1D173"},
    {"Kim\xf4\x80\x80\x80", 0, "plane-16 private use U+100000"},
    {"Kim\xf4\x8f\xbf\xbf", 0, "U+10FFFF noncharacter"},
    {"Kim\xf3\xb0\x80\x80", 0, "plane-15 private use U+F0000"},
    {"Kim\xf1\x80\x80\x80", 0, "U+40000 unassigned"},
    {"Aria\xc2\xa0Lindqvist", 0, "NO-BREAK SPACE"},
    {"\xd8\x9cKim", 0, "ARABIC LETTER MARK"},
    {"\xe2\xa0\x80", 0, "BRAILLE PATTERN BLANK"},
    {" Kim", 0, "leading space"},
    {"Kim ", 0, "trailing space"},
    {"Kim  Lee", 0, "two spaces"},
    {" ", 0, "only a space"},
    /* not well-formed UTF-8: refused here too, whatever the caller checked */
    {"\xc0\x80", 0, "overlong NUL"},
    {"\xc1\xbf", 0, "overlong 2-byte"},
    {"\xe0\x80\xaf", 0, "overlong 3-byte"},
    {"\xf0\x80\x80\xaf", 0, "overlong 4-byte"},
    {"\xed\xa0\x80", 0, "surrogate U+D800"},
    {"\xed\xbf\xbf", 0, "surrogate U+DFFF"},
    {"\xf4\x90\x80\x80", 0, "U+110000"},
    {"\xf8\x88\x80\x80\x80", 0, "5-byte form"},
    {"\x80", 0, "lone continuation byte"},
    {"\xed\x95", 0, "truncated 3-byte"},
    {"\xf0\x9f\x98", 0, "truncated 4-byte"},
    {"\xe3\x85Kim", 0, "bad continuation"},
};

static void test_name_text(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
        const char *s = TEXTS[i].s;
        if (mid_unicode_name_text_ok((const uint8_t *)s, strlen(s)) != TEXTS[i].ok)
            fail_msg("TEXTS[%zu] (%s): expected %s", i, TEXTS[i].why,
                     TEXTS[i].ok ? "ok" : "refused");
    }
    /* lengths are honoured: the bytes after len are not read */
    assert_int_equal(mid_unicode_name_text_ok((const uint8_t *)"Kim\xe3\x85\xa4", 3), 1);
    assert_int_equal(mid_unicode_name_text_ok((const uint8_t *)"\xf0\x9f\x98\x80", 3), 0);
    assert_int_equal(mid_unicode_name_text_ok(NULL, 0), 1);
    assert_int_equal(mid_unicode_name_text_ok(NULL, 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_shape),
        cmocka_unit_test(test_search_matches_table),
        cmocka_unit_test(test_class_boundaries),
        cmocka_unit_test(test_name_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Internal: the generated table of src/core/unicode_table.c
 * (tools/gen-unicode-table.py), read by src/core/unicode.c. */
#ifndef MID_UNICODE_PRIVATE_H
#define MID_UNICODE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_unicode.h"

extern const char mid_unicode_table_version[];
/* First range of each plane in mid_unicode_ranges; [PLANES] = count. */
extern const uint16_t mid_unicode_plane_first[MID_UNICODE_PLANES + 1];
/* Refused code points: inclusive [low, high] of the low 16 bits, sorted
 * within each plane. */
extern const uint16_t mid_unicode_ranges[][2];
extern const size_t mid_unicode_range_count;

#endif

/* Shared by the fuzz harnesses: the libFuzzer entry points (declared so
 * the harnesses also build warning-free with gcc for replay) and a few
 * helpers. Each harness is a libFuzzer target and, linked with
 * standalone_main.c, an AFL++ persistent-mode target or a plain program
 * that runs the files named on its command line. */
#ifndef MID_FUZZ_COMMON_H
#define MID_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mid/mid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The verification time of the test vectors (2026-11-26T12:00:00+09:00). */
#define FUZZ_TIME ((int64_t)1795662000)

/* An invariant the code under test broke: crash loudly so the fuzzer
 * keeps the input. */
#define FUZZ_ASSERT(cond)                                              \
    do {                                                               \
        if (!(cond)) {                                                 \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
                    __LINE__, #cond);                                  \
            abort();                                                   \
        }                                                              \
    } while (0)

/* Directory of the test vectors ($MID_FUZZ_VECTORS, default
 * tests/vectors: run from the repository root). */
static inline const char *fuzz_vectors_dir(void)
{
    const char *d = getenv("MID_FUZZ_VECTORS");
    return d && *d ? d : "tests/vectors";
}

/* Reads DIR/name whole into a malloc'd buffer; aborts on failure (a
 * harness without its trust data would fuzz nothing useful). */
static inline uint8_t *fuzz_load(const char *name, size_t *len)
{
    char path[4096];
    FILE *f;
    uint8_t *buf;
    long n;
    snprintf(path, sizeof path, "%s/%s", fuzz_vectors_dir(), name);
    f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "fuzz: cannot read %s (set MID_FUZZ_VECTORS)\n", path);
        abort();
    }
    buf = malloc((size_t)n + 1u);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "fuzz: cannot read %s\n", path);
        abort();
    }
    fclose(f);
    buf[n] = 0;
    *len = (size_t)n;
    return buf;
}

static inline void fuzz_root_pub(uint8_t pub[MID_P256_POINT_LEN])
{
    size_t len;
    uint8_t *pem = fuzz_load("root.pub.pem", &len);
    if (mid_crypto_init() != MID_OK ||
        mid_crypto_p256_pub_from_pem((const char *)pem, len, pub) != MID_OK) {
        fprintf(stderr, "fuzz: bad root.pub.pem\n");
        abort();
    }
    free(pem);
}

#endif

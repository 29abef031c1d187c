/* main() for the harnesses when they are not built with libFuzzer:
 *   - with afl-clang-fast: AFL++ persistent mode (shared-memory input);
 *   - otherwise: runs every file named on the command line (directories
 *     are walked one level), or stdin when there is none. Used to replay
 *     crashes and corpora with gcc, valgrind or a debugger.
 * Each input is copied into a buffer of exactly its size so that
 * AddressSanitizer (or valgrind) sees any read past the end. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

#define FUZZ_MAX_INPUT (1u << 20)

static void run_one(const uint8_t *data, size_t len)
{
    uint8_t *copy = malloc(len ? len : 1u);
    if (!copy)
        abort();
    if (len)
        memcpy(copy, data, len);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
}

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    __AFL_INIT();
    unsigned char *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(10000)) {
        int len = __AFL_FUZZ_TESTCASE_LEN;
        run_one(buf, (size_t)len);
    }
    return 0;
}
#else
static uint8_t g_buf[FUZZ_MAX_INPUT];

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    n = fread(g_buf, 1, sizeof g_buf, f);
    fclose(f);
    run_one(g_buf, n);
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0;
    unsigned long files = 0;
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        size_t n = fread(g_buf, 1, sizeof g_buf, stdin);
        run_one(g_buf, n);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            if (!d) {
                bad = 1;
                continue;
            }
            while ((e = readdir(d)) != NULL) {
                char path[4096];
                if (e->d_name[0] == '.')
                    continue;
                snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
                if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                    bad |= run_file(path);
                    files++;
                }
            }
            closedir(d);
        } else {
            bad |= run_file(argv[i]);
            files++;
        }
    }
    fprintf(stderr, "replayed %lu input(s)\n", files);
    return bad;
}
#endif

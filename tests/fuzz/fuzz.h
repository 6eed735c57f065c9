/* Shared by the libFuzzer harnesses: reading typed values off the fuzzer's input, and the
 * check that reports a broken invariant as a crash libFuzzer keeps. */
#ifndef RVX_FUZZ_H
#define RVX_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The input, consumed front to back; past its end every value reads as 0, so each input
 * means one thing however short it is. */
typedef struct fuzz_in {
  const uint8_t *p;
  size_t n;
} fuzz_in;

static inline uint64_t fuzz_bytes(fuzz_in *in, size_t k)
{
  uint64_t v = 0;
  for (size_t i = 0; i < k && i < 8; i++) {
    if (in->n) {
      v |= (uint64_t)*in->p << (8 * i);
      in->p++;
      in->n--;
    }
  }
  return v;
}

static inline uint8_t fuzz_u8(fuzz_in *in) { return (uint8_t)fuzz_bytes(in, 1); }
static inline uint16_t fuzz_u16(fuzz_in *in) { return (uint16_t)fuzz_bytes(in, 2); }
static inline uint32_t fuzz_u32(fuzz_in *in) { return (uint32_t)fuzz_bytes(in, 4); }
static inline uint64_t fuzz_u64(fuzz_in *in) { return fuzz_bytes(in, 8); }

/* An invariant the code under test broke: abort, which libFuzzer records as a crash with the
 * input that caused it. */
#define FUZZ_CHECK(cond, ...)                                                   \
  do {                                                                          \
    if (!(cond)) {                                                              \
      fprintf(stderr, "fuzz: %s:%d: invariant '%s' broken: ", __FILE__,        \
              __LINE__, #cond);                                                 \
      fprintf(stderr, __VA_ARGS__);                                             \
      fputc('\n', stderr);                                                      \
      abort();                                                                  \
    }                                                                           \
  } while (0)

#endif

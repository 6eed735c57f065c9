/* Shared by the differential-test generator and comparator: the state-dump record layout, the
 * seeded random source and a growable text buffer. Host code (built with cc, not rvx code). */
#ifndef RVX_DIFF_H
#define RVX_DIFF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* One record per case, written by the guest with one write(1, rec, REC_SIZE) after the case:
 *   0    u32 magic "RVXD", u32 record id (unique within one program)
 *   8    x1..x31          (31 x 8 bytes; x2 = sp holds the fixed buffer address)
 *   256  f0..f31          (32 x 8 bytes, raw bits)
 *   512  fcsr             (8 bytes)
 *   520  memory buffer    (BUF_SIZE bytes)
 * Before the case runs the same slots hold its initial values, loaded by the case prologue. sp
 * holds REC_SP (the middle of the buffer; moved only by c.addi16sp pairs that put it back), so
 * every slot is a 12-bit offset from sp and memory operands reach [-BUF_SIZE/2, BUF_SIZE/2)
 * around it. */
#define REC_MAGIC 0x44585652u /* "RVXD" little-endian */
#define REC_X 8
#define REC_F 256
#define REC_FCSR 512
#define REC_BUF 520
#define BUF_SIZE 512
#define REC_SIZE (REC_BUF + BUF_SIZE)
#define REC_SP (REC_BUF + BUF_SIZE / 2)

/* splitmix64: small, good enough and identical on every host, so a seed means one program. */
static inline uint64_t rng_next(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}
/* Uniform in [0, n) (n > 0; the tiny modulo bias does not matter here). */
static inline uint64_t rng_below(uint64_t *s, uint64_t n) { return rng_next(s) % n; }
/* Uniform in [lo, hi]. */
static inline int64_t rng_range(uint64_t *s, int64_t lo, int64_t hi) {
  return lo + (int64_t)rng_below(s, (uint64_t)(hi - lo) + 1);
}
/* True with probability pct/100. */
static inline int rng_pct(uint64_t *s, unsigned pct) { return rng_below(s, 100) < pct; }

typedef struct sbuf {
  char *s;
  size_t len, cap;
} sbuf;

/* Appends printf-formatted text (aborts on out of memory). */
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

extern const char *const diff_xname[32];
extern const char *const diff_fname[32];

#endif

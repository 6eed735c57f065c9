/* Heavy malloc/free/realloc/calloc use with a deterministic pseudo-random pattern, including
 * blocks large enough for glibc to mmap them and reallocs that mremap; every block's contents
 * are checked, and a checksum of the work is printed. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512

#define XORSHIFT_SEED 0x9e3779b97f4a7c15ull
#include "xorshift.h"

struct slot {
  unsigned char *p;
  size_t len;
  unsigned char tag;
};

static int check(const struct slot *s)
{
  for (size_t i = 0; i < s->len; i++)
    if (s->p[i] != (unsigned char)(s->tag + i * 7))
      return 0;
  return 1;
}

static void fill(struct slot *s, size_t from)
{
  for (size_t i = from; i < s->len; i++)
    s->p[i] = (unsigned char)(s->tag + i * 7);
}

int main(void)
{
  static struct slot slots[SLOTS];
  uint64_t sum = 0;
  int bad = 0, mallocs = 0, reallocs = 0, frees = 0, callocs = 0;
  for (int round = 0; round < 20000; round++) {
    struct slot *s = &slots[next() % SLOTS];
    uint64_t r = next();
    size_t len;
    switch (r % 16) {
    case 0: len = 200000 + next() % 600000; break;   /* over the mmap threshold */
    case 1: case 2: len = 4096 + next() % 60000; break;
    default: len = 1 + next() % 300; break;
    }
    if (s->p && (r >> 8) % 3 == 0) {
      /* realloc: keep the old prefix, check it, extend the pattern */
      if (!check(s))
        bad++;
      unsigned char *q = realloc(s->p, len);
      if (!q) {
        printf("realloc failed\n");
        return 1;
      }
      s->p = q;
      size_t keep = s->len < len ? s->len : len;
      s->len = len;
      for (size_t i = 0; i < keep; i++)
        if (q[i] != (unsigned char)(s->tag + i * 7))
          bad++;
      fill(s, keep);
      reallocs++;
    } else if (s->p) {
      if (!check(s))
        bad++;
      sum += s->len;
      free(s->p);
      s->p = NULL;
      frees++;
    } else if ((r >> 8) % 4 == 0) {
      s->p = calloc(len, 1);
      s->len = len;
      for (size_t i = 0; i < len; i++)
        if (s->p[i])
          bad++;
      s->tag = (unsigned char)r;
      fill(s, 0);
      callocs++;
    } else {
      s->p = malloc(len);
      s->len = len;
      s->tag = (unsigned char)r;
      fill(s, 0);
      mallocs++;
    }
  }
  for (int i = 0; i < SLOTS; i++) {
    if (slots[i].p) {
      if (!check(&slots[i]))
        bad++;
      sum += slots[i].len;
      free(slots[i].p);
    }
  }
  /* A few really large blocks, touched sparsely. */
  for (int i = 0; i < 4; i++) {
    size_t len = (size_t)(16 + i * 8) << 20;
    unsigned char *p = malloc(len);
    for (size_t off = 0; off < len; off += 65536)
      p[off] = (unsigned char)off;
    for (size_t off = 0; off < len; off += 65536)
      if (p[off] != (unsigned char)off)
        bad++;
    p = realloc(p, len * 2);
    p[len * 2 - 1] = 1;
    free(p);
  }
  void *al = aligned_alloc(4096, 10000);
  int aligned = ((uintptr_t)al & 4095) == 0;
  free(al);
  void *pm = NULL;
  int pr = posix_memalign(&pm, 256, 1000);
  printf("mallocs=%d callocs=%d reallocs=%d frees=%d bad=%d sum=%llu aligned=%d pm=%d/%d\n",
         mallocs, callocs, reallocs, frees, bad, (unsigned long long)sum, aligned, pr,
         ((uintptr_t)pm & 255) == 0);
  free(pm);
  return bad != 0;
}

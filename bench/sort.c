/* Benchmark: memory and sorting: a merge sort and a quicksort of 64-bit keys, an insertion
 * sort of short runs, and libc qsort with a comparison callback. Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 88172645463325252u;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void merge_sort(uint64_t *a, uint64_t *tmp, size_t n) {
  if (n <= 16) {
    for (size_t i = 1; i < n; i++) {
      uint64_t v = a[i];
      size_t j = i;
      for (; j > 0 && a[j - 1] > v; j--) a[j] = a[j - 1];
      a[j] = v;
    }
    return;
  }
  size_t h = n / 2;
  merge_sort(a, tmp, h);
  merge_sort(a + h, tmp, n - h);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < h) tmp[k++] = a[i++];
  memcpy(a, tmp, k * sizeof *a);
}

static void quick_sort(uint64_t *a, long lo, long hi) {
  while (lo < hi) {
    uint64_t p = a[lo + (hi - lo) / 2];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) {
        uint64_t t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (j - lo < hi - i) quick_sort(a, lo, j), lo = i;
    else quick_sort(a, i, hi), hi = j;
  }
}

static int cmp_u32(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return (a > b) - (a < b);
}

static uint64_t digest(const uint64_t *a, size_t n) {
  uint64_t h = 0;
  for (size_t i = 0; i < n; i++) {
    if (i && a[i - 1] > a[i]) return 0; /* not sorted */
    h = (h ^ a[i]) * 0x100000001b3u;
  }
  return h;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 2000000;
  uint64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *tmp = malloc(n * sizeof *a);
  uint32_t *c = malloc(n / 4 * sizeof *c);
  if (!a || !b || !tmp || !c) return 1;
  for (size_t i = 0; i < n; i++) a[i] = b[i] = next() >> (i & 7);
  for (size_t i = 0; i < n / 4; i++) c[i] = (uint32_t)next();
  merge_sort(a, tmp, n);
  quick_sort(b, 0, (long)n - 1);
  qsort(c, n / 4, sizeof *c, cmp_u32);
  uint64_t h = digest(a, n) ^ (digest(b, n) << 1);
  for (size_t i = 0; i < n / 4; i += 97) h = (h ^ c[i]) * 0x100000001b3u;
  printf("sort: n %zu checksum %016llx\n", n, (unsigned long long)h);
  return memcmp(a, b, n * sizeof *a) != 0;
}

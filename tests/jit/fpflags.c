/* FP flags and CSRs in hot translated code: isless()-style quiet comparisons (frflags; flt;
 * fsflags) over ordinary values, infinities, quiet and signalling NaNs, the accrued flags of
 * inline SSE arithmetic, conversions and min/max, and csrrw/csrrs/csrrc on fflags, frm and
 * fcsr. Prints a checksum line per part; both engines must print the same. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double d(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }
static uint64_t frflags(void) { uint64_t f; __asm__ volatile("frflags %0" : "=r"(f)); return f; }
static void fsflags(uint64_t f) { __asm__ volatile("fsflags %0" : : "r"(f)); }

int main(void) {
  const double v[] = { 0.0, -0.0, 1.0, -1.5, 1e308, 4.9e-324, INFINITY, -INFINITY,
                       d(0x7ff8000000000000ull), d(0x7ff0000000000001ull), 3.0, 1e-310 };
  const int n = sizeof v / sizeof v[0];
  uint64_t h = 0;
  for (int rep = 0; rep < 200; rep++)
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) {
        volatile double a = v[i], b = v[j];
        fsflags((uint64_t)(rep + i) & 31);
        int lt = isless(a, b), le = islessequal(a, b), gt = isgreater(a, b);
        h = h * 31 + (uint64_t)(lt | le << 1 | gt << 2) + frflags() * 8;
        double s = a + b, p = a * b, q = a / (b + 1.0), m = fmin(a, b), x = fmax(a, b);
        uint64_t bits[5];
        memcpy(bits, (double[]){ s, p, q, m, x }, sizeof bits);
        for (int k = 0; k < 5; k++) h = h * 1000003u + bits[k];
        h = h * 31 + frflags();
        long l = (long)a;   /* fcvt.l.d rtz: out of range and NaN saturate */
        int w = (int)b;
        h = h * 31 + (uint64_t)l + (uint64_t)(uint32_t)w + frflags();
        h = h * 31 + (uint64_t)(a == b) + (uint64_t)(a < b) * 2 + frflags();
      }
  printf("compare/arith %016llx\n", (unsigned long long)h);
  h = 0;
  for (int rep = 0; rep < 500; rep++) {
    uint64_t old, x;
    __asm__ volatile("csrrw %0, fcsr, %1" : "=r"(old) : "r"((uint64_t)rep & 0xff));
    h = h * 31 + old;
    __asm__ volatile("csrrs %0, fflags, %1" : "=r"(x) : "r"((uint64_t)rep & 5));
    h = h * 31 + x;
    __asm__ volatile("csrrc %0, fcsr, %1" : "=r"(x) : "r"((uint64_t)rep & 0x3a));
    h = h * 31 + x;
    __asm__ volatile("csrrsi %0, frm, 1" : "=r"(x));
    h = h * 31 + x;
    __asm__ volatile("csrrwi %0, frm, 0" : "=r"(x));
    h = h * 31 + x;
    __asm__ volatile("csrrci %0, fflags, 3" : "=r"(x));
    h = h * 31 + x;
    volatile double a = rep * 0.1;
    h = h * 31 + (uint64_t)(a * 3.0 > 1.0) + frflags();
  }
  printf("csr %016llx\n", (unsigned long long)h);
  return 0;
}

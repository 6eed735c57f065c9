/* Faults inside hot translated code: a loop that has run long enough to be translated walks
 * a pointer off the end of its mapping (SIGSEGV at the load's pc, with the address), or past
 * the top of the guest space (argument "top"), or divides by zero and overflows (no trap),
 * or runs an FP op with a reserved rounding mode (argument "fp": SIGILL at that pc). rvx
 * prints the pc and address; both engines must print the same. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

__attribute__((noinline)) static long walk(volatile long *p, long n) {
  long s = 0;
  for (long i = 0; i < n; i++) s += p[i * 8];
  return s;
}

int main(int argc, char **argv) {
  long *m = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return 2;
  long s = 0;
  volatile long d = 0, mn = INT64_MIN, m1 = -1;
  for (int i = 0; i < 1000; i++) {
    s += walk(m, 100);
    s += (long)((uint64_t)i / (uint64_t)d) + i % d + mn / m1 + mn % m1 + (int)(i / (int)d);
  }
  printf("%ld\n", s);
  fflush(stdout);
  if (argc > 1 && strcmp(argv[1], "top") == 0) {
    volatile long *top = (long *)(1ul << 38);   /* the first address past the guest space */
    for (int i = 0; i < 100; i++) s += walk(m, 10);
    s += walk(top, 1000);
  } else if (argc > 1 && strcmp(argv[1], "fp") == 0) {
    double x = 1.5;
    for (int i = 0; i < 1000; i++) {
      __asm__ volatile("fadd.d %0, %0, %0" : "+f"(x));
      if (i == 900) __asm__ volatile("fsrmi 5");
    }
    s += (long)x;
  } else {
    s += walk(m, 100000);
  }
  return (int)s;
}

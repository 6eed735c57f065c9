/* make demo's showcase: a static riscv64 program that reads its arguments and environment,
 * does integer, 128-bit, floating-point and libc work, and draws a Mandelbrot set. Its output
 * depends only on its arguments and environment, so it can be compared with qemu-riscv64. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void print_u128(unsigned __int128 v) {
  char buf[48], *p = buf + sizeof buf - 1;
  *p = 0;
  do *--p = (char)('0' + (int)(v % 10)); while ((v /= 10) != 0);
  fputs(p, stdout);
}

int main(int argc, char **argv, char **envp) {
  struct utsname u;
  printf("rvx demo: a RISC-V program running on %s\n",
         uname(&u) == 0 ? u.machine : "an unknown machine");

  printf("\nargv (%d):", argc);
  for (int i = 0; i < argc; i++) printf(" [%s]", argv[i]);
  int nenv = 0;
  while (envp[nenv]) nenv++;
  const char *home = getenv("HOME");
  printf("\nenvironment: %d variables, HOME=%s\n", nenv, home ? home : "(unset)");

  /* Integers: a sieve, then Fibonacci numbers in 128 bits (mul/add carry chains). */
  enum { N = 100 };
  char composite[N] = { 0 };
  printf("\nprimes below %d:", N);
  for (int i = 2; i < N; i++) {
    if (composite[i]) continue;
    printf(" %d", i);
    for (int j = i * i; j < N; j += i) composite[j] = 1;
  }
  unsigned __int128 a = 0, b = 1;
  for (int i = 0; i < 180; i++) {
    unsigned __int128 t = a + b;
    a = b, b = t;
  }
  printf("\nfib(180) = ");
  print_u128(a);
  unsigned long long f = 1;
  for (int i = 2; i <= 20; i++) f *= (unsigned long long)i;
  printf("\n20! = %llu, 20! / 7 = %llu rem %llu\n", f, f / 7, f % 7);

  /* Floating point: series and libm. */
  double pi = 0;
  for (int k = 0; k < 12; k++) {
    double p16 = pow(16, -k);
    pi += p16 * (4.0 / (8 * k + 1) - 2.0 / (8 * k + 4) - 1.0 / (8 * k + 5) - 1.0 / (8 * k + 6));
  }
  double e = 0, term = 1;
  for (int k = 1; k < 20; k++) e += term, term /= k;
  printf("\npi ~ %.15f (BBP series), e ~ %.15f, sqrt(2) = %.15f\n", pi, e, sqrt(2.0));
  printf("sin(pi/6) = %.6f, exp(1) = %.6f, log(10) = %.6f, 1/3f = %.9g\n", sin(pi / 6),
         exp(1.0), log(10.0), (double)(1.0f / 3.0f));

  /* libc: sorting strings. */
  const char *words[] = { "risc", "five", "emulator", "qemu", "process", "virtual", "machine",
                          "loader", "syscall", "interpreter", "block", "cache" };
  size_t nw = sizeof words / sizeof *words;
  qsort(words, nw, sizeof *words, cmp_str);
  printf("\nsorted:");
  for (size_t i = 0; i < nw; i++) printf(" %s", words[i]);

  /* A Mandelbrot set in ASCII. */
  printf("\n\n");
  /* Shades by escape time, coarser for slow escapes; points that never escape are '#'. */
  static const char shade[] = " .,:;-=+*%";
  static const int upto[] = { 3, 5, 7, 9, 12, 16, 22, 30, 45, 60 };
  for (int y = 0; y < 21; y++) {
    for (int x = 0; x < 64; x++) {
      double cr = -2.2 + x * 3.0 / 64, ci = -1.2 + y * 2.4 / 20, zr = 0, zi = 0;
      int it = 0;
      while (it < 60 && zr * zr + zi * zi < 4) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci, zr = t, it++;
      }
      int s = 0;
      while (upto[s] <= it && s < 9) s++;
      putchar(it == 60 ? '#' : shade[s]);
    }
    putchar('\n');
  }
  return 0;
}

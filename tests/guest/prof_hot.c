/* Profiler test guest (tests/suites/88-profile.sh): a known hot function and a call chain.
 * main spends about 70% of its time in hot() and 25% in chain_a() -> chain_b(), 5% in warm().
 * The argument scales the work (default: a few milliseconds, so that suites running every
 * guest stay fast); it prints a checksum so that nothing is optimised away. */
#include <stdio.h>
#include <stdlib.h>

volatile unsigned long sink;

__attribute__((noinline, noclone)) unsigned long hot(unsigned long n)
{
  unsigned long x = 1;
  for (unsigned long i = 0; i < n; i++)
    x = x * 6364136223846793005UL + (i ^ (x >> 29));
  return x;
}

__attribute__((noinline, noclone)) unsigned long warm(unsigned long n)
{
  unsigned long x = 7;
  for (unsigned long i = 0; i < n; i++)
    x += (x << 3) ^ i;
  return x;
}

__attribute__((noinline, noclone)) unsigned long chain_b(unsigned long n)
{
  unsigned long x = 3;
  for (unsigned long i = 0; i < n; i++)
    x = (x ^ i) * 2654435761UL + (x >> 17);
  return x;
}

__attribute__((noinline, noclone)) unsigned long chain_a(unsigned long n)
{
  sink = n;
  return chain_b(n) + 1;
}

int main(int argc, char **argv)
{
  unsigned long scale = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;
  unsigned long sum = 0;
  for (unsigned long r = 0; r < scale; r++) {
    sum += hot(140000 + (r & 1));
    sum += chain_a(50000 + (r & 1));
    sum += warm(10000 + (r & 1));
  }
  printf("%lu\n", sum % 1000);
  return 0;
}

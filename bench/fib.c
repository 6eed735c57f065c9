/* Benchmark: call-heavy recursion: naive Fibonacci, Ackermann and a recursive permutation
 * counter (calls, returns, stack traffic). Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* noinline and the volatile argument keep the compiler from folding or unrolling the calls. */
__attribute__((noinline)) static uint64_t fib(int n) {
  return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static uint64_t ack(uint64_t m, uint64_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

/* Counts permutations of n items with no fixed point by recursion over a used-mask. */
__attribute__((noinline)) static uint64_t derange(int n, int pos, unsigned used) {
  if (pos == n) return 1;
  uint64_t c = 0;
  for (int i = 0; i < n; i++)
    if (i != pos && !(used & 1u << i)) c += derange(n, pos + 1, used | 1u << i);
  return c;
}

int main(int argc, char **argv) {
  volatile int n = argc > 1 ? atoi(argv[1]) : 35;
  uint64_t f = fib(n);
  uint64_t a = ack(2, 2000) + ack(3, 8);
  uint64_t d = derange(n / 3, 0, 0);
  printf("fib: fib(%d) %llu ack %llu derange(%d) %llu\n", n, (unsigned long long)f,
         (unsigned long long)a, n / 3, (unsigned long long)d);
  return 0;
}

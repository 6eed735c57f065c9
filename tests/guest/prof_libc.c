/* Profiler test guest (tests/suites/88-profile.sh, built dynamic there): most of its time is
 * in libc's memset, memcpy and strlen, called from fill_and_copy(). The argument scales the
 * work (default: a few milliseconds). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char a[1 << 16], b[1 << 16];
static volatile size_t copy_len = sizeof b;   /* not a constant: memcpy is called, not inlined */

__attribute__((noinline, noclone)) size_t fill_and_copy(unsigned long r)
{
  memset(a, 'a' + (int)(r % 26), sizeof a - 1);
  memcpy(b, a, copy_len);
  return strlen(b);
}

int main(int argc, char **argv)
{
  unsigned long scale = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;
  size_t sum = 0;
  for (unsigned long r = 0; r < scale; r++)
    sum += fill_and_copy(r);
  printf("%zu\n", sum);
  return 0;
}

/* A program with one hot function, for --perf-map (82-jit-tools.sh): prints rvx's pid (the
 * guest's getpid is the host's) so the test finds /tmp/perf-PID.map, and a checksum. */
#include <stdio.h>
#include <unistd.h>

long lib_work(long n);   /* libhot.c: linked statically or as a shared library */

__attribute__((noinline)) long hot_loop(long n) {
  long s = 0;
  for (long i = 0; i < n; i++)
    s = s * 31 + (i ^ (s >> 7));
  return s;
}

int main(void) {
  long s = 0;
  for (int k = 0; k < 50; k++)
    s += hot_loop(2000) + lib_work(1000);
  printf("pid %d\nsum %ld\n", (int)getpid(), s);
  return 0;
}

/* The gdb suite's (86-gdb.sh) guest for PIE and dynamically linked programs and for the speed
 * of a guest under gdb; it is built static-PIE and dynamic there. No argument: greet() calls
 * puts (a libc function to break in). "loop N": N iterations of a loop, timed by the guest
 * itself ("loop ... ns=N"), so that gdb's own start-up does not count; never_called() is there
 * to hold a breakpoint meanwhile. "spin": calls tick() now and then until a debugger sets
 * `spinning` to 0 (a breakpoint set while the guest runs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

volatile int spinning = 1;
volatile unsigned long ticks;

__attribute__((noinline)) int greet(const char *who)
{
  int n = (int)strlen(who);
  puts(who);
  return n;
}

__attribute__((noinline)) void tick(unsigned long n)
{
  ticks = n;
}

__attribute__((noinline)) void never_called(void)
{
  puts("never");
}

__attribute__((noinline)) unsigned long work(unsigned long n)
{
  unsigned long x = 1;
  for (unsigned long i = 0; i < n; i++)
    x = x * 6364136223846793005ul + i;
  return x;
}

static long long now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

int main(int argc, char **argv)
{
  if (argc > 2 && strcmp(argv[1], "loop") == 0) {
    unsigned long n = strtoul(argv[2], NULL, 10);
    long long t0 = now_ns();
    unsigned long x = work(n);
    long long t1 = now_ns();
    printf("loop x=%lu ns=%lld\n", x, t1 - t0);
    return 0;
  }
  if (argc > 1 && strcmp(argv[1], "spin") == 0) {
    unsigned long n = 0;
    while (spinning)
      if ((++n & 0xfffff) == 0)
        tick(n);
    puts("spun");
  }
  return greet("hello from gdb_dyn");
}

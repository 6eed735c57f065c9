/* A guest that dies of SIGSEGV in crash(): the gdb suite checks that gdb is told of the
 * signal (with the faulting pc in crash) and then of the death by it. */
#include <stdio.h>

volatile int *target;

__attribute__((noinline)) void crash(int v)
{
  *target = v;   /* target is NULL */
}

int main(void)
{
  printf("before\n");
  fflush(stdout);
  crash(5);
  printf("not reached\n");
  return 0;
}

/* The guest the gdb suite (86-gdb.sh) debugs: a function to break in (arguments and a local
 * to print, its return value to change), a global to watch, FP values to read. Its exit status
 * is add()'s result, so a debugger that changes the return value changes the status. With
 * the argument "spin" it loops until a debugger sets `spinning` to 0 (the Ctrl-C test). */
#include <stdio.h>
#include <string.h>

int counter;
volatile double scale = 2.5;
volatile int spinning = 1;

__attribute__((noinline)) int add(int a, int b)
{
  int s = a + b;
  s = s * 1;
  return s;
}

__attribute__((noinline)) double fscale(double x)
{
  double y = x * scale;
  return y;
}

__attribute__((noinline)) void spin(void)
{
  unsigned long n = 0;
  while (spinning)
    n++;
  printf("spun\n");
}

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "spin") == 0)
    spin();
  int r = add(3, 4);
  printf("add=%d\n", r);
  for (int i = 1; i <= 4; i++)
    counter += i;
  double d = fscale((double)r);
  printf("d=%g counter=%d\n", d, counter);
  return r;
}

/* A guest shared library: functions, data, a constructor, and a call back into libm. */
#include <math.h>
#include <stdio.h>

int demo_counter = 40;
static int constructed;

__attribute__((constructor)) static void demo_init(void)
{
  constructed = 1;
}

int demo_add(int a, int b)
{
  return a + b + demo_counter++;
}

double demo_hypot(double a, double b)
{
  return sqrt(a * a + b * b);
}

const char *demo_name(void)
{
  return constructed ? "libdemo (constructed)" : "libdemo (constructor did not run)";
}

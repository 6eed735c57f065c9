/* A program linked against libdemo.so, found at run time through LD_LIBRARY_PATH. */
#include <stdio.h>

int demo_add(int a, int b);
double demo_hypot(double a, double b);
const char *demo_name(void);
extern int demo_counter;

int main(void)
{
  printf("%s\n", demo_name());
  printf("demo_add(1, 2) = %d\n", demo_add(1, 2));
  printf("demo_add(1, 2) = %d\n", demo_add(1, 2));
  printf("demo_counter = %d\n", demo_counter);
  printf("demo_hypot(3, 4) = %.17g\n", demo_hypot(3, 4));
  return 0;
}

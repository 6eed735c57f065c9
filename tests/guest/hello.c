/* The smallest useful guest: prints a greeting (used by make demo and the start-up benchmark). */
#include <stdio.h>

int main(void) {
  puts("Hello from RISC-V!");
  return 0;
}

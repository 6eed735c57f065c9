/* A guest for the command-line tests (tests/suites/45-cli.sh):
 *   cli args          prints argc, argv[] and the environment
 *   cli exit N        exits with status N
 *   cli raise SIG     raises signal SIG (default action)
 *   cli abort         calls abort()
 *   cli null          stores to address 0 (a guest SIGSEGV)
 *   cli loop N        runs a loop of N iterations, prints its sum
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
  if (argc < 2 || strcmp(argv[1], "args") == 0) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
      printf("argv[%d]=%s\n", i, argv[i]);
    for (char **e = environ; *e; e++)
      printf("env: %s\n", *e);
    return 0;
  }
  const char *mode = argv[1];
  long n = argc > 2 ? strtol(argv[2], NULL, 0) : 0;
  if (strcmp(mode, "exit") == 0)
    exit((int)n);
  if (strcmp(mode, "raise") == 0) {
    raise((int)n);
    return 100;
  }
  if (strcmp(mode, "abort") == 0)
    abort();
  if (strcmp(mode, "null") == 0) {
    *(volatile int *)(argc - 2L) = 1;   /* 0, without the compiler knowing */
    return 101;
  }
  if (strcmp(mode, "loop") == 0) {
    volatile unsigned long sum = 0;
    for (long i = 0; i < n; i++)
      sum += (unsigned long)i;
    printf("sum=%lu\n", sum);
    return 0;
  }
  fprintf(stderr, "cli: unknown mode %s\n", mode);
  return 2;
}

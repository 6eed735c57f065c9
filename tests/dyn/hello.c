/* Dynamic hello world (built PIE and non-PIE): arguments, an environment variable, and where
 * the C library put things, as far as is the same under rvx and qemu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
  printf("hello, dynamic world (%d args)\n", argc);
  for (int i = 1; i < argc; i++)
    printf("argv[%d] = %s\n", i, argv[i]);
  const char *v = getenv("RVX_DYN_TEST");
  printf("RVX_DYN_TEST=%s\n", v ? v : "(unset)");
  /* The dynamic loader ran: AT_BASE is its load address, AT_ENTRY is main's program. */
  unsigned long base = getauxval(AT_BASE), entry = getauxval(AT_ENTRY);
  extern void _start(void);
  printf("AT_BASE set: %s\n", base ? "yes" : "no");
  printf("AT_ENTRY is _start: %s\n", entry == (unsigned long)&_start ? "yes" : "no");
  char *p = malloc(100000);
  strcpy(p, "heap works");
  puts(p);
  free(p);
  fprintf(stderr, "to stderr\n");
  return 7;
}

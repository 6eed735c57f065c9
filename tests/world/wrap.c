/* Stands in for a tool inside a native build tree, so that the tool's own test suite runs the
 * riscv64 build of it under an emulator: execs ENGINE [ENGINE_ARGS] -0 argv[0] TARGET args...
 * with argv[0] kept as the test suite gave it (error messages name it). ENGINE, TARGET and
 * LIMIT (seconds of CPU-independent run time before SIGALRM ends it, as the alarm survives
 * exec) come from the compiler's -D options. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  char **v = calloc((size_t)argc + 8, sizeof *v);
  if (!v)
    return 127;
  int n = 0;
  v[n++] = ENGINE;
#ifdef ENGINE_ARG
  v[n++] = ENGINE_ARG;
#endif
  v[n++] = "-0";
  v[n++] = argv[0];
  v[n++] = TARGET;
  for (int i = 1; i < argc; i++)
    v[n++] = argv[i];
  v[n] = NULL;
  alarm(LIMIT);
  execv(ENGINE, v);
  perror(ENGINE);
  return 127;
}

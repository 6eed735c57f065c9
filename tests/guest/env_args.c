/* argv, the environment (getenv/setenv/unsetenv/putenv, environ order), identity calls, uname
 * and the exit code: `env_args exit N` exits with N, `env_args abort` aborts, `env_args raise
 * SIG` sends itself signal number SIG. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++)
    printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc]=%s\n", argv[argc] ? "non-null" : "NULL");

  /* Only variables this test sets, sorted (qemu-riscv64 reverses the environment's order). */
  const char *mine[16];
  int n = 0;
  for (char **e = environ; *e && n < 16; e++)
    if (strncmp(*e, "RVXT_", 5) == 0)
      mine[n++] = *e;
  qsort(mine, n, sizeof mine[0], cmp_str);
  for (int i = 0; i < n; i++)
    printf("env %s\n", mine[i]);
  printf("getenv RVXT_A=%s missing=%s\n", getenv("RVXT_A"), getenv("RVXT_NOPE") ? "set" : "NULL");
  setenv("RVXT_NEW", "fresh", 0);
  setenv("RVXT_A", "changed", 1);
  setenv("RVXT_B", "kept", 0);
  unsetenv("RVXT_C");
  putenv("RVXT_PUT=put");
  printf("after: A=%s B=%s C=%s NEW=%s PUT=%s\n", getenv("RVXT_A"), getenv("RVXT_B"),
         getenv("RVXT_C") ? getenv("RVXT_C") : "NULL", getenv("RVXT_NEW"), getenv("RVXT_PUT"));
  printf("TZ=%s\n", getenv("TZ"));

  struct utsname u;
  printf("uname r=%d machine=%s sysname=%s\n", uname(&u), u.machine, u.sysname);
  printf("ids consistent: %d %d\n", getuid() == geteuid(), getgid() == getegid());
  printf("pid>1=%d ppid>0=%d tid==pid: %d\n", getpid() > 1, getppid() > 0, gettid() == getpid());
  printf("page size %ld\n", sysconf(_SC_PAGESIZE));

  if (argc >= 3 && strcmp(argv[1], "exit") == 0) {
    fflush(stdout);
    exit(atoi(argv[2]));
  }
  if (argc >= 2 && strcmp(argv[1], "abort") == 0) {
    fflush(stdout);
    abort();
  }
  if (argc >= 2 && strcmp(argv[1], "raise") == 0) {
    fflush(stdout);
    raise(atoi(argv[2]));
    printf("survived signal %s\n", argv[2]);
    return 0;
  }
  if (argc >= 2 && strcmp(argv[1], "_exit") == 0) {
    printf("unflushed text is lost with _exit\n");
    _exit(3);
  }
  return argc;
}

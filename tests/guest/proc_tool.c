/* A multi-tool the process tests exec: small filters and behaviours (exit codes, deaths by
 * signal, argv/env/fd listings) whose output is the same on riscv64 and x86-64. Built both as
 * a riscv64 guest and natively (the oracle). Usage: proc_tool MODE [ARGS]. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Paths differ between the two builds' directories: show only the last component. */
static const char *base(const char *s)
{
  const char *b = strrchr(s, '/');
  return s[0] == '/' && b ? b + 1 : s;
}

int main(int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "args";
  if (strcmp(mode, "gen") == 0) {   /* gen N: N numbered lines */
    int n = argc > 2 ? atoi(argv[2]) : 3;
    for (int i = 1; i <= n; i++)
      printf("line %d of the pipeline\n", i);
    return 0;
  }
  if (strcmp(mode, "upper") == 0) {
    int c;
    while ((c = getchar()) != EOF)
      putchar(toupper(c));
    return 0;
  }
  if (strcmp(mode, "count") == 0) {
    long lines = 0, bytes = 0;
    int c;
    while ((c = getchar()) != EOF) {
      bytes++;
      lines += c == '\n';
    }
    printf("%ld lines, %ld bytes\n", lines, bytes);
    return 0;
  }
  if (strcmp(mode, "exit") == 0)
    return argc > 2 ? atoi(argv[2]) : 0;
  if (strcmp(mode, "segv") == 0) {
    fclose(stderr);   /* rvx reports the trap on stderr; the native run says nothing */
    *(volatile int *)8 = 1;
    return 0;
  }
  if (strcmp(mode, "abort") == 0)
    abort();
  if (strcmp(mode, "sleep") == 0) {
    struct timespec ts = {10, 0};
    nanosleep(&ts, NULL);
    return 0;
  }
  if (strcmp(mode, "spin") == 0) {   /* some user time for wait4's rusage */
    volatile unsigned long x = 0;
    clock_t end = clock() + CLOCKS_PER_SEC / 20;
    while (clock() < end)
      x++;
    return 0;
  }
  if (strcmp(mode, "env") == 0) {
    for (char **e = environ; *e; e++)
      printf("env %s\n", *e);
    return 0;
  }
  if (strcmp(mode, "fds") == 0) {   /* open descriptors, but the one listing them */
    DIR *d = opendir("/proc/self/fd");
    int self = d ? dirfd(d) : -1;
    struct dirent *de;
    int fds[256], n = 0;
    while (d && (de = readdir(d)) && n < 256)
      if (de->d_name[0] != '.' && atoi(de->d_name) != self)
        fds[n++] = atoi(de->d_name);
    for (int i = 0; i < n; i++)   /* readdir order is not numeric order */
      for (int j = i + 1; j < n; j++)
        if (fds[j] < fds[i]) {
          int t = fds[i];
          fds[i] = fds[j];
          fds[j] = t;
        }
    printf("fds:");
    for (int i = 0; i < n; i++)
      printf(" %d", fds[i]);
    printf("\n");
    return 0;
  }
  if (strcmp(mode, "comm") == 0) {   /* the name a new program gets (PR_GET_NAME) */
    char name[16] = {0};
    prctl(PR_GET_NAME, name);
    printf("comm %s\n", name);
    return 0;
  }
  /* args: argc and every argument */
  printf("argc %d\n", argc);
  for (int i = 0; i < argc; i++)
    printf("argv[%d] %s\n", i, base(argv[i]));
  return 0;
}

/* Options the command line sets and other components read. */
#ifndef RVX_OPTIONS_H
#define RVX_OPTIONS_H

#include <stdbool.h>

struct rvx_options {
  bool strace;            /* --strace: log each guest syscall to stderr */
  bool stats;             /* --stats: print counters at exit */
  const char *exe_path;   /* the guest program as given (for /proc/self/exe, AT_EXECFN) */
  const char *exe_real;   /* its absolute, resolved path */
  /* The guest's initial command line and environment (for /proc/self/cmdline, environ). */
  int guest_argc;
  char **guest_argv;
  char **guest_envp;
};
extern struct rvx_options rvx_opts;

/* Prints the --stats report to stderr (once; later calls do nothing); os_exit and
 * exc_die_by_signal call it. Async-signal-safe. */
void rvx_print_stats(void);

#endif

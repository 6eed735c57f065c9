/* Options the command line sets and other components read. */
#ifndef RVX_OPTIONS_H
#define RVX_OPTIONS_H

#include <stdbool.h>

struct rvx_options {
  bool strace;            /* --strace: log each guest syscall to stderr */
  bool stats;             /* --stats: print counters at exit */
  const char *exe_path;   /* the guest program as given (for /proc/self/exe, AT_EXECFN) */
  const char *exe_real;   /* its absolute, resolved path */
};
extern struct rvx_options rvx_opts;

/* Prints the --stats report (called once when the guest exits). */
void rvx_print_stats(void);

#endif

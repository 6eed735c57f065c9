/* Shared by the tests/guest/io_*.c programs: one line per call, the result or the errno name,
 * so that runs under rvx, qemu-riscv64 and a native build of the same source compare as text. */
#ifndef IO_COMMON_H
#define IO_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static inline void io_show(const char *what, long r, int err)
{
  if (r == -1)
    printf("%s = -1 %s\n", what, strerrorname_np(err));
  else
    printf("%s = %ld\n", what, r);
  fflush(stdout);
}

/* T(call): the call's result, or -1 and the errno name. */
#define T(expr) \
  do { \
    errno = 0; \
    long r_ = (long)(expr); \
    io_show(#expr, r_, errno); \
  } while (0)

/* TE(call) for calls that return an error number (posix_fadvise, pthread_*). */
#define TE(expr) \
  do { \
    int e_ = (expr); \
    printf("%s = %s\n", #expr, e_ ? strerrorname_np(e_) : "0"); \
  } while (0)

/* SAY(fmt, ...): a value the test derived. */
#define SAY(...) \
  do { \
    printf(__VA_ARGS__); \
    putchar('\n'); \
    fflush(stdout); \
  } while (0)

#endif

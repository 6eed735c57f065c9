/* Where the -d log goes (-D FILE, else stderr) and how a record is written: one write, to a
 * file opened for that record only, so that the guest never holds a descriptor of rvx's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"
#include "util/options.h"

/* The absolute -D path ("": stderr); with "%d" in it, each process its own file. */
static char log_path[PATH_MAX];
static bool per_pid;
/* The process that truncated its per-pid file (a forked child starts its own file). */
static _Atomic pid_t started_pid;

/* An absolute spelling of path: the guest may chdir before the first record. */
static int make_absolute(const char *path, char *out, size_t cap)
{
  char cwd[PATH_MAX];
  if (path[0] == '/') {
    if ((size_t)snprintf(out, cap, "%s", path) >= cap)
      return -ENAMETOOLONG;
    return 0;
  }
  if (!getcwd(cwd, sizeof cwd))
    return -errno;
  if ((size_t)snprintf(out, cap, "%s/%s", cwd, path) >= cap)
    return -ENAMETOOLONG;
  return 0;
}

/* The file of this process: log_path with its first "%d" replaced by pid. */
static void path_of(pid_t pid, char *out, size_t cap)
{
  const char *d = per_pid ? strstr(log_path, "%d") : NULL;
  if (!d)
    snprintf(out, cap, "%s", log_path);
  else
    snprintf(out, cap, "%.*s%d%s", (int)(d - log_path), log_path, (int)pid, d + 2);
}

static int open_log(const char *path, bool truncate)
{
  return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY |
              (truncate ? O_TRUNC : 0), 0644);
}

int log_start(char *err, size_t errlen)
{
  log_mask = rvx_opts.log_mask & ~LOG_JIT;
  if (rvx_opts.log_file) {
    int e = make_absolute(rvx_opts.log_file, log_path, sizeof log_path);
    per_pid = strstr(log_path, "%d") != NULL;
    char path[PATH_MAX + 16];
    pid_t pid = getpid();
    path_of(pid, path, sizeof path);
    int fd = e ? -1 : open_log(path, !rvx_opts.log_append);
    if (fd < 0) {
      if (errlen)
        snprintf(err, errlen, "cannot open log file '%s': %s", rvx_opts.log_file,
                 strerror(e ? -e : errno));
      log_path[0] = 0;
      return -1;
    }
    close(fd);
    started_pid = pid;
    rvx_opts.log_file = log_path;   /* a program it execs logs to the same file */
  }
  if (log_on(LOG_PAGE))
    log_page_layout("initial layout");
  return 0;
}

static void write_all(int fd, const char *buf, size_t n)
{
  while (n > 0) {
    ssize_t w = write(fd, buf, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return;
    buf += w;
    n -= (size_t)w;
  }
}

void log_write(const char *buf, size_t n)
{
  int e = errno;
  if (!log_path[0]) {
    write_all(2, buf, n);
  } else {
    char path[PATH_MAX + 16];
    bool truncate = false;
    if (per_pid) {
      /* A forked child's first record starts its own file. */
      pid_t me = getpid(), old = atomic_load(&started_pid);
      if (old != me && atomic_compare_exchange_strong(&started_pid, &old, me))
        truncate = !rvx_opts.log_append;
      path_of(me, path, sizeof path);
    }
    int fd = open_log(per_pid ? path : log_path, truncate);
    if (fd >= 0) {
      write_all(fd, buf, n);
      close(fd);
    }
  }
  errno = e;
}

void log_printf(const char *fmt, ...)
{
  char small[1024];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (k < 0)
    return;
  if ((size_t)k < sizeof small) {
    log_write(small, (size_t)k);
    return;
  }
  char *big = malloc((size_t)k + 1);
  if (!big) {
    log_write(small, sizeof small - 1);
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)k + 1, fmt, ap);
  va_end(ap);
  log_write(big, (size_t)k);
  free(big);
}

/* Guest paths as host paths the unchanged syscall handlers can use safely. A path the call
 * follows to its end becomes "/proc/self/fd/T", T an O_PATH fd on the object resolved inside
 * the root; a path whose last component the call must not follow (lstat, unlink, mkdir,
 * rename, bind...) becomes "/proc/self/fd/P/name", P the parent directory resolved inside
 * the root and name one component without a slash, which the host kernel looks up in P
 * alone and does not follow. Either way the string is absolute, so the handler's dirfd no
 * longer matters, and nothing in it can lead outside: the host's /proc/self/fd links lead
 * to rvx's own fds, which no guest thread can replace meanwhile (root.c). */
#define _GNU_SOURCE
#include "sandbox/sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char sbx_exe_guest[PATH_MAX];

/* The resolved path arguments of the current call, found by their guest address. */
#define OVR_MAX 2
static _Thread_local struct {
  uint64_t g;
  char s[PATH_MAX];
} ovr[OVR_MAX];
static _Thread_local int novr;

void sbx_lexical(const char *gabs, char *out, size_t cap)
{
  size_t n = 0;
  out[0] = 0;
  const char *p = gabs;
  while (*p) {
    while (*p == '/')
      p++;
    const char *e = p;
    while (*e && *e != '/')
      e++;
    size_t len = (size_t)(e - p);
    if (len == 0 || (len == 1 && p[0] == '.')) {
      /* nothing */
    } else if (len == 2 && p[0] == '.' && p[1] == '.') {
      while (n > 0 && out[n - 1] != '/')
        n--;
      if (n > 0)
        n--;
    } else if (n + 1 + len < cap) {
      out[n++] = '/';
      memcpy(out + n, p, len);
      n += len;
    }
    p = e;
  }
  if (n == 0)
    out[n++] = '/';
  out[n] = 0;
}

bool sbx_is_proc_exe(const char *lex)
{
  if (strcmp(lex, "/proc/self/exe") == 0 || strcmp(lex, "/proc/thread-self/exe") == 0)
    return true;
  char own[40];
  snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
  return strcmp(lex, own) == 0;
}

int sbx_resolve(int dirfd, const char *path, bool follow, char *out, size_t cap)
{
  if (!*path) {   /* AT_EMPTY_PATH: the dirfd itself; else the host says ENOENT */
    out[0] = 0;
    return 0;
  }
  char gabs[PATH_MAX], lex[PATH_MAX];
  int e = sbx_abs(dirfd, path, gabs, sizeof gabs);
  if (e)
    return e;
  sbx_lexical(gabs, lex, sizeof lex);
  if (follow && sbx_is_proc_exe(lex))
    strcpy(gabs, sbx_exe_guest);
  size_t n = strlen(gabs);
  bool slash = false;
  while (n > 1 && gabs[n - 1] == '/') {   /* "d/": the last component must be a directory */
    gabs[--n] = 0;
    slash = true;
  }
  char *base = strrchr(gabs, '/') + 1;
  bool dots = !*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
  if (follow || dots || slash) {
    int fd = sbx_transient(gabs, slash ? O_DIRECTORY : 0);
    if (fd >= 0) {
      snprintf(out, cap, "/proc/self/fd/%d", fd);
      return 0;
    }
    if (fd != -ENOENT || follow || dots)
      return fd;
    /* mkdir("new/"): not there yet; the parent form below, without the slash. */
  }
  char parent[PATH_MAX];
  size_t pl = (size_t)(base - gabs);
  memcpy(parent, gabs, pl);
  parent[pl] = 0;
  int pfd = sbx_transient(parent, O_DIRECTORY);
  if (pfd < 0)
    return pfd;
  if ((size_t)snprintf(out, cap, "/proc/self/fd/%d/%s", pfd, base) >= cap)
    return -ENAMETOOLONG;
  return 0;
}

int sbx_set_path(uint64_t g, int dirfd, const char *path, bool follow)
{
  if (novr >= OVR_MAX)
    return -EINVAL;   /* rvx's own bug: no call has more path arguments */
  int e = sbx_resolve(dirfd, path, follow, ovr[novr].s, sizeof ovr[novr].s);
  if (e)
    return e;
  ovr[novr++].g = g;
  return 0;
}

void sbx_clear_paths(void)
{
  novr = 0;
}

int sbx_path_of(uint64_t g, const char **out)
{
  for (int i = 0; i < novr; i++)
    if (ovr[i].g == g) {
      *out = ovr[i].s;
      return 0;
    }
  return -EACCES;
}

const char *sbx_host_path(const char *guest, char *buf, size_t cap)
{
  if (sbx_resolve(AT_FDCWD, guest, true, buf, cap))
    buf[0] = 0;   /* never the host's file of that name: "" fails with ENOENT */
  return buf;
}

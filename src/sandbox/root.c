/* The sandbox root: DIR opened once, guest paths resolved inside it by the host kernel
 * (openat2 with RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS: "..", absolute and relative
 * symlinks all stay inside DIR, magic links such as /proc/PID/root are refused), and the fds
 * a resolution opens for the length of one syscall.
 *
 * Why the kernel and not a userspace walk: openat2 resolves every component against the
 * same dirfd atomically with respect to renames (it fails with EAGAIN when a rename could
 * have let ".." escape, and we retry); a userspace walk (open each component O_NOFOLLOW,
 * read each symlink, resolve ".." against a stack of fds) can be made correct too but is
 * several hundred lines of exactly the code where escapes hide. Without openat2 (Linux
 * before 5.6) sandbox mode is refused at start rather than emulated.
 *
 * A path the guest names relative to a dirfd or the working directory is made absolute in
 * guest terms first: the dirfd's host path (/proc/self/fd/N, which the kernel computes from
 * the dentry, symlink-free) must lie inside DIR, and DIR's prefix is stripped. Then the whole
 * guest path is resolved from the root. A dirfd outside DIR (one inherited from the parent)
 * is refused with EACCES.
 *
 * Fd table races: a resolution's O_PATH fds are used by number ("/proc/self/fd/N/name")
 * in the host call that follows, so no other guest thread may replace or close such an fd
 * meanwhile: they are registered under reg_lock, and dup3/close/close_range of a registered
 * number are refused (hooks.c) under the same lock. */
#define _GNU_SOURCE
#include "sandbox/sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/signal.h"

int sbx_root_fd = -1;
static char root_host[PATH_MAX];   /* DIR's canonical host path, without a trailing slash */
static size_t root_len;            /* 0 when DIR is "/" */

/* Fds rvx holds open by number: the root and each live resolution's. */
#define REG_MAX 256
static int reg[REG_MAX];
static int nreg;
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
/* This thread's resolution fds, closed by sbx_syscall_end. */
#define MINE_MAX 16
static _Thread_local int mine[MINE_MAX];
static _Thread_local int nmine;

static void fork_prepare(void) { pthread_mutex_lock(&reg_lock); }
static void fork_parent(void) { pthread_mutex_unlock(&reg_lock); }
static void fork_child(void) { pthread_mutex_init(&reg_lock, NULL); }

int sbx_root_open(const char *dir)
{
  int fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -errno;
  /* Kept away from the low numbers the guest expects to get. */
  int high = fcntl(fd, F_DUPFD_CLOEXEC, 512);
  if (high >= 0) {
    close(fd);
    fd = high;
  }
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(p, root_host, sizeof root_host - 1);
  if (n <= 0) {
    close(fd);
    return -ENOSYS;   /* no host /proc: rvx names resolved files through it */
  }
  root_host[n] = 0;
  root_len = strcmp(root_host, "/") == 0 ? 0 : (size_t)n;
  /* openat2 with RESOLVE_IN_ROOT must exist (Linux 5.6). */
  struct open_how how = {.flags = O_PATH | O_CLOEXEC,
                         .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
  int t = (int)syscall(SYS_openat2, fd, ".", &how, sizeof how);
  if (t < 0) {
    int e = errno;
    close(fd);
    return e == ENOSYS ? -ENOSYS : -e;
  }
  close(t);
  sbx_root_fd = fd;
  reg[nreg++] = fd;
  pthread_atfork(fork_prepare, fork_parent, fork_child);
  return 0;
}

const char *sbx_root_host(void)
{
  return root_len ? root_host : "/";
}

int sbx_strip_root(const char *host, char *out, size_t cap)
{
  const char *rest;
  if (root_len == 0)
    rest = host;
  else if (strncmp(host, root_host, root_len) == 0 && (host[root_len] == '/' || !host[root_len]))
    rest = host + root_len;
  else
    return -EACCES;
  if (host[0] != '/')
    return -EACCES;   /* "pipe:[...]", "anon_inode:..." and the like */
  if (!*rest)
    rest = "/";
  if (strlen(rest) >= cap)
    return -ENAMETOOLONG;
  strcpy(out, rest);
  return 0;
}

int sbx_fd_guest_path(int fd, char *out, size_t cap)
{
  char p[64], host[PATH_MAX];
  snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(p, host, sizeof host - 1);
  if (n < 0)
    return -EBADF;
  host[n] = 0;
  static const char deleted[] = " (deleted)";
  size_t dl = sizeof deleted - 1;
  if ((size_t)n > dl && strcmp(host + n - dl, deleted) == 0) {
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_nlink == 0)
      return -ENOENT;
  }
  return sbx_strip_root(host, out, cap);
}

int sbx_cwd_guest_path(char *out, size_t cap)
{
  char host[PATH_MAX];
  if (!getcwd(host, sizeof host))
    return -errno;
  return sbx_strip_root(host, out, cap);
}

int sbx_abs(int dirfd, const char *path, char *out, size_t cap)
{
  if (path[0] == '/') {
    if (strlen(path) >= cap)
      return -ENAMETOOLONG;
    strcpy(out, path);
    return 0;
  }
  int e;
  if (dirfd == AT_FDCWD) {
    e = sbx_cwd_guest_path(out, cap);
  } else {
    struct stat st;
    if (fstat(dirfd, &st))
      return -EBADF;
    if (!S_ISDIR(st.st_mode))
      return -ENOTDIR;
    e = sbx_fd_guest_path(dirfd, out, cap);
  }
  if (e)
    return e;
  size_t n = strlen(out);
  if (n + 1 + strlen(path) >= cap)
    return -ENAMETOOLONG;
  if (out[n - 1] != '/')
    out[n++] = '/';
  strcpy(out + n, path);
  return 0;
}

int sbx_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve)
{
  struct open_how how = {.flags = flags, .mode = mode,
                         .resolve = resolve | RESOLVE_NO_MAGICLINKS};
  if (dirfd == SBX_ROOT)
    how.resolve |= RESOLVE_IN_ROOT;
  int fd = dirfd == SBX_ROOT ? sbx_root_fd : dirfd;
  for (int tries = 0;; tries++) {
    long r = os_safe_syscall(SYS_openat2, fd, path, &how, sizeof how);
    if (r >= 0)
      return (int)r;
    /* EAGAIN: a concurrent rename might have moved what ".." meant; the kernel asks to
     * try again (and it is safe to). */
    if (errno != EAGAIN || tries >= 64 || (resolve & RESOLVE_CACHED))
      return -errno;
  }
}

int sbx_transient(const char *gabs, uint64_t flags)
{
  if (nmine >= MINE_MAX)
    return -EMFILE;   /* rvx's own bug: no call resolves that many paths */
  pthread_mutex_lock(&reg_lock);
  int fd = nreg < REG_MAX ? sbx_openat2(SBX_ROOT, gabs, O_PATH | O_CLOEXEC | flags, 0, 0)
                          : -EMFILE;
  if (fd >= 0) {
    reg[nreg++] = fd;
    mine[nmine++] = fd;
  }
  pthread_mutex_unlock(&reg_lock);
  return fd;
}

void sbx_syscall_end(void)
{
  if (!nmine)
    return;
  pthread_mutex_lock(&reg_lock);
  for (int i = 0; i < nmine; i++) {
    close(mine[i]);
    for (int j = 0; j < nreg; j++)
      if (reg[j] == mine[i]) {
        reg[j] = reg[--nreg];
        break;
      }
  }
  nmine = 0;
  pthread_mutex_unlock(&reg_lock);
}

void sbx_release_all(void)
{
  sbx_syscall_end();
}

void sbx_reg_lock(void) { pthread_mutex_lock(&reg_lock); }
void sbx_reg_unlock(void) { pthread_mutex_unlock(&reg_lock); }

bool sbx_reg_has(int lo, int hi)
{
  for (int j = 0; j < nreg; j++)
    if (reg[j] >= lo && reg[j] <= hi)
      return true;
  return false;
}

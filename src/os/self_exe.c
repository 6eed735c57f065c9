/* The guest's /proc/self/exe is its program, not rvx: on Linux the link names the riscv64
 * executable, and here the host kernel's link names rvx's own binary. Path calls that follow
 * the link (open, stat, chmod, chown, utimes, truncate, access, link, exec) get the guest's
 * program instead, whatever name reached rvx's binary: "/proc/self/exe" and its spellings, a
 * dirfd on /proc/self with "exe", a symlink to /proc/self/exe. Names are matched first (no
 * system call); other paths are recognised by device and inode, which costs one fstatat for
 * the rare calls that change a file's attributes and one fstat after each open. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "util/options.h"

bool os_is_proc_self_exe(const char *path)
{
  if (strcmp(path, "/proc/self/exe") == 0 || strcmp(path, "/proc/thread-self/exe") == 0)
    return true;
  char own[40];
  snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
  return strcmp(path, own) == 0;
}

static struct stat own;        /* rvx's executable (st_ino 0: unknown) */
static pthread_once_t own_once = PTHREAD_ONCE_INIT;

static void own_init(void)
{
  if (stat("/proc/self/exe", &own) < 0)
    own.st_ino = 0;
}

static bool is_own(const struct stat *st)
{
  pthread_once(&own_once, own_init);
  return own.st_ino && st->st_ino == own.st_ino && st->st_dev == own.st_dev;
}

const char *os_exe_path_at(int dirfd, const char *path, bool follow)
{
  if (!rvx_opts.exe_real || !follow)
    return path;
  if (os_is_proc_self_exe(path))
    return rvx_opts.exe_real;
  struct stat st;
  if (fstatat(dirfd, path, &st, 0) == 0 && is_own(&st))
    return rvx_opts.exe_real;
  return path;
}

int64_t os_exe_opened(int64_t fd, int flags)
{
  struct stat st;
  if (fd < 0 || !rvx_opts.exe_real || fstat((int)fd, &st) < 0 || !is_own(&st))
    return fd;
  /* The same flags on the guest's program, in the same descriptor slot. */
  int again = open(rvx_opts.exe_real, flags & ~(O_CREAT | O_EXCL | O_TRUNC));
  if (again < 0) {
    close((int)fd);
    return -errno;
  }
  int r = dup3(again, (int)fd, flags & O_CLOEXEC);
  close(again);
  if (r < 0) {
    close((int)fd);
    return -errno;
  }
  return fd;
}

bool os_exe_is_link_at(int dirfd, const char *path)
{
  if (!rvx_opts.exe_real)
    return false;
  if (os_is_proc_self_exe(path))
    return true;
  /* A /proc link (exe, fd/N, map_files/...) whose target is rvx's binary. */
  int fd = openat(dirfd, path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct statfs fs;
  struct stat st;
  bool r = fstatfs(fd, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC &&
           fstatat(dirfd, path, &st, 0) == 0 && is_own(&st);
  close(fd);
  return r;
}

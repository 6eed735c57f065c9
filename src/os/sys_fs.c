/* Syscalls on the file system by path: stat (translated to riscv64's struct stat), statx,
 * directories, links, permissions, the working directory. /proc/self/exe names the guest
 * program, not rvx. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mem/mem.h"
#include "util/options.h"

/* getcwd(buf, size): Linux builds the path in a page of its own (ENAMETOOLONG beyond it),
 * answers ERANGE when it does not fit in size, and copies only the path and its NUL out. */
int64_t os_sys_getcwd(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  char tmp[GUEST_PAGE];
  size_t size = a[1] < sizeof tmp ? (size_t)a[1] : sizeof tmp;
  int64_t r = os_ret(syscall(SYS_getcwd, tmp, size));
  if (r == -ERANGE && a[1] > sizeof tmp)
    return -ENAMETOOLONG;
  if (r <= 0)
    return r;
  return os_put(a[0], tmp, (uint64_t)r) ? -EFAULT : r;
}

int64_t os_sys_chdir(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(chdir(os_path_arg(a[0])));
}

int64_t os_sys_fchdir(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(fchdir((int)a[0]));
}

int64_t os_sys_mknodat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_mknodat, (int)a[0], os_path_arg(a[1]), (mode_t)a[2], (unsigned)a[3]));
}

int64_t os_sys_mkdirat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_mkdirat, (int)a[0], os_path_arg(a[1]), (mode_t)a[2]));
}

int64_t os_sys_unlinkat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_unlinkat, (int)a[0], os_path_arg(a[1]), (int)a[2]));
}

/* symlinkat(target, dirfd, path): the target is stored as it is, never looked up (nor
 * redirected into the sysroot). */
int64_t os_sys_symlinkat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_symlinkat, os_str_arg(a[0]), (int)a[1], os_path_arg(a[2])));
}

int64_t os_sys_linkat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *old = a[4] & G_AT_SYMLINK_FOLLOW ? os_path_arg_exe((int)a[0], a[1]) : os_path_arg(a[1]);
  return os_ret(syscall(SYS_linkat, (int)a[0], old, (int)a[2], os_path_arg(a[3]), (int)a[4]));
}

int64_t os_sys_renameat2(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_renameat2, (int)a[0], os_path_arg(a[1]), (int)a[2],
                        os_path_arg(a[3]), (unsigned)a[4]));
}

int64_t os_sys_faccessat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_faccessat, (int)a[0], os_path_arg_exe((int)a[0], a[1]), (int)a[2]));
}

int64_t os_sys_faccessat2(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *p = a[3] & G_AT_SYMLINK_NOFOLLOW ? os_path_arg(a[1]) : os_path_arg_exe((int)a[0], a[1]);
  return os_ret(syscall(SYS_faccessat2, (int)a[0], p, (int)a[2], (int)a[3]));
}

int64_t os_sys_fchmod(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(fchmod((int)a[0], (mode_t)a[1]));
}

int64_t os_sys_fchmodat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_fchmodat, (int)a[0], os_path_arg_exe((int)a[0], a[1]), (mode_t)a[2]));
}

int64_t os_sys_fchownat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *p = a[4] & G_AT_SYMLINK_NOFOLLOW ? os_path_arg(a[1]) : os_path_arg_exe((int)a[0], a[1]);
  return os_ret(syscall(SYS_fchownat, (int)a[0], p, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

int64_t os_sys_fchown(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

int64_t os_sys_umask(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return umask((mode_t)a[0] & 0777);
}

/* Copies a converted stat out to the guest (EFAULT after the lookup, as Linux orders it). */
static int64_t stat_out(int64_t r, const struct stat *st, uint64_t g)
{
  if (r < 0)
    return r;
  struct g_stat gs;
  os_stat_to_guest(st, &gs);
  return os_put(g, &gs, sizeof gs);
}

int64_t os_sys_newfstatat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *p;
  int e = os_path(a[1], &p);
  if (e)
    return e;
  int flags = (int)a[3];
  p = os_exe_path_at((int)a[0], p, !(flags & G_AT_SYMLINK_NOFOLLOW));
  struct stat st;
  return stat_out(os_ret(syscall(SYS_newfstatat, (int)a[0], p, &st, flags)), &st, a[2]);
}

int64_t os_sys_fstat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct stat st;
  return stat_out(os_ret(fstat((int)a[0], &st)), &st, a[1]);
}

/* struct statx has one layout on every architecture (conv.c checks its size). */
int64_t os_sys_statx(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *p;
  int e = os_path(a[1], &p);
  if (e)
    return e;
  int flags = (int)a[2];
  p = os_exe_path_at((int)a[0], p, !(flags & G_AT_SYMLINK_NOFOLLOW));
  uint8_t buf[G_STATX_SIZE];
  int64_t r = os_ret(syscall(SYS_statx, (int)a[0], p, flags, (unsigned)a[3], buf));
  if (r < 0)
    return r;
  return os_put(a[4], buf, sizeof buf);
}

/* struct statfs is asm-generic's on both sides (conv.c asserts every field's offset). */
int64_t os_sys_statfs(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  void *h = os_arg(a[1], sizeof(struct g_statfs), PROT_WRITE);
  return os_ret(syscall(SYS_statfs, os_path_arg(a[0]), h));
}

int64_t os_sys_fstatfs(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  void *h = os_arg(a[1], sizeof(struct g_statfs), PROT_WRITE);
  return os_ret(syscall(SYS_fstatfs, (int)a[0], h));
}

/* struct linux_dirent64 is the same everywhere: the host fills the guest buffer directly. */
int64_t os_sys_getdents64(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = (unsigned)a[2];
  void *h = os_buf(a[1], &len, PROT_WRITE);
  if (!h)
    return fcntl((int)a[0], F_GETFD) < 0 ? -EBADF : -EFAULT;
  return os_ret(syscall(SYS_getdents64, (int)a[0], h, (unsigned)len));
}

int64_t os_sys_readlinkat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  if ((int)a[3] <= 0)     /* checked first by Linux */
    return -EINVAL;
  uint64_t len = (unsigned)(int)a[3];
  const char *p;
  if (os_path(a[1], &p) < 0)
    return os_ret(syscall(SYS_readlinkat, (int)a[0], os_path_arg(a[1]), NULL, (size_t)len));
  if (os_exe_is_link_at((int)a[0], p)) {
    size_t n = strlen(rvx_opts.exe_real);
    if (n > len)
      n = len;            /* truncated, without a NUL, as readlink does */
    return os_put(a[2], rvx_opts.exe_real, n) ? -EFAULT : (int64_t)n;
  }
  /* The link is read before the buffer is touched (ENOENT, EINVAL win over EFAULT), and only
   * its bytes are copied out. A symlink's target is shorter than a page. */
  char tmp[GUEST_PAGE];
  size_t n = len < sizeof tmp ? (size_t)len : sizeof tmp;
  int64_t r = os_ret(syscall(SYS_readlinkat, (int)a[0], p, tmp, n));
  if (r <= 0)
    return r;
  return os_put(a[2], tmp, (uint64_t)r) ? -EFAULT : r;
}

/* utimensat(dirfd, path, times, flags): UTIME_NOW / UTIME_OMIT, a NULL times, the NULL path of
 * Linux (the file dirfd refers to; flags must then be 0) all mean what they mean to the host
 * kernel, which gets the same arguments. */
int64_t os_sys_utimensat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *p = !a[1] ? NULL : a[3] & G_AT_SYMLINK_NOFOLLOW ? os_path_arg(a[1])
                                                               : os_path_arg_exe((int)a[0], a[1]);
  const void *times = os_arg_opt(a[2], 2 * sizeof(struct g_timespec), PROT_READ);
  return os_ret(syscall(SYS_utimensat, (int)a[0], p, times, (int)a[3]));
}

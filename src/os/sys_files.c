/* Syscalls on file descriptors: I/O, open/close, dup, pipes, fcntl, splice and friends, sync.
 * Guest fds are host fds (identity), so most calls pass through once their guest pointers are
 * checked. (ioctl: sys_ioctl.c.) */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "os/signal.h"
#include "util/options.h"

#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif

/* Linux looks the fd up before it touches the buffer: a bad fd wins over a bad pointer. */
static int64_t efault_or_ebadf(int fd)
{
  return fcntl(fd, F_GETFD) < 0 ? -EBADF : -EFAULT;
}

int64_t os_sys_read(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = a[2];
  void *h = os_buf(a[1], &len, PROT_WRITE);
  if (!h)
    return efault_or_ebadf((int)a[0]);
  return os_ret(os_safe_syscall(SYS_read, (int)a[0], h, len));
}

int64_t os_sys_write(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = a[2];
  void *h = os_buf(a[1], &len, PROT_READ);
  if (!h)
    return efault_or_ebadf((int)a[0]);
  return os_ret(os_safe_syscall(SYS_write, (int)a[0], h, len));
}

int64_t os_sys_pread64(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = a[2];
  void *h = os_buf(a[1], &len, PROT_WRITE);
  if (!h)
    return efault_or_ebadf((int)a[0]);
  return os_ret(pread((int)a[0], h, len, (off_t)a[3]));
}

int64_t os_sys_pwrite64(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = a[2];
  void *h = os_buf(a[1], &len, PROT_READ);
  if (!h)
    return efault_or_ebadf((int)a[0]);
  return os_ret(pwrite((int)a[0], h, len, (off_t)a[3]));
}

/* readv/writev/preadv/pwritev: `prot` is what the kernel needs of the buffers. */
static int64_t vector_io(const uint64_t a[6], int prot, bool positioned)
{
  struct iovec iov[G_UIO_MAXIOV];
  int n = os_iovec(a[1], (int64_t)a[2], prot, iov);
  if (n == -EFAULT)
    return efault_or_ebadf((int)a[0]);
  if (n < 0)
    return n;
  int fd = (int)a[0];
  if (prot == PROT_WRITE)
    return os_ret(positioned ? preadv(fd, iov, n, (off_t)a[3])
                            : os_safe_syscall(SYS_readv, fd, iov, n));
  return os_ret(positioned ? pwritev(fd, iov, n, (off_t)a[3])
                          : os_safe_syscall(SYS_writev, fd, iov, n));
}

int64_t os_sys_readv(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return vector_io(a, PROT_WRITE, false);
}

int64_t os_sys_writev(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return vector_io(a, PROT_READ, false);
}

int64_t os_sys_preadv(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return vector_io(a, PROT_WRITE, true);
}

int64_t os_sys_pwritev(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return vector_io(a, PROT_READ, true);
}

int64_t os_sys_openat(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *path;
  int e = os_path(a[1], &path);
  if (e)
    return e;
  if (os_is_proc_self_exe(path) && rvx_opts.exe_real)
    path = rvx_opts.exe_real;
  bool handled;
  int64_t r = os_proc_open(path, (int)a[2], &handled);
  if (handled)
    return r;
  return os_exe_opened(os_proc_opened(os_ret(
      os_safe_syscall(SYS_openat, (int)a[0], path, (int)a[2], (mode_t)a[3]))), (int)a[2]);
}

int64_t os_sys_close(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(close((int)a[0]));
}

int64_t os_sys_lseek(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(lseek((int)a[0], (off_t)a[1], (int)a[2]));
}

int64_t os_sys_dup(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(dup((int)a[0]));
}

int64_t os_sys_dup3(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_dup3, (int)a[0], (int)a[1], (int)a[2]));
}

/* pipe2: the host kernel writes the two fds (int[2], the same on both sides) and closes them
 * again when it cannot, as Linux does. */
int64_t os_sys_pipe2(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_pipe2, os_arg(a[0], 8, PROT_WRITE), (int)a[1]));
}

/* fcntl commands whose third argument is a plain integer. Anything else that is not listed
 * below gets EINVAL: an unknown command might take a pointer, and the host kernel must never
 * see a guest value as a host address. */
static bool fcntl_int_cmd(int cmd)
{
  switch (cmd) {
  case F_DUPFD: case F_GETFD: case F_SETFD: case F_GETFL: case F_SETFL: case F_SETOWN:
  case F_GETOWN: case F_SETSIG: case F_GETSIG: case F_SETLEASE: case F_GETLEASE:
  case F_NOTIFY: case F_DUPFD_CLOEXEC: case F_SETPIPE_SZ: case F_GETPIPE_SZ:
  case F_ADD_SEALS: case F_GET_SEALS:
    return true;
  default:
    return false;
  }
}

int64_t os_sys_fcntl(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int fd = (int)a[0], cmd = (int)a[1];
  if (fcntl_int_cmd(cmd))
    return os_ret(syscall(SYS_fcntl, fd, cmd, (long)(int)a[2]));
  size_t size;
  int prot;
  switch (cmd) {
  case F_GETLK: case F_OFD_GETLK:           /* struct flock: same layout (conv.c) */
    size = sizeof(struct g_flock), prot = PROT_READ | PROT_WRITE; break;
  case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
    size = sizeof(struct g_flock), prot = PROT_READ; break;
  case F_GETOWN_EX:
    size = sizeof(struct g_f_owner_ex), prot = PROT_WRITE; break;
  case F_SETOWN_EX:
    size = sizeof(struct g_f_owner_ex), prot = PROT_READ; break;
  case F_GETOWNER_UIDS:
    size = 8, prot = PROT_WRITE; break;
  case F_GET_RW_HINT: case F_GET_FILE_RW_HINT:
    size = 8, prot = PROT_WRITE; break;
  case F_SET_RW_HINT: case F_SET_FILE_RW_HINT:
    size = 8, prot = PROT_READ; break;
  default:
    return fcntl(fd, F_GETFD) < 0 ? -EBADF : -EINVAL;
  }
  void *h = os_obj(a[2], size, prot);
  if (!h)
    return efault_or_ebadf(fd);
  return os_ret(os_safe_syscall(SYS_fcntl, fd, cmd, h));   /* F_SETLKW waits */
}

int64_t os_sys_flock(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(os_safe_syscall(SYS_flock, (int)a[0], (int)a[1]));
}

int64_t os_sys_truncate(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *path;
  int e = os_path(a[0], &path);
  if (!e)
    path = os_exe_path_at(AT_FDCWD, path, true);   /* the guest's program, not rvx */
  return e ? e : os_ret(truncate(path, (off_t)a[1]));
}

int64_t os_sys_ftruncate(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(ftruncate((int)a[0], (off_t)a[1]));
}

int64_t os_sys_fallocate(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_fallocate, (int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
}

int64_t os_sys_fadvise64(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_fadvise64, (int)a[0], (off_t)a[1], (off_t)a[2], (int)a[3]));
}

/* sendfile(out, in, offset*, count): the offset is read and written back. */
int64_t os_sys_sendfile(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  void *off = os_arg_opt(a[2], 8, PROT_READ | PROT_WRITE);
  return os_ret(syscall(SYS_sendfile, (int)a[0], (int)a[1], off, (size_t)a[3]));
}

int64_t os_sys_sync(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu, (void)a;
  sync();
  return 0;
}

int64_t os_sys_fsync(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(fsync((int)a[0]));
}

int64_t os_sys_fdatasync(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(fdatasync((int)a[0]));
}

int64_t os_sys_sync_file_range(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_sync_file_range, (int)a[0], (off_t)a[1], (off_t)a[2], (unsigned)a[3]));
}

int64_t os_sys_syncfs(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syncfs((int)a[0]));
}

int64_t os_sys_close_range(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_close_range, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2]));
}

int64_t os_sys_memfd_create(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const char *name;
  int e = os_str(a[0], 249, &name);   /* MFD_NAME_MAX_LEN */
  if (e)
    return e == -ENAMETOOLONG ? -EINVAL : e;
  return os_ret(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

/* copy_file_range(in, off_in*, out, off_out*, len, flags): the offsets are read and written
 * back; the host kernel checks the descriptors first, as Linux does. */
int64_t os_sys_copy_file_range(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  void *off_in = os_arg_opt(a[1], 8, PROT_READ | PROT_WRITE);
  void *off_out = os_arg_opt(a[3], 8, PROT_READ | PROT_WRITE);
  return os_ret(syscall(SYS_copy_file_range, (int)a[0], off_in, (int)a[2], off_out,
                        (size_t)a[4], (unsigned)a[5]));
}

int64_t os_sys_splice(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  void *off_in = os_arg_opt(a[1], 8, PROT_READ | PROT_WRITE);
  void *off_out = os_arg_opt(a[3], 8, PROT_READ | PROT_WRITE);
  return os_ret(syscall(SYS_splice, (int)a[0], off_in, (int)a[2], off_out, (size_t)a[4],
                        (unsigned)a[5]));
}

int64_t os_sys_tee(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_tee, (int)a[0], (int)a[1], (size_t)a[2], (unsigned)a[3]));
}

#define G_SPLICE_F_ALL 0xfu   /* MOVE | NONBLOCK | MORE | GIFT */

/* vmsplice(fd, iov, nr_segs, flags): the buffers are read into a pipe open for writing, or
 * filled from a pipe open for reading; Linux checks flags, then the fd, then the vector. */
int64_t os_sys_vmsplice(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int fd = (int)a[0];
  if ((unsigned)a[3] & ~G_SPLICE_F_ALL)
    return -EINVAL;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || (fl & O_PATH))
    return -EBADF;
  int acc = fl & O_ACCMODE;
  int prot = (acc == O_WRONLY || acc == O_RDWR) ? PROT_READ : PROT_WRITE;
  if (acc != O_WRONLY && acc != O_RDWR && acc != O_RDONLY)
    return -EBADF;
  struct iovec iov[G_UIO_MAXIOV];
  int n = os_iovec(a[1], (int64_t)a[2], prot, iov);
  if (n < 0)
    return n;
  return os_ret(syscall(SYS_vmsplice, fd, iov, (unsigned long)n, (unsigned)a[3]));
}

int64_t os_sys_readahead(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_readahead, (int)a[0], (off_t)a[1], (size_t)a[2]));
}

/* openat2(dirfd, path, how, size): struct open_how is the same on both sides and extensible;
 * the host kernel checks size, the struct's flags and the path in Linux's order, and answers
 * ENOSYS itself when it is older than 5.6. */
int64_t os_sys_openat2(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t size = a[3];
  const void *how = os_arg(a[2], size, PROT_READ);
  const char *path;
  struct g_open_how h = {0};   /* copied: the guest's need not be aligned */
  if (os_path(a[1], &path) < 0) {
    path = os_path_arg(a[1]);
  } else if (!os_arg_bad(how) && size >= sizeof(struct g_open_how)) {
    memcpy(&h, how, sizeof h);
    if (os_is_proc_self_exe(path) && rvx_opts.exe_real)
      path = rvx_opts.exe_real;
    bool handled;
    int64_t r = os_proc_open(path, (int)h.flags, &handled);
    if (handled)
      return r;
  }
  return os_exe_opened(os_proc_opened(os_ret(
      syscall(SYS_openat2, (int)a[0], path, how, (size_t)size))), (int)h.flags);
}

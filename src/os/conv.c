/* Conversions between host (x86-64) and guest (riscv64) ABI structs, and the proofs that the
 * structs passed through unchanged really have the same layout on both sides. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <asm/termbits.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>

#include "mem/mem.h"
#include "util/options.h"

/* No user address of x86-64 lies in the upper half: the host kernel's access_ok refuses this
 * one for any length, so a host syscall given it answers EFAULT at the point where Linux would
 * touch the bad guest object. */
#define FAULT_PTR ((void *)(uintptr_t)0xffffffffffff0000ull)

void *os_arg(uint64_t g, uint64_t len, int prot)
{
  void *h = os_obj(g, len, prot);
  return h ? h : FAULT_PTR;
}

void *os_arg_opt(uint64_t g, uint64_t len, int prot)
{
  return g ? os_arg(g, len, prot) : NULL;
}

int os_arg_bad(const void *p)
{
  return p == FAULT_PTR;
}

/* The error of os_str/os_path as an argument for the host: for ENAMETOOLONG os_str found
 * PATH_MAX readable bytes without a NUL, and the kernel reads no more than that before it
 * gives up the same way. */
static const char *str_error_arg(uint64_t g, int e)
{
  return e == -ENAMETOOLONG ? mem_g2h(g) : FAULT_PTR;
}

const char *os_path_arg(uint64_t g)
{
  const char *p;
  int e = os_path(g, &p);
  return e ? str_error_arg(g, e) : p;
}

const char *os_path_arg_exe(int dirfd, uint64_t g)
{
  const char *p = os_path_arg(g);
  return os_arg_bad(p) ? p : os_exe_path_at(dirfd, p, true);
}

const char *os_str_arg(uint64_t g)
{
  const char *p;
  int e = os_str(g, PATH_MAX - 1, &p);
  return e ? str_error_arg(g, e) : p;
}

int64_t os_sigset_in(uint64_t g, uint64_t size, uint64_t *mask)
{
  if (size != G_SIGSET_SIZE)
    return -EINVAL;
  const void *h = os_obj(g, G_SIGSET_SIZE, PROT_READ);
  if (!h)
    return -EFAULT;
  memcpy(mask, h, G_SIGSET_SIZE);
  return 0;
}

/* x86-64 packs struct epoll_event (12 bytes); riscv64 aligns its data field (16 bytes). */
void os_epoll_event_to_host(const struct g_epoll_event *g, struct epoll_event *h)
{
  h->events = g->events;
  h->data.u64 = g->data;
}

void os_epoll_event_to_guest(const struct epoll_event *h, struct g_epoll_event *g)
{
  g->events = h->events;
  g->pad = 0;
  g->data = h->data.u64;
}
_Static_assert(sizeof(struct epoll_event) == 12, "x86-64 packs epoll_event");

/* x86-64's struct stat puts st_nlink before st_mode and has 64-bit st_nlink and st_blksize:
 * rebuilt field by field into the asm-generic layout. */
void os_stat_to_guest(const struct stat *h, struct g_stat *g)
{
  memset(g, 0, sizeof *g);
  g->st_dev = h->st_dev;
  g->st_ino = h->st_ino;
  g->st_mode = h->st_mode;
  g->st_nlink = (uint32_t)h->st_nlink;
  g->st_uid = h->st_uid;
  g->st_gid = h->st_gid;
  g->st_rdev = h->st_rdev;
  g->st_size = h->st_size;
  g->st_blksize = (int32_t)h->st_blksize;
  g->st_blocks = h->st_blocks;
  g->st_atime_sec = h->st_atim.tv_sec;
  g->st_atime_nsec = (uint64_t)h->st_atim.tv_nsec;
  g->st_mtime_sec = h->st_mtim.tv_sec;
  g->st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec;
  g->st_ctime_sec = h->st_ctim.tv_sec;
  g->st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec;
}

/* Pass-through structs: same size and field offsets on the host (glibc x86-64 types, which
 * equal the kernel's for these) and in guest_abi.h. */
#define SAME_SIZE(h, g) _Static_assert(sizeof(h) == sizeof(g), #h " layout differs")
#define SAME_OFF(h, hf, g, gf) \
  _Static_assert(offsetof(h, hf) == offsetof(g, gf), #h "." #hf " offset differs")

SAME_SIZE(struct iovec, struct g_iovec);
SAME_OFF(struct iovec, iov_len, struct g_iovec, len);
SAME_SIZE(struct timespec, struct g_timespec);
SAME_SIZE(struct timeval, struct g_timeval);
SAME_SIZE(struct flock, struct g_flock);
SAME_OFF(struct flock, l_whence, struct g_flock, l_whence);
SAME_OFF(struct flock, l_start, struct g_flock, l_start);
SAME_OFF(struct flock, l_len, struct g_flock, l_len);
SAME_OFF(struct flock, l_pid, struct g_flock, l_pid);
SAME_SIZE(struct f_owner_ex, struct g_f_owner_ex);
SAME_SIZE(struct utsname, struct g_utsname);
SAME_OFF(struct utsname, machine, struct g_utsname, machine);
SAME_SIZE(struct rlimit, struct g_rlimit);
SAME_SIZE(struct tms, struct g_tms);
SAME_SIZE(struct rusage, struct g_rusage);
SAME_OFF(struct rusage, ru_maxrss, struct g_rusage, fields);
SAME_SIZE(struct sysinfo, struct g_sysinfo);
SAME_OFF(struct sysinfo, procs, struct g_sysinfo, procs);
SAME_OFF(struct sysinfo, totalhigh, struct g_sysinfo, totalhigh);
SAME_OFF(struct sysinfo, mem_unit, struct g_sysinfo, mem_unit);
SAME_SIZE(struct statfs, struct g_statfs);
SAME_OFF(struct statfs, f_fsid, struct g_statfs, f_fsid);
SAME_OFF(struct statfs, f_namelen, struct g_statfs, f_namelen);
SAME_OFF(struct statfs, f_flags, struct g_statfs, f_flags);
SAME_SIZE(struct pollfd, struct g_pollfd);
SAME_OFF(struct pollfd, revents, struct g_pollfd, revents);
SAME_OFF(struct statfs, f_type, struct g_statfs, f_type);
SAME_OFF(struct statfs, f_bsize, struct g_statfs, f_bsize);
SAME_OFF(struct statfs, f_blocks, struct g_statfs, f_blocks);
SAME_OFF(struct statfs, f_bfree, struct g_statfs, f_bfree);
SAME_OFF(struct statfs, f_bavail, struct g_statfs, f_bavail);
SAME_OFF(struct statfs, f_files, struct g_statfs, f_files);
SAME_OFF(struct statfs, f_ffree, struct g_statfs, f_ffree);
SAME_OFF(struct statfs, f_frsize, struct g_statfs, f_frsize);
SAME_OFF(struct statfs, f_spare, struct g_statfs, f_spare);
SAME_SIZE(struct itimerspec, struct g_itimerspec);
SAME_OFF(struct itimerspec, it_value, struct g_itimerspec, it_value);
SAME_SIZE(struct signalfd_siginfo, char[G_SIGNALFD_SIGINFO_SIZE]);
/* The kernel's termios (asm-generic on both; glibc's user-level struct is another one). */
SAME_SIZE(struct termios, struct g_termios);
SAME_OFF(struct termios, c_line, struct g_termios, c_line);
SAME_OFF(struct termios, c_cc, struct g_termios, c_cc);
_Static_assert(NCCS == 19, "kernel NCCS");
SAME_SIZE(struct termios2, struct g_termios2);
SAME_OFF(struct termios2, c_ispeed, struct g_termios2, c_ispeed);
SAME_OFF(struct termios2, c_ospeed, struct g_termios2, c_ospeed);
#ifdef STATX_BASIC_STATS
SAME_SIZE(struct statx, char[G_STATX_SIZE]);
#endif

/* Constants the emulator passes through unchanged: x86-64 uses the asm-generic values for
 * open flags, errno, signal numbers, mmap flags, fcntl commands and AT_* flags too. */
_Static_assert(O_CREAT == 0100 && O_EXCL == 0200 && O_TRUNC == 01000 && O_APPEND == 02000 &&
               O_NONBLOCK == 04000 && O_DIRECTORY == 0200000 && O_NOFOLLOW == 0400000 &&
               O_CLOEXEC == 02000000 && O_PATH == 010000000, "open flags");
_Static_assert(AT_FDCWD == G_AT_FDCWD && AT_SYMLINK_NOFOLLOW == G_AT_SYMLINK_NOFOLLOW &&
               AT_REMOVEDIR == G_AT_REMOVEDIR && AT_EMPTY_PATH == G_AT_EMPTY_PATH, "AT_*");
_Static_assert(ENOENT == 2 && EFAULT == 14 && EINVAL == 22 && ENOSYS == 38 && EDEADLK == 35 &&
               ENOTSUP == 95 && ETIMEDOUT == 110 && EOWNERDEAD == 130, "errno values");
_Static_assert(SIGABRT == 6 && SIGBUS == 7 && SIGUSR1 == 10 && SIGSEGV == 11 && SIGCHLD == 17 &&
               SIGSTOP == G_SIGSTOP && SIGKILL == G_SIGKILL && SIGSYS == 31, "signal numbers");
_Static_assert(F_GETLK == 5 && F_SETLK == 6 && F_SETLKW == 7 && F_DUPFD_CLOEXEC == 1030,
               "fcntl commands");

/* The riscv64 Linux user ABI as the guest sees it: struct layouts and constants, written with
 * fixed-width types and explicit padding so they mean the same thing on any host. Sizes and
 * offsets are pinned with _Static_assert against the kernel's asm-generic definitions. Whether
 * a struct equals the host's (and may be passed through) is asserted in conv.c, not here. */
#ifndef RVX_OS_GUEST_ABI_H
#define RVX_OS_GUEST_ABI_H

#include <stddef.h>
#include <stdint.h>

/* ---- constants that matter to the emulator itself (values from asm-generic) ---- */
#define G_AT_FDCWD (-100)
#define G_AT_SYMLINK_NOFOLLOW 0x100
#define G_AT_REMOVEDIR 0x200
#define G_AT_EACCESS 0x200
#define G_AT_SYMLINK_FOLLOW 0x400
#define G_AT_NO_AUTOMOUNT 0x800
#define G_AT_EMPTY_PATH 0x1000

#define G_NSIG 64                 /* signals 1..64 */
#define G_SIGSET_SIZE 8           /* sizeof(sigset_t) the kernel expects from riscv64 */
#define G_SIG_DFL 0
#define G_SIG_IGN 1
#define G_SIG_BLOCK 0
#define G_SIG_UNBLOCK 1
#define G_SIG_SETMASK 2
#define G_SIGKILL 9
#define G_SIGSTOP 19

/* sa_flags the kernel keeps (UAPI_SA_FLAGS; riscv64 has no SA_RESTORER). Unknown bits are
 * cleared, as Linux >= 5.11 does, so guests can probe for flag support. */
#define G_SA_NOCLDSTOP 0x00000001u
#define G_SA_NOCLDWAIT 0x00000002u
#define G_SA_SIGINFO 0x00000004u
#define G_SA_EXPOSE_TAGBITS 0x00000800u
#define G_SA_ONSTACK 0x08000000u
#define G_SA_RESTART 0x10000000u
#define G_SA_NODEFER 0x40000000u
#define G_SA_RESETHAND 0x80000000u
#define G_SA_KNOWN (G_SA_NOCLDSTOP | G_SA_NOCLDWAIT | G_SA_SIGINFO | G_SA_EXPOSE_TAGBITS | \
                    G_SA_ONSTACK | G_SA_RESTART | G_SA_NODEFER | G_SA_RESETHAND)

#define G_UIO_MAXIOV 1024
#define G_RLIM_NLIMITS 16
#define G_RLIMIT_DATA 2
#define G_RLIMIT_AS 9
#define G_ROBUST_LIST_HEAD_SIZE 24
#define G_RISCV_FLUSH_ICACHE_LOCAL 1

/* ---- struct stat: the asm-generic 128-byte layout (x86-64's differs: translated) ---- */
struct g_stat {
  uint64_t st_dev;
  uint64_t st_ino;
  uint32_t st_mode;
  uint32_t st_nlink;
  uint32_t st_uid;
  uint32_t st_gid;
  uint64_t st_rdev;
  uint64_t pad1;
  int64_t st_size;
  int32_t st_blksize;
  int32_t pad2;
  int64_t st_blocks;
  int64_t st_atime_sec;
  uint64_t st_atime_nsec;
  int64_t st_mtime_sec;
  uint64_t st_mtime_nsec;
  int64_t st_ctime_sec;
  uint64_t st_ctime_nsec;
  uint32_t unused4;
  uint32_t unused5;
};
_Static_assert(sizeof(struct g_stat) == 128, "riscv64 struct stat is 128 bytes");
_Static_assert(offsetof(struct g_stat, st_mode) == 16, "st_mode");
_Static_assert(offsetof(struct g_stat, st_rdev) == 32, "st_rdev");
_Static_assert(offsetof(struct g_stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct g_stat, st_blksize) == 56, "st_blksize");
_Static_assert(offsetof(struct g_stat, st_blocks) == 64, "st_blocks");
_Static_assert(offsetof(struct g_stat, st_atime_sec) == 72, "st_atime");
_Static_assert(offsetof(struct g_stat, st_mtime_sec) == 88, "st_mtime");
_Static_assert(offsetof(struct g_stat, st_ctime_sec) == 104, "st_ctime");

/* ---- struct sigaction as the riscv64 kernel reads it: no sa_restorer, mask last ---- */
struct g_sigaction {
  uint64_t handler;   /* guest address, or SIG_DFL / SIG_IGN */
  uint64_t flags;
  uint64_t mask;      /* bit (sig-1) */
};
_Static_assert(sizeof(struct g_sigaction) == 24, "riscv64 kernel struct sigaction");
_Static_assert(offsetof(struct g_sigaction, mask) == 16, "sa_mask follows sa_flags");

/* ---- structs whose layout equals x86-64's (conv.c asserts it against the host) ---- */
struct g_iovec {
  uint64_t base;      /* guest address */
  uint64_t len;
};
_Static_assert(sizeof(struct g_iovec) == 16, "iovec");

struct g_timespec {
  int64_t tv_sec;
  int64_t tv_nsec;
};
_Static_assert(sizeof(struct g_timespec) == 16, "timespec");

struct g_timeval {
  int64_t tv_sec;
  int64_t tv_usec;
};
_Static_assert(sizeof(struct g_timeval) == 16, "timeval");

struct g_flock {
  int16_t l_type;
  int16_t l_whence;
  int32_t pad0;
  int64_t l_start;
  int64_t l_len;
  int32_t l_pid;
  int32_t pad1;
};
_Static_assert(sizeof(struct g_flock) == 32, "flock");
_Static_assert(offsetof(struct g_flock, l_start) == 8, "flock.l_start");
_Static_assert(offsetof(struct g_flock, l_pid) == 24, "flock.l_pid");

struct g_f_owner_ex {
  int32_t type;
  int32_t pid;
};

/* Kernel struct termios (TCGETS/TCSETS*), not glibc's larger user-level one. */
struct g_termios {
  uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
  uint8_t c_line;
  uint8_t c_cc[19];
};
_Static_assert(sizeof(struct g_termios) == 36, "kernel termios");

struct g_winsize {
  uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};
_Static_assert(sizeof(struct g_winsize) == 8, "winsize");

/* Kernel struct termios2 (TCGETS2/TCSETS*2): termios plus the input and output speeds. */
struct g_termios2 {
  uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
  uint8_t c_line;
  uint8_t c_cc[19];
  uint32_t c_ispeed, c_ospeed;
};
_Static_assert(sizeof(struct g_termios2) == 44, "kernel termios2");

struct g_utsname {
  char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};
_Static_assert(sizeof(struct g_utsname) == 390, "new_utsname");

struct g_rlimit {
  uint64_t rlim_cur, rlim_max;
};

struct g_tms {
  int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};

struct g_rusage {
  struct g_timeval ru_utime, ru_stime;
  int64_t fields[14];   /* ru_maxrss .. ru_nivcsw */
};
_Static_assert(sizeof(struct g_rusage) == 144, "rusage");

struct g_sysinfo {
  int64_t uptime;
  uint64_t loads[3];
  uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
  uint16_t procs, pad;
  uint32_t pad2;
  uint64_t totalhigh, freehigh;
  uint32_t mem_unit;
  char f[4];
};
_Static_assert(sizeof(struct g_sysinfo) == 112, "sysinfo");
_Static_assert(offsetof(struct g_sysinfo, totalhigh) == 88, "sysinfo.totalhigh");

struct g_statfs {
  int64_t f_type, f_bsize;
  uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
  int32_t f_fsid[2];
  int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct g_statfs) == 120, "asm-generic statfs on 64-bit");

/* struct statx is fixed-size and architecture-independent (256 bytes). */
#define G_STATX_SIZE 256

/* struct linux_dirent64: ino, off, reclen, type, name[] (same everywhere). */
#define G_DIRENT64_NAME_OFF 19

/* struct epoll_event: riscv64 aligns data to 8 (16 bytes); x86-64's is packed (12 bytes), so
 * every event is translated (conv.c). */
struct g_epoll_event {
  uint32_t events;
  uint32_t pad;
  uint64_t data;
};
_Static_assert(sizeof(struct g_epoll_event) == 16, "riscv64 epoll_event");
_Static_assert(offsetof(struct g_epoll_event, data) == 8, "epoll_event.data");
/* EP_MAX_EVENTS for the guest: maxevents above INT_MAX / sizeof(struct epoll_event) is EINVAL. */
#define G_EP_MAX_EVENTS (0x7fffffff / 16)

/* struct itimerspec (timerfd): two timespecs, the same on both sides. */
struct g_itimerspec {
  struct g_timespec it_interval, it_value;
};
_Static_assert(sizeof(struct g_itimerspec) == 32, "itimerspec");

/* struct signalfd_siginfo: 128 bytes of fixed-width fields, the same on every architecture. */
#define G_SIGNALFD_SIGINFO_SIZE 128

/* struct inotify_event: wd, mask, cookie, len, name[] (read through read(), the same
 * everywhere). */
#define G_INOTIFY_EVENT_SIZE 16

/* struct open_how (openat2): extensible, version 0 is 24 bytes; the kernel accepts larger
 * structs whose extra bytes are zero, up to a page. */
struct g_open_how {
  uint64_t flags, mode, resolve;
};
_Static_assert(sizeof(struct g_open_how) == 24, "open_how v0");
#define G_OPEN_HOW_MAX 4096

struct g_pollfd {
  int32_t fd;
  int16_t events, revents;
};
_Static_assert(sizeof(struct g_pollfd) == 8, "pollfd");

/* ---- helpers of conv.c shared by the I/O families ---- */

/* A guest pointer argument for a host syscall that checks it itself: the host pointer of the
 * whole object [g, g+len) when it is accessible with prot, else a host address every host
 * syscall refuses with EFAULT. Handing the host kernel that address instead of failing early
 * lets it order the errors (EBADF, EINVAL, ENOENT before EFAULT, ...) exactly as Linux does.
 * Never use the result for rvx's own accesses. */
void *os_arg(uint64_t g, uint64_t len, int prot);
/* os_arg for an optional argument: guest NULL is host NULL. */
void *os_arg_opt(uint64_t g, uint64_t len, int prot);
/* True if p is the refusing address os_arg returns for a bad guest pointer. */
int os_arg_bad(const void *p);
/* A path argument for a host syscall, as os_arg: the checked path, or for an unreadable one
 * the refusing address, or for one without a NUL within PATH_MAX bytes those readable bytes
 * (the host kernel answers ENAMETOOLONG for them as Linux does). */
const char *os_path_arg(uint64_t g);
/* os_path_arg for a call that follows a final symlink: /proc/self/exe (and its other names)
 * is the guest's program, as on Linux, not rvx's own executable (which the host's link names):
 * chmod, chown, utimes, truncate, access and link of it must not reach rvx's file. */
const char *os_path_arg_exe(int dirfd, uint64_t g);
/* os_path_arg for a string of at most PATH_MAX bytes that is not a path to look up (a symlink's
 * target): never redirected. */
const char *os_str_arg(uint64_t g);
/* The guest sigset at g, of size bytes (must be 8): 0 and *mask, or -EINVAL / -EFAULT. */
int64_t os_sigset_in(uint64_t g, uint64_t size, uint64_t *mask);

struct epoll_event;
void os_epoll_event_to_host(const struct g_epoll_event *g, struct epoll_event *h);
void os_epoll_event_to_guest(const struct epoll_event *h, struct g_epoll_event *g);

#endif

/* Confinement: system calls handed pointers outside the guest space (2^38, rvx's guard past
 * it, 2^47, "negative" addresses) and structs that straddle its end. Linux answers EFAULT
 * for each (a few calls answer what Linux answers first, noted). Prints one line per case,
 * "call ptr: result", and "FAIL ..." for a result that is not Linux's; exits 0 without
 * failures. With argument "canonical" only the pointers every x86-64 host refuses too are
 * used (2^63 and -4096), for the comparison with qemu-riscv64. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TOP (UINT64_C(1) << 38)

static uint64_t bad[] = {
  TOP, TOP + 0x8000, UINT64_C(1) << 47, UINT64_C(1) << 63, UINT64_C(0xfffffffffffff000),
};
static const char *bad_name[] = {"2^38", "guard", "2^47", "2^63", "-4096"};
static size_t first_bad;   /* 3 with "canonical" */
static int failures;

static void report(const char *call, const char *ptr, long r, int e, int want)
{
  int got = r < 0 ? e : 0;
  printf("%s %s: %s\n", call, ptr, r < 0 ? strerror(e) : "ok");
  if (got != want) {
    printf("FAIL %s %s: got %s (%ld), want %s\n", call, ptr, r < 0 ? strerror(e) : "success",
           r, strerror(want));
    failures++;
  }
}

/* Runs EXPR once per bad pointer B and expects error WANT. */
#define T_WANT(call, want, expr)                            \
  do {                                                      \
    for (size_t i_ = first_bad; i_ < 5; i_++) {             \
      uint64_t B = bad[i_];                                 \
      (void)B;                                              \
      errno = 0;                                            \
      long r_ = (long)(expr);                               \
      report(call, bad_name[i_], r_, errno, want);          \
    }                                                       \
  } while (0)
#define T(call, expr) T_WANT(call, EFAULT, expr)
/* The same for a struct that starts in the last mapped page and ends past 2^38. */
#define T_STRADDLE(call, size, expr)                        \
  do {                                                      \
    if (first_bad == 0) {                                   \
      uint64_t S = TOP - (size) / 2;                        \
      errno = 0;                                            \
      long r_ = (long)(expr);                               \
      report(call, "straddle", r_, errno, EFAULT);          \
    }                                                       \
  } while (0)

static int rd, wr, sv[2], file, dir, ep, tfd, ifd;

/* Makes 16 bytes readable on rd and on sv[1] (and nothing more). */
static void refill(void)
{
  char junk[256];
  while (read(rd, junk, sizeof junk) > 0) {}
  while (recv(sv[1], junk, sizeof junk, MSG_DONTWAIT) > 0) {}
  (void)!write(wr, "0123456789abcdef", 16);
  (void)!send(sv[0], "0123456789abcdef", 16, 0);
}

static void files(void)
{
  refill();
  T("read", (refill(), syscall(SYS_read, rd, B, 16)));
  T("write", syscall(SYS_write, wr, B, 16));
  T("pread64", syscall(SYS_pread64, file, B, 16, 0));
  T("pwrite64", syscall(SYS_pwrite64, file, B, 16, 0));
  struct iovec iov = { 0 };
  T("readv iov array", (refill(), syscall(SYS_readv, rd, B, 1)));
  T("readv iov_base", (refill(), iov.iov_base = (void *)B, iov.iov_len = 16,
                       syscall(SYS_readv, rd, &iov, 1)));
  T("writev iov array", syscall(SYS_writev, wr, B, 1));
  T("writev iov_base", (iov.iov_base = (void *)B, syscall(SYS_writev, wr, &iov, 1)));
  T("preadv iov_base", (iov.iov_base = (void *)B, syscall(SYS_preadv, file, &iov, 1, 0, 0)));
  T("pwritev iov_base", (iov.iov_base = (void *)B, syscall(SYS_pwritev, file, &iov, 1, 0, 0)));
  T("vmsplice iov array", syscall(SYS_vmsplice, wr, B, 1, 0));
  T("openat path", syscall(SYS_openat, AT_FDCWD, B, O_RDONLY));
  T("openat2 how", syscall(SYS_openat2, AT_FDCWD, "/", B, 24));
  T("newfstatat buf", syscall(SYS_newfstatat, AT_FDCWD, "/", B, 0));
  T("newfstatat path", syscall(SYS_newfstatat, AT_FDCWD, B, &(struct stat){0}, 0));
  T("fstat buf", syscall(SYS_fstat, file, B));
  T("statx buf", syscall(SYS_statx, AT_FDCWD, "/", 0, 0xfff, B));
  T("statfs buf", syscall(SYS_statfs, "/", B));
  T("fstatfs buf", syscall(SYS_fstatfs, file, B));
  T("getdents64 buf", (lseek(dir, 0, SEEK_SET), syscall(SYS_getdents64, dir, B, 4096)));
  T("getcwd buf", syscall(SYS_getcwd, B, 4096));
  T("readlinkat buf", syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", B, 100));
  T("faccessat path", syscall(SYS_faccessat, AT_FDCWD, B, F_OK));
  T("mkdirat path", syscall(SYS_mkdirat, AT_FDCWD, B, 0700));
  T("unlinkat path", syscall(SYS_unlinkat, AT_FDCWD, B, 0));
  T("renameat2 path", syscall(SYS_renameat2, AT_FDCWD, B, AT_FDCWD, "/tmp/x", 0));
  T("chdir path", syscall(SYS_chdir, B));
  T("truncate path", syscall(SYS_truncate, B, 0));
  T("utimensat times", syscall(SYS_utimensat, file, NULL, B, 0));
  T("sendfile offset", syscall(SYS_sendfile, wr, file, B, 16));
  T("copy_file_range off_in", syscall(SYS_copy_file_range, file, B, file, NULL, 16, 0));
  T("splice off_in", syscall(SYS_splice, file, B, wr, NULL, 16, 0));
  T("fcntl F_GETLK", syscall(SYS_fcntl, file, F_GETLK, B));
  T("fcntl F_SETLK", syscall(SYS_fcntl, file, F_SETLK, B));
  T("ioctl FIONREAD", syscall(SYS_ioctl, rd, FIONREAD, B));
  T("pipe2 fds", syscall(SYS_pipe2, B, 0));
  T("memfd_create name", syscall(SYS_memfd_create, B, 0));
  T("inotify_add_watch path", syscall(SYS_inotify_add_watch, ifd, B, IN_ALL_EVENTS));
  T("execve path", syscall(SYS_execve, B, (char *[]){"x", NULL}, NULL));
  T("execve argv", syscall(SYS_execve, "/bin/true", B, NULL));
  T_STRADDLE("newfstatat buf", 128, syscall(SYS_newfstatat, AT_FDCWD, "/", S, 0));
  T_STRADDLE("statx buf", 256, syscall(SYS_statx, AT_FDCWD, "/", 0, 0xfff, S));
  T_STRADDLE("pipe2 fds", 8, syscall(SYS_pipe2, S, 0));
  T_STRADDLE("fcntl F_GETLK", 32, syscall(SYS_fcntl, file, F_GETLK, S));
}

static void events(void)
{
  struct epoll_event ev = { .events = EPOLLIN };
  T("epoll_ctl event", syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, rd, B));
  refill();
  epoll_ctl(ep, EPOLL_CTL_ADD, rd, &ev);
  T("epoll_pwait events", syscall(SYS_epoll_pwait, ep, B, 4, 0, NULL, 8));
  T_STRADDLE("epoll_pwait events", 32, syscall(SYS_epoll_pwait, ep, S, 2, 0, NULL, 8));
  struct timespec zero = { 0 };
  struct pollfd pfd = { .fd = rd, .events = POLLIN };
  T("ppoll fds", syscall(SYS_ppoll, B, 1, &zero, NULL, 8));
  T("ppoll timeout", syscall(SYS_ppoll, &pfd, 1, B, NULL, 8));
  T("ppoll sigmask", syscall(SYS_ppoll, &pfd, 1, &zero, B, 8));
  T("pselect6 readfds", syscall(SYS_pselect6, 1, B, NULL, NULL, &zero, NULL));
  T("signalfd4 mask", syscall(SYS_signalfd4, -1, B, 8, 0));
  T("timerfd_settime new", syscall(SYS_timerfd_settime, tfd, 0, B, NULL));
  T("timerfd_gettime cur", syscall(SYS_timerfd_gettime, tfd, B));
  T_STRADDLE("ppoll timeout", 16, syscall(SYS_ppoll, &pfd, 1, S, NULL, 8));
}

static void signals_and_time(void)
{
  T("rt_sigaction act", syscall(SYS_rt_sigaction, SIGUSR1, B, NULL, 8));
  T("rt_sigaction oldact", syscall(SYS_rt_sigaction, SIGUSR1, NULL, B, 8));
  T("rt_sigprocmask set", syscall(SYS_rt_sigprocmask, SIG_BLOCK, B, NULL, 8));
  T("rt_sigprocmask oldset", syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, B, 8));
  T("rt_sigpending set", syscall(SYS_rt_sigpending, B, 8));
  T("rt_sigtimedwait set", syscall(SYS_rt_sigtimedwait, B, NULL, &(struct timespec){0}, 8));
  T("rt_sigqueueinfo info", syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, B));
  T("sigaltstack ss", syscall(SYS_sigaltstack, B, NULL));
  T("sigaltstack old_ss", syscall(SYS_sigaltstack, NULL, B));
  T_STRADDLE("rt_sigaction act", 32, syscall(SYS_rt_sigaction, SIGUSR1, S, NULL, 8));
  T_STRADDLE("sigaltstack old_ss", 24, syscall(SYS_sigaltstack, NULL, S));
  T("clock_gettime tp", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, B));
  T("clock_getres res", syscall(SYS_clock_getres, CLOCK_MONOTONIC, B));
  T("clock_nanosleep req", syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, B, NULL));
  T("nanosleep req", syscall(SYS_nanosleep, B, NULL));
  T("gettimeofday tv", syscall(SYS_gettimeofday, B, NULL));
  T("times buf", syscall(SYS_times, B) == -1 ? -1 : (errno = 0, 0));
  T_STRADDLE("clock_gettime tp", 16, syscall(SYS_clock_gettime, CLOCK_MONOTONIC, S));
  timer_t id;
  timer_create(CLOCK_MONOTONIC, NULL, &id);
  T("timer_create sevp", syscall(SYS_timer_create, CLOCK_MONOTONIC, B, &id));
  T("timer_create timerid", syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, B));
  T("timer_settime new", syscall(SYS_timer_settime, id, 0, B, NULL));
  T("timer_gettime cur", syscall(SYS_timer_gettime, id, B));
  T("setitimer new", syscall(SYS_setitimer, ITIMER_REAL, B, NULL));
  T("getitimer cur", syscall(SYS_getitimer, ITIMER_REAL, B));
  uint32_t word = 0;
  T("futex uaddr WAIT", syscall(SYS_futex, B, FUTEX_WAIT, 0, NULL, NULL, 0));
  T("futex uaddr WAKE", syscall(SYS_futex, B, FUTEX_WAKE, 1, NULL, NULL, 0));
  T("futex timeout", syscall(SYS_futex, &word, FUTEX_WAIT, 0, B, NULL, 0));
  T("futex uaddr2", syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE, 1, 1, B, 0));
  T("futex WAKE_OP uaddr2", syscall(SYS_futex, &word, FUTEX_WAKE_OP, 1, 1, B, 0));
}

static void process(void)
{
  T("uname buf", syscall(SYS_uname, B));
  T("sysinfo info", syscall(SYS_sysinfo, B));
  T("getrandom buf", syscall(SYS_getrandom, B, 16, 0));
  T("getrlimit rlim", syscall(SYS_getrlimit, RLIMIT_NOFILE, B));
  T("setrlimit rlim", syscall(SYS_setrlimit, RLIMIT_NOFILE, B));
  T("prlimit64 new", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, B, NULL));
  T("prlimit64 old", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, B));
  T("getrusage usage", syscall(SYS_getrusage, RUSAGE_SELF, B));
  T("getresuid ruid", syscall(SYS_getresuid, B, B, B));
  T("getresgid rgid", syscall(SYS_getresgid, B, B, B));
  T("capget header", syscall(SYS_capget, B, NULL));
  T("sched_getaffinity mask", syscall(SYS_sched_getaffinity, 0, 128, B));
  T("sched_setaffinity mask", syscall(SYS_sched_setaffinity, 0, 128, B));
  T("sched_getparam param", syscall(SYS_sched_getparam, 0, B));
  T("getcpu cpu", syscall(SYS_getcpu, B, NULL, NULL));
  T("prctl PR_SET_NAME", syscall(SYS_prctl, PR_SET_NAME, B, 0, 0, 0));
  T("prctl PR_GET_NAME", syscall(SYS_prctl, PR_GET_NAME, B, 0, 0, 0));
  T("get_robust_list head", syscall(SYS_get_robust_list, 0, B, &(size_t){0}));
  T("clone3 args", syscall(SYS_clone3, B, 88));
  void *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  T("mincore vec", syscall(SYS_mincore, page, 4096, B));
  munmap(page, 4096);
  T_STRADDLE("uname buf", 390, syscall(SYS_uname, S));
  T_STRADDLE("getrusage usage", 144, syscall(SYS_getrusage, RUSAGE_SELF, S));
  /* wait4 and waitid: the child is reaped (or found) before the status is written. */
  for (size_t i = first_bad; i < 5; i++) {
    pid_t pid = fork();
    if (pid == 0)
      _exit(3);
    errno = 0;
    long r = syscall(SYS_wait4, pid, bad[i], 0, NULL);
    report("wait4 status", bad_name[i], r, errno, EFAULT);
    waitpid(pid, NULL, 0);
    pid = fork();
    if (pid == 0)
      _exit(3);
    errno = 0;
    r = syscall(SYS_waitid, P_PID, pid, bad[i], WEXITED, NULL);
    report("waitid infop", bad_name[i], r, errno, EFAULT);
    waitpid(pid, NULL, 0);
  }
}

static void sockets(void)
{
  char buf[64];
  struct iovec iov = { buf, 16 };
  struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
  T("sendmsg msghdr", syscall(SYS_sendmsg, sv[0], B, 0));
  T("sendmsg msg_iov", (m.msg_iov = (void *)B, syscall(SYS_sendmsg, sv[0], &m, 0)));
  m.msg_iov = &iov;
  T("sendmsg iov_base", (iov.iov_base = (void *)B, syscall(SYS_sendmsg, sv[0], &m, 0)));
  iov.iov_base = buf;
  T("sendmsg msg_control", (m.msg_control = (void *)B, m.msg_controllen = 64,
                            syscall(SYS_sendmsg, sv[0], &m, 0)));
  m.msg_control = NULL, m.msg_controllen = 0;
  T("sendmsg msg_name", (m.msg_name = (void *)B, m.msg_namelen = 16,
                         syscall(SYS_sendmsg, sv[0], &m, 0)));
  m.msg_name = NULL, m.msg_namelen = 0;
  T("recvmsg msghdr", (refill(), syscall(SYS_recvmsg, sv[1], B, 0)));
  T("recvmsg iov_base", (refill(), iov.iov_base = (void *)B,
                         syscall(SYS_recvmsg, sv[1], &m, 0)));
  iov.iov_base = buf;
  T("sendto buf", syscall(SYS_sendto, sv[0], B, 16, 0, NULL, 0));
  T("recvfrom buf", (refill(), syscall(SYS_recvfrom, sv[1], B, 16, 0, NULL, NULL)));
  socklen_t len = sizeof(struct sockaddr_un);
  struct sockaddr_un sa;
  T("recvfrom addrlen", (refill(), syscall(SYS_recvfrom, sv[1], buf, 16, 0, &sa, B)));
  T("getsockname addr", (len = sizeof sa, syscall(SYS_getsockname, sv[0], B, &len)));
  T("getsockname addrlen", syscall(SYS_getsockname, sv[0], &sa, B));
  T("getpeername addrlen", syscall(SYS_getpeername, sv[0], &sa, B));
  T("getsockopt optval", (len = 4, syscall(SYS_getsockopt, sv[0], SOL_SOCKET, SO_TYPE, B, &len)));
  T("getsockopt optlen", syscall(SYS_getsockopt, sv[0], SOL_SOCKET, SO_TYPE, buf, B));
  T("setsockopt optval", syscall(SYS_setsockopt, sv[0], SOL_SOCKET, SO_RCVBUF, B, 4));
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  T("connect addr", syscall(SYS_connect, s, B, 16));
  T("bind addr", syscall(SYS_bind, s, B, 16));
  close(s);
  T("socketpair sv", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, B));
  T("sendmmsg msgvec", syscall(SYS_sendmmsg, sv[0], B, 1, 0));
  T("recvmmsg msgvec", (refill(), syscall(SYS_recvmmsg, sv[1], B, 1, 0, NULL)));
  T_STRADDLE("sendmsg msghdr", 56, syscall(SYS_sendmsg, sv[0], S, 0));
  T_STRADDLE("socketpair sv", 8, syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, S));
}

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "canonical") == 0)
    first_bad = 3;
  else if (mmap((void *)(TOP - 4096), 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (void *)(TOP - 4096)) {
    printf("FAIL cannot map the last page below 2^38\n");
    return 1;
  }
  int p[2];
  if (pipe2(p, O_NONBLOCK) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
    return 1;
  rd = p[0], wr = p[1];
  char path[] = "/tmp/rvx-conf-XXXXXX";
  file = mkstemp(path);
  unlink(path);
  (void)!write(file, "some file contents", 18);
  dir = open("/", O_RDONLY | O_DIRECTORY);
  ep = epoll_create1(0);
  tfd = timerfd_create(CLOCK_MONOTONIC, 0);
  ifd = inotify_init1(0);
  if (file < 0 || dir < 0 || ep < 0 || tfd < 0 || ifd < 0)
    return 1;
  signal(SIGPIPE, SIG_IGN);
  files();
  events();
  signals_and_time();
  process();
  sockets();
  printf("%d failures\n", failures);
  return failures != 0;
}

/* rvx's seccomp filter on itself (sandbox mode and --net=none): whatever a bug in rvx might
 * make it do, the host kernel runs only the syscalls below; anything else kills the whole
 * process (SECCOMP_RET_KILL_PROCESS, status 128+SIGSYS) before it happens.
 *
 * The list is what rvx's own code calls (src/ grep for SYS_* and libc calls: the syscall
 * handlers pass most guest calls through to their x86-64 twin) plus what static glibc calls
 * under them (brk/mmap for malloc, clone/futex/rseq/set_robust_list for threads, the old
 * non-*at forms some wrappers still use). Tests (94-sandbox) run every test program under
 * it. Left out on purpose: ptrace, mount and the other namespace and module calls, bpf,
 * perf_event_open, keyctl, process_vm_*, userfaultfd, open_by_handle_at, io_uring, reboot,
 * swap, clock and host name setters, iopl/ioperm. Argument checks: clone with a namespace
 * flag and the terminal-injection ioctls TIOCSTI/TIOCLINUX fail with EPERM; clone3 fails
 * with ENOSYS (its flags are behind a pointer a filter cannot read; glibc then uses clone);
 * under --net=none socket() fails with EACCES.
 *
 * A hand-written BPF program rather than libseccomp: the filter is an architecture check
 * and a flat list, about 60 lines here, and rvx stays free of build and run-time
 * dependencies (libc, libm, pthreads). The filter is installed with TSYNC (every thread of
 * rvx at once) and stays across exec: the rvx the guest's execve starts runs under it, so
 * everything that rvx needs to start (execve itself, arch_prctl, set_tid_address...) is
 * allowed, and it stacks its own copy of the same filter. */
#define _GNU_SOURCE
#include "sandbox/sandbox_impl.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/log.h"
#include "util/options.h"

static const unsigned short allowed[] = {
  /* hottest first: the list is searched in order (the kernel caches the answer per number
   * for filters like this one that never look at arguments for them, since Linux 5.11) */
  SYS_read, SYS_write, SYS_futex, SYS_mmap, SYS_munmap, SYS_mprotect, SYS_rt_sigprocmask,
  SYS_rt_sigreturn, SYS_close, SYS_openat, SYS_fstat, SYS_newfstatat, SYS_lseek,
  SYS_clock_gettime, SYS_getpid, SYS_gettid,
  /* files and I/O */
  SYS_readv, SYS_writev, SYS_pread64, SYS_pwrite64, SYS_preadv, SYS_pwritev, SYS_preadv2,
  SYS_pwritev2, SYS_close_range, SYS_dup, SYS_dup2, SYS_dup3, SYS_fcntl, SYS_flock, SYS_fsync,
  SYS_fdatasync, SYS_sync, SYS_syncfs, SYS_sync_file_range, SYS_fallocate, SYS_fadvise64,
  SYS_readahead, SYS_ftruncate, SYS_truncate, SYS_sendfile, SYS_splice, SYS_tee,
  SYS_vmsplice, SYS_copy_file_range, SYS_open, SYS_openat2, SYS_creat,
  /* the file system by path */
  SYS_stat, SYS_lstat, SYS_statx, SYS_statfs, SYS_fstatfs, SYS_getdents64, SYS_readlink,
  SYS_readlinkat, SYS_getcwd, SYS_chdir, SYS_fchdir, SYS_mkdir, SYS_mkdirat, SYS_rmdir,
  SYS_mknod, SYS_mknodat, SYS_unlink, SYS_unlinkat, SYS_symlink, SYS_symlinkat, SYS_link,
  SYS_linkat, SYS_rename, SYS_renameat, SYS_renameat2, SYS_access, SYS_faccessat,
  SYS_faccessat2, SYS_chmod, SYS_fchmod, SYS_fchmodat, SYS_chown, SYS_lchown, SYS_fchown,
  SYS_fchownat, SYS_utimensat, SYS_umask, SYS_inotify_init1, SYS_inotify_add_watch,
  SYS_inotify_rm_watch,
  /* memory */
  SYS_brk, SYS_mremap, SYS_madvise, SYS_msync, SYS_mincore, SYS_mlock, SYS_mlock2,
  SYS_munlock, SYS_mlockall, SYS_munlockall, SYS_memfd_create, SYS_membarrier,
  /* processes and threads */
  SYS_clone, SYS_fork, SYS_vfork, SYS_execve, SYS_execveat, SYS_exit, SYS_exit_group,
  SYS_wait4, SYS_waitid, SYS_kill, SYS_tkill, SYS_tgkill, SYS_getppid, SYS_getuid,
  SYS_geteuid, SYS_getgid, SYS_getegid, SYS_getresuid, SYS_getresgid, SYS_setuid, SYS_setgid,
  SYS_setreuid, SYS_setregid, SYS_setresuid, SYS_setresgid, SYS_setfsuid, SYS_setfsgid,
  SYS_getgroups, SYS_setgroups, SYS_setsid, SYS_setpgid, SYS_getpgid, SYS_getpgrp,
  SYS_getsid, SYS_capget, SYS_capset, SYS_prctl, SYS_arch_prctl, SYS_personality,
  SYS_getrlimit, SYS_setrlimit, SYS_prlimit64, SYS_getrusage, SYS_times, SYS_uname,
  SYS_sysinfo, SYS_getpriority, SYS_setpriority, SYS_sched_yield, SYS_sched_getaffinity,
  SYS_sched_setaffinity, SYS_sched_getparam, SYS_sched_getscheduler,
  SYS_sched_get_priority_max, SYS_sched_get_priority_min, SYS_getcpu, SYS_set_tid_address,
  SYS_set_robust_list, SYS_get_robust_list, SYS_rseq, SYS_pidfd_open, SYS_seccomp,
  /* signals */
  SYS_rt_sigaction, SYS_rt_sigpending, SYS_rt_sigsuspend, SYS_rt_sigtimedwait,
  SYS_rt_sigqueueinfo, SYS_rt_tgsigqueueinfo, SYS_sigaltstack, SYS_signalfd4,
  SYS_restart_syscall, SYS_pause,
  /* time */
  SYS_clock_getres, SYS_clock_nanosleep, SYS_nanosleep, SYS_gettimeofday, SYS_time,
  SYS_getitimer, SYS_setitimer, SYS_alarm, SYS_timer_create, SYS_timer_settime,
  SYS_timer_gettime, SYS_timer_getoverrun, SYS_timer_delete, SYS_timerfd_create,
  SYS_timerfd_settime, SYS_timerfd_gettime,
  /* waiting for events */
  SYS_eventfd2, SYS_epoll_create1, SYS_epoll_ctl, SYS_epoll_wait, SYS_epoll_pwait,
  SYS_epoll_pwait2, SYS_ppoll, SYS_poll, SYS_pselect6, SYS_select, SYS_pipe, SYS_pipe2,
  /* sockets (socket itself below: --net=none) */
  SYS_socketpair, SYS_bind, SYS_listen, SYS_accept, SYS_accept4, SYS_connect,
  SYS_getsockname, SYS_getpeername, SYS_sendto, SYS_recvfrom, SYS_sendmsg, SYS_recvmsg,
  SYS_sendmmsg, SYS_recvmmsg, SYS_setsockopt, SYS_getsockopt, SYS_shutdown,
  /* misc */
  SYS_getrandom, SYS_ioctl,
};

#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | \
                  CLONE_NEWIPC | CLONE_NEWCGROUP)

#define LD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define LD_ARG_LO(i) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[i]))
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
#define ERRNO(e) RET(SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))
/* if A == k: skip nothing, else skip n */
#define IF_EQ(k, n) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), 0, (n))

static size_t build(struct sock_filter *f, bool net_none)
{
  size_t n = 0;
  f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
  f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
  f[n++] = (struct sock_filter)RET(SECCOMP_RET_KILL_PROCESS);
  f[n++] = (struct sock_filter)LD_NR;
  /* x32 numbers (bit 30) are another ABI's: never rvx's. */
  f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
  f[n++] = (struct sock_filter)RET(SECCOMP_RET_KILL_PROCESS);
  /* clone: no new namespaces */
  f[n++] = (struct sock_filter)IF_EQ(SYS_clone, 4);
  f[n++] = (struct sock_filter)LD_ARG_LO(0);
  f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, 0, 1);
  f[n++] = (struct sock_filter)ERRNO(EPERM);
  f[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
  f[n++] = (struct sock_filter)IF_EQ(SYS_clone3, 1);
  f[n++] = (struct sock_filter)ERRNO(ENOSYS);
  /* ioctl: no typing into the terminal's input queue (the guest's shell's parent) */
  f[n++] = (struct sock_filter)IF_EQ(SYS_ioctl, 6);
  f[n++] = (struct sock_filter)LD_ARG_LO(1);
  f[n++] = (struct sock_filter)IF_EQ(TIOCSTI, 1);
  f[n++] = (struct sock_filter)ERRNO(EPERM);
  f[n++] = (struct sock_filter)IF_EQ(TIOCLINUX, 1);
  f[n++] = (struct sock_filter)ERRNO(EPERM);
  f[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
  f[n++] = (struct sock_filter)IF_EQ(SYS_socket, 1);
  f[n++] = net_none ? (struct sock_filter)ERRNO(EACCES) : (struct sock_filter)RET(SECCOMP_RET_ALLOW);
  for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
    f[n++] = (struct sock_filter)IF_EQ(allowed[i], 1);
    f[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
  }
  f[n++] = (struct sock_filter)RET(SECCOMP_RET_KILL_PROCESS);
  return n;
}

/* A host syscall the filter forbids, made on purpose (94-sandbox): rvx must die of SIGSYS,
 * or for the argument checks get the error. Only these names; set RVX_SANDBOX_SELFTEST. */
static void selftest(const char *what)
{
  long r = -1;
  if (strcmp(what, "ptrace") == 0)
    r = syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0);
  else if (strcmp(what, "mount") == 0)
    r = syscall(SYS_mount, "none", "/", "tmpfs", 0, NULL);
  else if (strcmp(what, "unshare") == 0)
    r = syscall(SYS_unshare, CLONE_NEWUSER);
  else if (strcmp(what, "clone-newuser") == 0)
    r = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
  else if (strcmp(what, "tiocsti") == 0)
    r = syscall(SYS_ioctl, 0, TIOCSTI, "x");
  else if (strcmp(what, "socket") == 0)
    r = syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
  else
    return;
  if (r == 0)
    _exit(0);   /* cannot happen: ptrace, mount and unshare kill; the others fail */
  fprintf(stderr, "rvx: selftest %s: %s\n", what, strerror(errno));
  _exit(1);
}

void sbx_seccomp_install(void)
{
  static struct sock_filter f[2 * (sizeof allowed / sizeof allowed[0]) + 40];
  size_t n = build(f, rvx_opts.net_none);
  struct sock_fprog prog = {.len = (unsigned short)n, .filter = f};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
    log_fatal("sandbox: no_new_privs: %s", strerror(errno));
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog))
    log_fatal("sandbox: cannot install the seccomp filter: %s", strerror(errno));
  const char *t = getenv("RVX_SANDBOX_SELFTEST");
  if (t && *t)
    selftest(t);
}

/* libFuzzer harness for the syscall layer: os_syscall with fuzzed numbers and arguments
 * against a fixed guest address space. Each input is a memory image (copied into the guest's
 * data region, so structs and iovecs are fuzzed too) and up to 8 calls. An argument is built
 * by what its table row says it is: a descriptor from the harness's own set (file, directory,
 * pipe, socket pair, eventfd, epoll, memfd, O_PATH) or the last one a call returned; a path
 * from a list confined to a scratch directory and read-only /proc views; a pointer into the
 * data region, at its edges, into a read-only or unmapped page, at the top of the guest
 * space, past it, or anywhere; a number from the input or a boundary value.
 *
 * The harness is the fuzzer's own process (running as root on the test machine), so some
 * calls are never made and some arguments are tamed: see `excluded` and `tame` below, each
 * with its reason. A watchdog (a POSIX timer sending SIGSYS every 5 ms while a call runs,
 * SIGSYS being a signal rvx never lets the guest block) interrupts calls that would block.
 * Everything an input changes is put back before the next one: guest memory, descriptors,
 * signal actions and mask, timers, current directory, umask, the scratch directory.
 *
 * A host fault, an ASan or UBSan report, or a result outside [-4095, 2^64) where the row says
 * it is an error, is a finding. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "mem/mem.h"
#include "os/guest_abi.h"
#include "os/os.h"
#include "os/os_impl.h"
#include "os/signal.h"
#include "os/thread.h"
#include "util/options.h"

/* ---- the calls the harness never makes ---- */

static const struct { const char *name, *why; } excluded[] = {
  { "exit", "ends the calling thread, the fuzzer's" },
  { "exit_group", "ends the fuzzer's process" },
  { "clone", "a new process or thread that would run guest code the harness does not have" },
  { "clone3", "the same as clone" },
  { "execve", "replaces the fuzzer's process" },
  { "execveat", "the same as execve" },
  { "rt_sigreturn", "a bad frame kills the process with SIGSEGV (as on Linux); a good one "
                    "only moves registers" },
  { "rt_sigsuspend", "only a guest signal handler ends it, and the harness runs none" },
  { "setitimer", "arms SIGALRM/SIGVTALRM/SIGPROF for the fuzzer, whose -timeout is "
                 "ITIMER_REAL" },
  { "timer_settime", "arms a timer whose signal may kill or disturb the fuzzer" },
  { "setrlimit", "would lower the fuzzer's own limits (address space, files, CPU) for every "
                 "later input" },
  { "setpriority", "as root it can renice any process of the machine" },
  { "setpgid", "moves the fuzzer out of its runner's process group" },
  { "setsid", "moves the fuzzer out of its runner's session" },
  { "capset", "would drop the fuzzer's own capabilities for every later input" },
  { "setuid", "as root it would change the fuzzer's identity for every later input" },
  { "setgid", "the same as setuid" },
  { "setreuid", "the same as setuid" },
  { "setregid", "the same as setuid" },
  { "setresuid", "the same as setuid" },
  { "setresgid", "the same as setuid" },
  { "setfsuid", "the same as setuid" },
  { "setfsgid", "the same as setuid" },
  { "setgroups", "the same as setuid" },
  { "mlockall", "as root, MCL_CURRENT would lock (and commit) ASan's terabytes of shadow "
                "memory" },
};

/* Network calls are made only inside a network namespace of the harness's own (only a
 * loopback), so nothing reaches the machine's network or other engineers' test servers. */
static const char *const net_calls[] = { "bind", "connect", "sendto", "sendmsg", "sendmmsg",
                                         "listen", "accept", "accept4", NULL };
static bool own_netns;

/* ---- guest layout ---- */

#define DATA UINT64_C(0x100000)     /* the data region, fuzzed contents */
#define DATA_SIZE UINT64_C(0x10000)
#define HOLE (DATA + DATA_SIZE)     /* one unmapped page after it */
#define RO UINT64_C(0x120000)       /* read-only: the path strings */
#define XO UINT64_C(0x130000)       /* execute-only page */
#define STACK_SIZE UINT64_C(0x10000)
#define BRK UINT64_C(0x200000)

/* Paths the calls get: names in the scratch directory (the current directory), and /proc
 * views rvx emulates or passes through. Nothing here may name a file of the machine that a
 * root process could damage (no /dev, no sysroot, no ..). */
static const char *const paths[] = {
  "f", "d", "n", "d/g", "d/n", "prog", "", ".", "f/", "l",
  "/proc/self/maps", "/proc/self/status", "/proc/self/stat", "/proc/self/exe",
  "/proc/self/cmdline", "/proc/self/environ", "/proc/self/auxv", "/proc/self/fd/200",
  "/proc/self/cwd/f", "/proc/self/fd", "/proc/cpuinfo", "/proc/self/comm",
  "/proc/self/task", "/proc/self/mounts", NULL /* a long name, filled in at start */,
};
#define NPATHS (sizeof paths / sizeof paths[0])
static uint64_t path_at[NPATHS];   /* guest address of each */
static char long_name[300];

/* ---- host state ---- */

#define FD_BASE 200   /* the harness's descriptors: 200.. */
#define SAVED_STD 196 /* copies of descriptors 0, 1, 2 (below FD_BASE, as /dev/null at 199) */
enum { FD_FILE, FD_RDONLY, FD_DIR, FD_PIPE_R, FD_PIPE_W, FD_SOCK_A, FD_SOCK_B, FD_EVENT,
       FD_EPOLL, FD_MEMFD, FD_OPATH, FD_COUNT };
static char scratch[4096];
static bool started;
static int watchdog_id;
static int orig_personality;
static cpu_set_t orig_affinity;
static int last_fd = -1;
static int devnull = -1;            /* where --strace lines go */
static mode_t self_mode;            /* the fuzzer's executable as it was */
static uid_t self_uid;
static time_t self_mtime;
static int guest_timers[64], n_guest_timers;
static bool is_excluded[OS_NR_MAX];
static uint16_t allowed[OS_NR_MAX];
static unsigned n_allowed;

/* Signals the fuzzer, ASan and the watchdog rely on: the guest may ask about them but never
 * change their actions (that would replace the host handlers). */
static bool protected_sig(uint64_t sig)
{
  switch (sig) {
  case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGABRT: case SIGTRAP: case SIGSYS:
  case SIGALRM: case SIGINT: case SIGTERM: case SIGUSR1: case SIGUSR2: case SIGPIPE:
  case SIGXFSZ: case SIGXCPU: case SIGQUIT: case SIGHUP: case SIGIO:
    return true;
  default:
    return false;
  }
}

static void on_watchdog(int sig) { (void)sig; }

static void watchdog_arm(bool on)
{
  struct itimerspec its = { { 0, 0 }, { 0, 0 } };
  if (on)
    its.it_value.tv_nsec = its.it_interval.tv_nsec = 5 * 1000 * 1000;
  syscall(SYS_timer_settime, watchdog_id, 0, &its, NULL);
}

static void make_file(const char *name, const char *text)
{
  int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    if (write(fd, text, strlen(text)) < 0) {}
    close(fd);
  }
}

/* Empties the scratch directory (names only come from `paths`, but remove whatever is
 * there) and makes the files the paths expect. */
static void reset_scratch(void)
{
  if (chdir(scratch) < 0)
    abort();
  for (int pass = 0; pass < 2; pass++) {
    const char *dirs[] = { "d", "." };
    for (int k = 0; k < 2; k++) {
      DIR *d = opendir(dirs[k]);
      if (!d)
        continue;
      struct dirent *e;
      while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
          continue;
        if (k == 1 && !strcmp(e->d_name, "d") && pass == 0)
          continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dirs[k], e->d_name);
        if (unlink(p) < 0)
          rmdir(p);
      }
      closedir(d);
    }
  }
  mkdir("d", 0755);
  make_file("f", "0123456789abcdef\n");
  make_file("prog", "#!/bin/sh\n");
  chmod("prog", 0755);
}

/* The open descriptors below 1024, as a bitmap. */
static void scan_fds(bool open_fd[1024])
{
  memset(open_fd, 0, 1024);
  DIR *d = opendir("/proc/self/fd");
  int dfd = d ? dirfd(d) : -1;
  struct dirent *e;
  while (d && (e = readdir(d))) {
    int fd = atoi(e->d_name);
    if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && fd != dfd && fd < 1024)
      open_fd[fd] = true;
  }
  if (d)
    closedir(d);
}

/* Reopens the harness's descriptors at FD_BASE.. (what the last input left there is gone). */
static void reset_fds(void)
{
  int f[FD_COUNT];
  int p[2] = { -1, -1 }, s[2] = { -1, -1 };
  f[FD_FILE] = open("f", O_RDWR);
  f[FD_RDONLY] = open("f", O_RDONLY);
  f[FD_DIR] = open(".", O_RDONLY | O_DIRECTORY);
  if (pipe2(p, O_NONBLOCK) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0)
    abort();
  f[FD_PIPE_R] = p[0], f[FD_PIPE_W] = p[1], f[FD_SOCK_A] = s[0], f[FD_SOCK_B] = s[1];
  f[FD_EVENT] = eventfd(1, EFD_NONBLOCK);
  f[FD_EPOLL] = epoll_create1(0);
  f[FD_MEMFD] = memfd_create("fuzz", 0);
  f[FD_OPATH] = open("d", O_PATH);
  for (int i = 0; i < FD_COUNT; i++) {
    if (f[i] < 0 || dup2(f[i], FD_BASE + i) < 0)
      abort();
    close(f[i]);
  }
  last_fd = FD_BASE;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
  (void)st, (void)ftw;
  return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* At exit (libFuzzer ends with exit()): the scratch directory goes. */
static void remove_scratch(void)
{
  if (chdir("/") == 0)
    nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Closes what the calls of an input opened (before: what was open when they started). */
static void close_new_fds(const bool before[1024])
{
  static bool now[1024];
  scan_fds(now);
  for (int fd = 0; fd < 1024; fd++)
    if (now[fd] && (!before[fd] || (fd >= FD_BASE && fd < FD_BASE + FD_COUNT)))
      close(fd);
}

static void reset_memory(const uint8_t *image, size_t len)
{
  mem_munmap(0, GUEST_SIZE);
  if (mem_map_fixed(DATA, DATA_SIZE, PROT_READ | PROT_WRITE, false, NULL) ||
      mem_map_fixed(RO, GUEST_PAGE, PROT_READ | PROT_WRITE, false, NULL) ||
      mem_map_fixed(XO, GUEST_PAGE, PROT_EXEC, false, NULL) ||
      mem_map_fixed(GUEST_STACK_TOP - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE, false,
                    "[stack]"))
    abort();
  uint8_t *d = mem_g2h(DATA);
  memset(d, 0, DATA_SIZE);
  for (size_t off = 0; len && off < DATA_SIZE; off += len)   /* the image, repeated */
    memcpy(d + off, image, len < DATA_SIZE - off ? len : DATA_SIZE - off);
  char *ro = mem_g2h(RO);
  size_t at = 0;
  for (size_t i = 0; i < NPATHS; i++) {
    const char *p = paths[i] ? paths[i] : long_name;
    path_at[i] = RO + at;
    memcpy(ro + at, p, strlen(p) + 1);
    at += strlen(p) + 1;
  }
  mem_mprotect(RO, GUEST_PAGE, PROT_READ);
  mem_set_brk_start(BRK);
}

static void reset_process(void)
{
  os_thread *t = os_self;
  struct g_sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  for (int sig = 1; sig <= G_NSIG; sig++) {
    if (protected_sig((uint64_t)sig) || sig == G_SIGKILL || sig == G_SIGSTOP)
      continue;
    struct g_sigaction cur;
    os_signal_get_action(sig, &cur);
    if (memcmp(&cur, &dfl, sizeof cur) != 0)
      os_signal_set_action(sig, &dfl);
  }
  t->sig.blocked = 0;
  t->sig.pending = 0;
  t->sig.restore_mask = false;
  t->sig.altstack_sp = t->sig.altstack_size = 0;
  t->sig.altstack_flags = 2;
  t->cpu.async_stop = 0;
  os_signal_sync_host_mask();
  for (int i = 0; i < n_guest_timers; i++)
    syscall(SYS_timer_delete, guest_timers[i]);
  n_guest_timers = 0;
  umask(022);
  personality((unsigned long)orig_personality);
  sched_setaffinity(0, sizeof orig_affinity, &orig_affinity);
}

/* Brings up lo in the harness's new network namespace. */
static void loopback_up(void)
{
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  if (s >= 0 && ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
    ifr.ifr_flags |= IFF_UP;
    ioctl(s, SIOCSIFFLAGS, &ifr);
  }
  if (s >= 0)
    close(s);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc, (void)argv;
  if (mem_init() < 0)
    abort();
  own_netns = unshare(CLONE_NEWNET) == 0;
  if (own_netns)
    loopback_up();
  for (unsigned nr = 0; nr < OS_NR_MAX; nr++) {
    const os_sysdef *def = os_sysdef_of(nr);
    if (!def)
      continue;
    for (size_t i = 0; i < sizeof excluded / sizeof excluded[0]; i++)
      if (!strcmp(def->name, excluded[i].name))
        is_excluded[nr] = true;
    for (size_t i = 0; !own_netns && net_calls[i]; i++)
      if (!strcmp(def->name, net_calls[i]))
        is_excluded[nr] = true;
    if (!is_excluded[nr])
      allowed[n_allowed++] = (uint16_t)nr;
  }
  memset(long_name, 'a', sizeof long_name - 1);

  const char *tmp = getenv("TMPDIR");
  snprintf(scratch, sizeof scratch, "%s/rvx-fuzz-syscall.%d", tmp && *tmp ? tmp : "/tmp",
           (int)getpid());
  mkdir(scratch, 0700);
  atexit(remove_scratch);
  static char prog[128], *gargv[] = { "prog", "x", NULL }, *genv[] = { "A=1", NULL };
  snprintf(prog, sizeof prog, "%s/prog", scratch);
  rvx_opts.exe_path = rvx_opts.exe_real = prog;
  rvx_opts.self_exe = "/proc/self/exe";
  rvx_opts.guest_argc = 2;
  rvx_opts.guest_argv = gargv;
  rvx_opts.guest_envp = genv;
  rvx_opts.sysroot = "/nonexistent-sysroot";

  /* rvx takes the core-dumping signals for itself (os_signal_init); the fuzzer's and ASan's
   * handlers must stay, so they go back after it. */
  struct sigaction saved[65];
  for (int s = 1; s < 65; s++)
    sigaction(s, NULL, &saved[s]);
  os_thread_first();
  os_init();
  for (int s = 1; s < 65; s++)
    if (protected_sig((uint64_t)s))
      sigaction(s, &saved[s], NULL);
  os_signal_thread_start(os_self, NULL);

  struct sigaction wd;
  memset(&wd, 0, sizeof wd);
  wd.sa_handler = on_watchdog;   /* no SA_RESTART: blocking host calls return EINTR */
  sigaction(SIGSYS, &wd, NULL);
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGSYS;
  ev._sigev_un._tid = gettid();
  if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &watchdog_id) < 0)
    abort();
  /* Files the guest writes stay small: writes past 1 MiB fail with EFBIG. */
  struct rlimit fsz = { 1 << 20, 1 << 20 };
  setrlimit(RLIMIT_FSIZE, &fsz);
  struct stat self;
  if (stat("/proc/self/exe", &self) < 0)
    abort();
  self_mode = self.st_mode, self_uid = self.st_uid, self_mtime = self.st_mtime;
  orig_personality = personality(0xffffffff);
  devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (devnull < 0 || dup2(devnull, 199) < 0)   /* below FD_BASE, out of the guest's reach */
    abort();
  close(devnull);
  devnull = 199;
  /* Copies of stdin, stdout and stderr, to put back after each input: a dup3 onto 2 once
   * sent libFuzzer's final statistics into a pipe (the execution counts were lost). */
  for (int i = 0; i < 3; i++)
    if (dup2(i, SAVED_STD + i) < 0)
      abort();
  sched_getaffinity(0, sizeof orig_affinity, &orig_affinity);
  return 0;
}

/* ---- arguments ---- */

static uint64_t pointer(fuzz_in *in, uint8_t kind)
{
  switch (kind % 12) {
  case 0: return 0;
  case 1: return DATA + fuzz_u16(in) % DATA_SIZE;
  case 2: return DATA + DATA_SIZE - fuzz_u8(in) % 65;
  case 3: return RO + fuzz_u16(in) % GUEST_PAGE;
  case 4: return HOLE + fuzz_u16(in) % GUEST_PAGE;
  case 5: return XO + fuzz_u16(in) % GUEST_PAGE;
  case 6: return GUEST_SIZE - fuzz_u8(in);
  case 7: return GUEST_SIZE + fuzz_u16(in);
  case 8: return GUEST_STACK_TOP - fuzz_u16(in) % STACK_SIZE;
  case 9: return path_at[fuzz_u8(in) % NPATHS];
  case 10: return DATA + (fuzz_u8(in) & 0xf8);   /* aligned, near the start */
  default: return fuzz_u64(in);
  }
}

static uint64_t number(fuzz_in *in, uint8_t kind)
{
  static const uint64_t edge[] = {
    0, 1, 2, 3, 4, 8, 16, 64, 128, 255, 256, 1024, 4096, 65536, 0x7fffffff, 0x80000000,
    0xffffffff, UINT64_C(0x100000000), INT64_MAX, UINT64_MAX, UINT64_MAX - 1, UINT64_MAX - 4095,
    GUEST_SIZE, GUEST_SIZE - GUEST_PAGE, DATA, DATA_SIZE, (uint64_t)-100 /* AT_FDCWD */,
  };
  switch (kind % 5) {
  case 0: return fuzz_u8(in);
  case 1: return (uint64_t)(int64_t)(int32_t)fuzz_u32(in);
  case 2: return fuzz_u64(in);
  case 3: return edge[fuzz_u8(in) % (sizeof edge / sizeof edge[0])];
  default: return fuzz_u16(in);
  }
}

static uint64_t descriptor(fuzz_in *in, uint8_t kind, bool dirfd)
{
  uint8_t k = kind % (FD_COUNT + 4);
  if (k < FD_COUNT)
    return FD_BASE + k;
  switch (k - FD_COUNT) {
  case 0: return (uint64_t)(int64_t)last_fd;
  case 1: return dirfd ? (uint64_t)(int64_t)AT_FDCWD : (uint64_t)-1;
  case 2: return (uint64_t)(int64_t)(int32_t)fuzz_u32(in) | 0x1000;  /* not open */
  default: return 0x10000;
  }
}

static uint64_t argument(fuzz_in *in, char f)
{
  uint8_t kind = fuzz_u8(in);
  switch (f) {
  case 'f': return descriptor(in, kind, false);
  case 'a': return descriptor(in, kind, true);
  case 's': return kind < 200 ? path_at[kind % NPATHS] : pointer(in, kind);
  case 'p': case 'b': case 'r': case 'S': case 'Q': return pointer(in, kind);
  default: return kind < 24 ? pointer(in, kind) : number(in, kind);
  }
}

/* Arguments changed so that the call cannot harm the fuzzer or the machine; false: skip the
 * call. */
static bool tame(const char *name, uint64_t a[6])
{
  if (!strcmp(name, "kill") || !strcmp(name, "tkill") || !strcmp(name, "rt_sigqueueinfo"))
    a[1] = 0;   /* as root a real signal could reach any process; signal 0 only checks */
  else if (!strcmp(name, "tgkill") || !strcmp(name, "rt_tgsigqueueinfo"))
    a[2] = 0;
  else if (!strcmp(name, "futex") && ((a[1] & 127) == 6 || (a[1] & 127) == 13 ||
                                       (a[1] & 127) == 11))
    /* LOCK_PI, LOCK_PI2, WAIT_REQUEUE_PI: the kernel restarts them after any signal the
     * harness's watchdog sends (ERESTARTNOINTR: only a guest signal through rvx's own
     * handler ends them), so a word owned by another process blocks for ever. TRYLOCK_PI
     * takes the same paths without waiting. */
    a[1] = (a[1] & ~UINT64_C(127)) | 8;
  else if (!strcmp(name, "prlimit64"))
    a[2] = 0;   /* read limits only: setting them is setrlimit's harm, for any pid */
  else if (!strcmp(name, "sched_setaffinity"))
    a[0] = 0;   /* only the fuzzer itself (put back after each input) */
  else if (!strcmp(name, "rt_sigaction") && protected_sig(a[0]))
    a[1] = 0;   /* ask, never change, the actions the fuzzer needs */
  else if (!strcmp(name, "fcntl")) {
    int cmd = (int)a[1];
    /* F_SETOWN(_EX), F_SETSIG, F_NOTIFY, F_SETLEASE, O_ASYNC: the kernel would send SIGIO
     * or other signals to the fuzzer. */
    if (cmd == F_SETOWN || cmd == F_SETOWN_EX || cmd == F_SETSIG || cmd == F_NOTIFY ||
        cmd == F_SETLEASE)
      a[1] = F_GETFL;
    if (cmd == F_SETFL)
      a[2] &= ~(uint64_t)O_ASYNC;
  } else if (!strcmp(name, "ioctl")) {
    if ((uint32_t)a[1] == FIOASYNC || (uint32_t)a[1] == FIOSETOWN ||
        (uint32_t)a[1] == SIOCSPGRP)
      a[1] = FIONREAD;   /* the same SIGIO as fcntl's */
  } else if (!strcmp(name, "mknodat")) {
    a[2] = (a[2] & 07777) | S_IFREG;   /* as root a device node would open the machine's disks */
    a[3] = 0;
  } else if (!strcmp(name, "mmap")) {
    a[3] &= ~(uint64_t)(MAP_POPULATE | MAP_LOCKED);   /* could commit 256 GiB */
  } else if (!strcmp(name, "madvise")) {
    if (a[1] > (1 << 20))
      a[1] = 1 << 20;   /* WILLNEED/POPULATE_* would commit the range */
  } else if (!strcmp(name, "mlock") || !strcmp(name, "mlock2")) {
    if (a[1] > (1 << 20))
      a[1] = 1 << 20;   /* root has no RLIMIT_MEMLOCK: lock at most 1 MiB */
  } else if (!strcmp(name, "close_range")) {
    if (a[0] < FD_BASE)
      a[0] = FD_BASE;   /* never the fuzzer's (or its symbolizer's) descriptors */
  } else if (!strcmp(name, "timer_delete") || !strcmp(name, "timer_gettime") ||
             !strcmp(name, "timer_getoverrun")) {
    if ((int)a[0] == watchdog_id)
      a[0] = 0x7fff;   /* not the watchdog's */
  }
  return true;
}

/* After a call: remember what the next calls and the reset need. */
static void after(const char *name, const uint64_t a[6], int64_t ret)
{
  const char *const fd_makers[] = { "openat", "openat2", "dup", "dup3", "fcntl", "socket",
                                    "accept", "accept4", "eventfd2", "epoll_create1",
                                    "memfd_create", "signalfd4", "timerfd_create",
                                    "inotify_init1", NULL };
  for (int i = 0; fd_makers[i]; i++)
    if (!strcmp(name, fd_makers[i]) && ret >= 0 && ret < 1024)
      last_fd = (int)ret;
  if (!strcmp(name, "timer_create") && ret == 0 && n_guest_timers < 64) {
    int32_t id;
    const void *h = mem_guest_ptr(a[2], 4, PROT_READ);
    if (h) {
      memcpy(&id, h, 4);
      guest_timers[n_guest_timers++] = id;
    }
  }
}

/* Inputs run, written at exit to $FUZZ_COUNT_FILE for run.sh: libFuzzer's own final
 * statistics on stderr do not always survive the calls this harness makes. */
static unsigned long inputs_run;
static void write_count(void)
{
  const char *f = getenv("FUZZ_COUNT_FILE");
  FILE *o = f ? fopen(f, "w") : NULL;
  if (o) {
    fprintf(o, "%lu\n", inputs_run);
    fclose(o);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  inputs_run++;
  if (!started) {
    atexit(write_count);
    /* libFuzzer sets its own handlers after LLVMFuzzerInitialize: a write past the file
     * size limit must fail with EFBIG rather than end the fuzzer. */
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    started = true;
  }
  fuzz_in in = { data, size };
  uint16_t head = fuzz_u16(&in);
  size_t image = head % 1024;
  /* One input in four runs with --strace, whose rendering of each argument reads guest
   * memory too; its lines go to /dev/null (a crash still leaves the input behind). */
  bool trace = (head >> 14) == 3;
  if (image > in.n)
    image = in.n;
  reset_scratch();
  reset_fds();
  reset_process();
  reset_memory(in.p, image);
  in.p += image, in.n -= image;
  static bool before[1024];
  scan_fds(before);

  rv_cpu *cpu = &os_self->cpu;
  for (int call = 0; call < 8 && in.n >= 2; call++) {
    uint16_t sel = fuzz_u16(&in);
    uint64_t nr = sel == 0xffff ? fuzz_u16(&in) : allowed[sel % n_allowed];
    const os_sysdef *def = os_sysdef_of(nr);
    if (def && is_excluded[nr])
      continue;
    uint64_t a[6] = { 0 };
    const char *fmt = def ? def->fmt + 2 : "xxxxxx";
    size_t nargs = strlen(fmt);
    for (size_t i = 0; i < 6; i++)
      a[i] = argument(&in, i < nargs ? fmt[i] : 'x');
    if (def && !tame(def->name, a))
      continue;
    memset(cpu->x, 0, sizeof cpu->x);
    for (int i = 0; i < 6; i++)
      cpu->x[REG_A0 + i] = a[i];
    cpu->x[REG_A7] = nr;
    cpu->x[REG_SP] = GUEST_STACK_TOP - 256;
    cpu->pc = 0x10000 + 4 * (uint64_t)call;
    uint64_t pc = cpu->pc;
    int saved_err = -1;
    if (trace) {
      saved_err = dup(2);
      dup2(devnull, 2);
      rvx_opts.strace = true;
    }
    watchdog_arm(true);
    os_syscall(cpu);
    watchdog_arm(false);
    if (trace) {
      rvx_opts.strace = false;
      dup2(saved_err, 2);
      close(saved_err);
    }
    int64_t ret = (int64_t)cpu->x[REG_A0];
    FUZZ_CHECK(cpu->pc == pc || cpu->pc == pc - 4, "%s moved pc to %#llx",
               def ? def->name : "?", (unsigned long long)cpu->pc);
    if (!def)
      FUZZ_CHECK(ret == -ENOSYS, "unknown syscall %llu returned %lld", (unsigned long long)nr,
                 (long long)ret);
    else
      after(def->name, a, ret);
  }
  close_new_fds(before);
  for (int i = 0; i < 3; i++)
    dup2(SAVED_STD + i, i);
  /* The fuzzer's own executable is rvx's: /proc/self/exe must have meant the guest's program
   * (rvx once chmod'ed its own binary for chmod("/proc/self/exe")). */
  struct stat self;
  FUZZ_CHECK(stat("/proc/self/exe", &self) == 0 && self.st_mode == self_mode &&
             self.st_uid == self_uid && self.st_mtime == self_mtime,
             "a call changed the fuzzer's own executable (mode %o)", self.st_mode);
  return 0;
}

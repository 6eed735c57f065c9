/* clone and clone3. A new process is a host process made by fork: the guest's memory, its fds
 * and rvx's own state are copied as Linux copies a process, and the tid-pointer flags are
 * emulated on guest addresses. CLONE_VM without CLONE_VFORK is a thread (os_clone_thread).
 *
 * Why fork and not a raw clone: rvx links glibc statically, and glibc's fork keeps its own
 * state right in the child (cached tid, robust list, malloc and stdio locks taken around the
 * fork). A raw clone is used only when fork cannot express the request (an exit signal other
 * than SIGCHLD, or flags fork has no way to pass: CLONE_FILES, CLONE_PARENT, namespaces...);
 * such a child touches nothing of glibc's tid cache (glibc 2.36's raise asks the kernel for
 * the tid; rvx itself calls gettid()).
 *
 * vfork (CLONE_VM|CLONE_VFORK) cannot share rvx's memory with a second rvx, so the child is a
 * copy, but the parent stays suspended until the child execs or exits, as on Linux: it reads
 * a CLOEXEC socket until EOF. What the child wrote to the parent's live stack (the frames
 * above the parent's sp at the call) comes back over that socket as a diff against the
 * child's snapshot taken at its start, before each exec attempt and at exit: that is where
 * posix_spawn's child leaves the errno of a failed exec, and where a vfork child's stores to
 * its caller's locals go. Other memory the child writes stays the child's (POSIX leaves that
 * undefined for vfork anyway). */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mem/mem.h"
#include "os/signal.h"
#include "os/thread.h"

/* Linux's clone flags (generic values, riscv64 = x86-64). */
#define F_CSIGNAL 0xffull
#define F_NEWTIME 0x80ull
#define F_VM 0x100ull
#define F_FS 0x200ull
#define F_FILES 0x400ull
#define F_SIGHAND 0x800ull
#define F_PIDFD 0x1000ull
#define F_PTRACE 0x2000ull
#define F_VFORK 0x4000ull
#define F_PARENT 0x8000ull
#define F_THREAD 0x10000ull
#define F_NEWNS 0x20000ull
#define F_SYSVSEM 0x40000ull
#define F_SETTLS 0x80000ull
#define F_PARENT_SETTID 0x100000ull
#define F_CHILD_CLEARTID 0x200000ull
#define F_DETACHED 0x400000ull
#define F_UNTRACED 0x800000ull
#define F_CHILD_SETTID 0x1000000ull
#define F_NEWCGROUP 0x2000000ull
#define F_NEWUTS 0x4000000ull
#define F_NEWIPC 0x8000000ull
#define F_NEWUSER 0x10000000ull
#define F_NEWPID 0x20000000ull
#define F_NEWNET 0x40000000ull
#define F_IO 0x80000000ull
#define F_CLEAR_SIGHAND 0x100000000ull
#define F_INTO_CGROUP 0x200000000ull

/* Flags the host kernel acts on for the child process: passed through by a raw clone. */
#define F_HOST (F_FS | F_FILES | F_PARENT | F_NEWNS | F_SYSVSEM | F_NEWCGROUP | F_NEWUTS | \
                F_NEWIPC | F_NEWUSER | F_NEWPID | F_NEWNET | F_IO)
/* Flags rvx emulates, or that change nothing visible here (ptrace by a tracer of rvx). */
#define F_EMULATED (F_VM | F_VFORK | F_SETTLS | F_PARENT_SETTID | F_CHILD_SETTID | \
                    F_CHILD_CLEARTID | F_PIDFD | F_PTRACE | F_UNTRACED | F_DETACHED | \
                    F_SIGHAND | F_THREAD)

/* struct clone_args (all fields u64): sizes of its versions. */
#define CLONE_ARGS_VER0 64
#define CLONE_ARGS_VER2 88
#define MAX_PID_NS_LEVEL 32

typedef struct clone_req {
  uint64_t flags;       /* without the exit signal */
  int exit_signal;
  uint64_t newsp, ptid, ctid, tls;
  uint64_t pidfd_at;    /* where CLONE_PIDFD stores the pidfd */
} clone_req;

/* ---- vfork: the child side ---- */

#define VFORK_STACK_MAX (1u << 20)   /* of the parent's stack handed back, from its sp up */
#define VFORK_FD_MIN 900             /* the socket sits high, out of the guest's usual way */

static int vfork_fd = -1;        /* in a vfork child until it execs or exits */
static uint64_t vfork_lo, vfork_len;
static uint8_t *vfork_snap;      /* the parent's stack as it was at the clone */

/* The writable stretch of guest memory from sp up to the end of its mapping (bounded). */
static uint64_t live_stack_len(uint64_t sp)
{
  uint64_t end = sp & ~(uint64_t)(GUEST_PAGE - 1);
  while (end < GUEST_SIZE && end < sp + VFORK_STACK_MAX) {
    int prot = mem_prot_at(end);
    if (prot < 0 || !(prot & PROT_WRITE) || !(prot & PROT_READ))
      break;
    end += GUEST_PAGE;
  }
  if (end > sp + VFORK_STACK_MAX)
    end = sp + VFORK_STACK_MAX;
  return end > sp ? end - sp : 0;
}

static bool send_all(int fd, const void *p, size_t n)
{
  while (n) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    p = (const char *)p + w;
    n -= (size_t)w;
  }
  return true;
}

void os_vfork_release(void)
{
  if (vfork_fd < 0 || !vfork_snap)
    return;
  /* Runs of changed 8-byte words, page by page (the child may have unmapped some). */
  for (uint64_t pg = 0; pg < vfork_len;) {
    uint64_t g = vfork_lo + pg;
    uint64_t n = GUEST_PAGE - (g & (GUEST_PAGE - 1));
    if (n > vfork_len - pg)
      n = vfork_len - pg;
    const uint8_t *now = os_obj(g, n, PROT_READ);
    for (uint64_t i = 0; now && i < n;) {
      if (memcmp(now + i, vfork_snap + pg + i, n - i < 8 ? n - i : 8) == 0) {
        i += 8;
        continue;
      }
      uint64_t j = i;
      while (j < n && memcmp(now + j, vfork_snap + pg + j, n - j < 8 ? n - j : 8) != 0)
        j += 8;
      if (j > n)
        j = n;
      uint64_t hdr[2] = {pg + i, j - i};
      if (!send_all(vfork_fd, hdr, sizeof hdr) || !send_all(vfork_fd, now + i, j - i))
        return;
      i = j;
    }
    pg += n;
  }
}

void os_vfork_exit(void)
{
  if (vfork_fd < 0)
    return;
  os_vfork_release();
  close(vfork_fd);
  vfork_fd = -1;
}

/* In every new child: a vfork socket inherited from our own vfork parent is not ours. */
static void vfork_forget(void)
{
  if (vfork_fd >= 0)
    close(vfork_fd);
  vfork_fd = -1;
  free(vfork_snap);
  vfork_snap = NULL;
}

static void vfork_child_start(int fd, bool share_vm, uint64_t parent_sp)
{
  int high = fcntl(fd, F_DUPFD_CLOEXEC, VFORK_FD_MIN);
  if (high >= 0) {
    close(fd);
    fd = high;
  }
  vfork_fd = fd;
  if (!share_vm)
    return;
  vfork_lo = parent_sp;
  vfork_len = live_stack_len(parent_sp);
  const void *h = vfork_len ? os_obj(vfork_lo, vfork_len, PROT_READ) : NULL;
  if (h && (vfork_snap = malloc(vfork_len)))
    memcpy(vfork_snap, h, vfork_len);
}

/* The parent: waits for EOF, applying the child's stack writes. */
static void vfork_parent_wait(int fd, bool share_vm, uint64_t lo)
{
  uint8_t buf[4096];
  for (;;) {
    uint64_t hdr[2];
    size_t got = 0;
    while (got < sizeof hdr) {
      ssize_t r = recv(fd, (char *)hdr + got, sizeof hdr - got, 0);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return;
      got += (size_t)r;
    }
    uint64_t off = hdr[0], len = hdr[1];
    while (len) {
      size_t chunk = len < sizeof buf ? (size_t)len : sizeof buf;
      ssize_t r = recv(fd, buf, chunk, 0);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return;
      if (share_vm && off <= VFORK_STACK_MAX)
        os_put(lo + off, buf, (uint64_t)r);   /* gone since: nothing to update */
      off += (uint64_t)r;
      len -= (uint64_t)r;
    }
  }
}

/* ---- the common path ---- */

/* Linux's checks on the flag combination (copy_process, kernel_clone). */
static int64_t check_flags(const clone_req *r)
{
  uint64_t f = r->flags;
  if ((f & (F_NEWNS | F_FS)) == (F_NEWNS | F_FS) || (f & (F_NEWUSER | F_FS)) == (F_NEWUSER | F_FS))
    return -EINVAL;
  if ((f & F_THREAD) && !(f & F_SIGHAND))
    return -EINVAL;
  if ((f & F_SIGHAND) && !(f & F_VM))
    return -EINVAL;
  if ((f & F_THREAD) && (f & (F_NEWUSER | F_NEWPID)))
    return -EINVAL;
  if ((f & F_PIDFD) && (f & (F_DETACHED | F_THREAD)))
    return -EINVAL;
  return 0;
}

static int64_t new_process(rv_cpu *cpu, const clone_req *r)
{
  uint64_t f = r->flags;
  bool vfork = f & F_VFORK, share_vm = f & F_VM;
  if ((f & F_PIDFD) && !os_obj(r->pidfd_at, 4, PROT_WRITE))
    return -EFAULT;
  int sv[2] = {-1, -1};
  if (vfork && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
    return -errno;
  uint64_t parent_sp = cpu->x[REG_SP];
  pid_t pid;
  if ((f & F_HOST) || r->exit_signal != SIGCHLD)
    pid = (pid_t)syscall(SYS_clone, (unsigned long)((f & F_HOST) | (uint64_t)r->exit_signal),
                         0ul, NULL, NULL, 0ul);
  else
    pid = fork();
  if (pid < 0) {
    int e = errno;
    if (vfork)
      close(sv[0]), close(sv[1]);
    return -e;
  }
  if (pid == 0) {
    vfork_forget();
    os_signal_fork_child();   /* nothing pending in the child */
    os_thread *t = os_thread_of(cpu);
    t->tid = (int)gettid();
    if (f & F_CHILD_SETTID)
      os_put(r->ctid, &t->tid, 4);   /* a bad address is ignored, as Linux does */
    if (f & F_CHILD_CLEARTID)
      t->clear_child_tid = r->ctid;
    if (r->newsp)
      cpu->x[REG_SP] = r->newsp;
    if (f & F_SETTLS)
      cpu->x[REG_TP] = r->tls;
    if (vfork) {
      close(sv[0]);
      vfork_child_start(sv[1], share_vm, parent_sp);
    }
    return 0;
  }
  /* Linux stores these in the parent's memory only, once the child exists. */
  if (f & F_PARENT_SETTID)
    os_put(r->ptid, &pid, 4);
  if (f & F_PIDFD) {
    int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pfd >= 0)
      os_put(r->pidfd_at, &pfd, 4);
  }
  if (vfork) {
    close(sv[1]);
    vfork_parent_wait(sv[0], share_vm, parent_sp);
    close(sv[0]);
  }
  return pid;
}

static int64_t do_clone(rv_cpu *cpu, clone_req *r)
{
  int64_t e = check_flags(r);
  if (e)
    return e;
  uint64_t f = r->flags;
  if (f & ~(F_HOST | F_EMULATED | F_CLEAR_SIGHAND))
    return -EINVAL;   /* no such flag (CLONE_NEWTIME, CLONE_INTO_CGROUP: not emulated) */
  if ((f & F_VM) && !(f & F_VFORK))
    return os_clone_thread(cpu, f | (uint64_t)r->exit_signal, r->newsp, r->ptid, r->tls,
                           r->ctid);
  if (f & F_CLEAR_SIGHAND)
    return -EINVAL;   /* not emulated: the guest's actions live in sys_signal.c */
  return new_process(cpu, r);
}

/* clone(flags, newsp, parent_tidptr, tls, child_tidptr): riscv64's order. */
int64_t os_sys_clone(rv_cpu *cpu, const uint64_t a[6])
{
  uint64_t flags = a[0] & 0xffffffffull;   /* the kernel takes the low 32 bits */
  clone_req r = {
    .flags = flags & ~F_CSIGNAL,
    .exit_signal = (int)(flags & F_CSIGNAL),
    .newsp = a[1], .ptid = a[2], .tls = a[3], .ctid = a[4],
    .pidfd_at = a[2],
  };
  /* clone() returns the pidfd through parent_tid, so the two cannot both be asked for. */
  if ((r.flags & F_PIDFD) && (r.flags & F_PARENT_SETTID))
    return -EINVAL;
  r.flags &= ~F_DETACHED;   /* ignored by clone() since Linux 2.6.2 */
  return do_clone(cpu, &r);
}

/* clone3(struct clone_args *, size). */
int64_t os_sys_clone3(rv_cpu *cpu, const uint64_t a[6])
{
  uint64_t size = a[1];
  if (size < CLONE_ARGS_VER0)
    return -EINVAL;
  if (size > GUEST_PAGE)
    return -E2BIG;
  const uint8_t *h = os_obj(a[0], size, PROT_READ);
  if (!h)
    return -EFAULT;
  /* A newer, bigger struct is fine if its unknown tail is zero (copy_struct_from_user). */
  for (uint64_t i = CLONE_ARGS_VER2; i < size; i++)
    if (h[i])
      return -E2BIG;
  uint64_t ca[11] = {0};
  memcpy(ca, h, size < sizeof ca ? size : sizeof ca);
  uint64_t flags = ca[0], pidfd = ca[1], child_tid = ca[2], parent_tid = ca[3];
  uint64_t exit_signal = ca[4], stack = ca[5], stack_size = ca[6], tls = ca[7];
  uint64_t set_tid = ca[8], set_tid_size = ca[9], cgroup = ca[10];
  if (set_tid_size > MAX_PID_NS_LEVEL || (!set_tid && set_tid_size) || (set_tid && !set_tid_size))
    return -EINVAL;
  if (cgroup > 0x7fffffff)
    return -EINVAL;
  if ((exit_signal & ~F_CSIGNAL) || exit_signal > 64)
    return -EINVAL;
  if (flags & ~(0xffffffffull | F_CLEAR_SIGHAND | F_INTO_CGROUP))
    return -EINVAL;
  if (flags & (F_DETACHED | (F_CSIGNAL & ~F_NEWTIME)))
    return -EINVAL;
  if ((flags & (F_SIGHAND | F_CLEAR_SIGHAND)) == (F_SIGHAND | F_CLEAR_SIGHAND))
    return -EINVAL;
  if ((flags & (F_THREAD | F_PARENT)) && exit_signal)
    return -EINVAL;
  if (stack ? !stack_size : stack_size != 0)
    return -EINVAL;
  if (stack && (stack > GUEST_SIZE || stack_size > GUEST_SIZE - stack))
    return -EINVAL;
  if ((flags & F_PIDFD) && (flags & F_PARENT_SETTID) && pidfd == parent_tid)
    return -EINVAL;
  if (set_tid_size)
    return -EPERM;   /* choosing pids needs CAP_SYS_ADMIN over the pid namespace: not done */
  if (flags & (F_NEWTIME | F_INTO_CGROUP))
    return -EINVAL;   /* not emulated */
  clone_req r = {
    .flags = flags,
    .exit_signal = (int)exit_signal,
    .newsp = stack ? stack + stack_size : 0,
    .ptid = parent_tid, .ctid = child_tid, .tls = tls,
    .pidfd_at = pidfd,
  };
  return do_clone(cpu, &r);
}

/* Guest threads: the first one, new ones (clone with CLONE_VM: a host thread each, guest tid =
 * host tid), thread exit (robust list, clear_child_tid, the last thread ends the process),
 * and the per-thread bookkeeping syscalls (set_tid_address, robust lists). */
#define _GNU_SOURCE
#include "os/thread.h"
#include "os/os_impl.h"
#include "os/os.h"

#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exc/exc.h"
#include "interp/interp.h"
#include "prof/prof.h"
#include "util/options.h"
#include "util/log.h"

/* Host stack of a guest thread: rvx's own frames only (the guest stack is guest memory). */
#define HOST_STACK_SIZE (512 * 1024)

__thread os_thread *os_self;
/* Where a thread rvx created goes back to when it exits (NULL in the first thread). */
static __thread jmp_buf *exit_point;

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static os_thread *threads;        /* live threads, guarded by list_lock */
static int live;                  /* how many; includes threads being created */

void os_thread_lock(void) { pthread_mutex_lock(&list_lock); }
void os_thread_unlock(void) { pthread_mutex_unlock(&list_lock); }
os_thread *os_thread_all(void) { return threads; }

os_thread *os_thread_find(int tid)
{
  for (os_thread *t = threads; t; t = t->next)
    if (t->tid == tid)
      return t;
  return NULL;
}

os_thread *os_thread_first(void)
{
  static os_thread first;
  first.tid = gettid();
  os_self = &first;
  exc_cpu = &first.cpu;
  threads = &first;
  live = 1;
  /* glibc's fork runs this in the child (a raw clone child must call it itself). */
  pthread_atfork(NULL, NULL, os_thread_after_fork);
  return &first;
}

void os_thread_after_fork(void)
{
  pthread_mutex_init(&list_lock, NULL);
  os_thread *self = os_self;
  threads = self;
  live = 1;
  if (self) {
    self->next = NULL;
    self->tid = gettid();
  }
  interp_after_fork();
}

static void list_remove(os_thread *t)
{
  for (os_thread **p = &threads; *p; p = &(*p)->next)
    if (*p == t) {
      *p = t->next;
      return;
    }
}

/* ---- creation ---- */

/* What the parent hands its new host thread (on the parent's stack until `ready` is posted). */
typedef struct start_info {
  os_thread *t, *parent;
  uint64_t flags, ptid, ctid;
  sem_t ready;                /* posted when the tid is known and written */
  int tid;                    /* the child's, for the parent (t may be freed by then) */
} start_info;

static void *thread_main(void *arg)
{
  start_info *si = arg;
  os_thread *t = si->t;
  t->tid = si->tid = gettid();
  os_self = t;
  exc_cpu = &t->cpu;
  exc_thread_init();
  /* The guest mask is the parent's (the parent waits in clone, so it cannot change); this
   * also gives the host thread its mask, all blocked until here. */
  os_signal_thread_start(t, si->parent);
  /* Linux writes both before the child runs and before clone returns in the parent; a bad
   * address is ignored. With CLONE_VM the child writing the parent's word is the same. */
  if (si->flags & CLONE_PARENT_SETTID)
    os_put(si->ptid, &t->tid, 4);
  if (si->flags & CLONE_CHILD_SETTID)
    os_put(si->ctid, &t->tid, 4);
  pthread_mutex_lock(&list_lock);
  t->next = threads;
  threads = t;
  pthread_mutex_unlock(&list_lock);
  sem_post(&si->ready);          /* si is gone after this */
  jmp_buf out;
  exit_point = &out;
  if (setjmp(out) == 0)
    exc_run(&t->cpu);
  /* The thread has exited (os_sys_exit): its os_thread is freed; let the host thread end. */
  return NULL;
}

int64_t os_clone_thread(rv_cpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid,
                        uint64_t tls, uint64_t ctid)
{
  /* A task that shares memory but is a process of its own (CLONE_VM without CLONE_THREAD)
   * would need a host process sharing rvx's memory: not offered. */
  if (!(flags & CLONE_THREAD))
    return -EINVAL;
  os_thread *parent = os_thread_of(cpu);
  if (rvx_opts.verify) {
    /* --verify compares the memory a block wrote under each engine; with other threads
     * writing the same memory it would report their writes: it ends here, said once. */
    log_error("verify: the guest starts a second thread; verification stops here");
    rvx_opts.verify = false;
  }
  /* Own cache lines: threads write their registers all the time. */
  os_thread *t = aligned_alloc(64, (sizeof *t + 63) & ~(size_t)63);
  if (!t)
    return -EAGAIN;
  memset(t, 0, sizeof *t);
  /* Up to async_stop, not a struct copy: other threads set the parent's async_stop (atomically)
   * at any time; it and what follows start at 0 here. */
  memcpy(&t->cpu, &parent->cpu, offsetof(rv_cpu, async_stop));
  t->cpu.x[REG_A0] = 0;
  if (newsp)
    t->cpu.x[REG_SP] = newsp;
  if (flags & CLONE_SETTLS)
    t->cpu.x[REG_TP] = tls;
  t->cpu.pc = cpu->pc + 4;         /* after the ecall */
  t->cpu.lr_valid = 0;
  t->cpu.async_stop = 0;
  t->cpu.instret = 0;
  t->cpu.blocks_decoded = 0;
  if (flags & CLONE_CHILD_CLEARTID)
    t->clear_child_tid = ctid;

  start_info si = { .t = t, .parent = parent, .flags = flags, .ptid = ptid, .ctid = ctid };
  sem_init(&si.ready, 0, 0);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, HOST_STACK_SIZE);
  /* The new host thread starts with every signal blocked, until it is a guest thread. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pthread_mutex_lock(&list_lock);
  live++;
  pthread_mutex_unlock(&list_lock);
  pthread_t h;
  int e = pthread_create(&h, &attr, thread_main, &si);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attr);
  if (e) {
    pthread_mutex_lock(&list_lock);
    live--;
    pthread_mutex_unlock(&list_lock);
    sem_destroy(&si.ready);
    free(t);
    return -EAGAIN;
  }
  while (sem_wait(&si.ready) != 0)
    ;
  sem_destroy(&si.ready);
  return si.tid;   /* not t->tid: t may have exited and been freed already */
}

/* ---- exit ---- */

/* One futex of a dying thread's robust list (what Linux's handle_futex_death does): if the
 * thread owns it, mark the owner dead and wake one waiter. A pending entry with value 0 (the
 * thread died between taking and publishing it) wakes a waiter too. */
static void futex_owner_died(uint64_t g, int tid, bool pi, bool pending)
{
  if (g & 3)
    return;
  uint32_t *w = os_obj(g, 4, PROT_READ | PROT_WRITE);
  if (!w)
    return;
  uint32_t v = __atomic_load_n(w, __ATOMIC_SEQ_CST);
  for (;;) {
    if (pending && !pi && v == 0) {
      syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
      return;
    }
    if ((v & FUTEX_TID_MASK) != (uint32_t)tid)
      return;
    uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (__atomic_compare_exchange_n(w, &v, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
      break;
  }
  if (!pi && (v & FUTEX_WAITERS))
    syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* Reads a robust list pointer: the entry address and its PI bit (bit 0). */
static bool robust_ptr(uint64_t g, uint64_t *entry, bool *pi)
{
  const uint64_t *p = os_obj(g, 8, PROT_READ);
  if (!p)
    return false;
  uint64_t v;
  memcpy(&v, p, 8);
  *entry = v & ~(uint64_t)1;
  *pi = v & 1;
  return true;
}

/* Walks the dying thread's robust list (struct robust_list_head: list, futex_offset,
 * list_op_pending), as Linux's exit_robust_list: at most 2048 entries; the next pointer is
 * read before the entry is released, as releasing may let another thread free it. */
static void exit_robust_list(os_thread *t)
{
  uint64_t head = t->robust_list, entry, pending, next;
  bool pi, pending_pi, next_pi;
  const int64_t *off = os_obj(head + 8, 8, PROT_READ);
  if (!head || !robust_ptr(head, &entry, &pi) || !off)
    return;
  int64_t futex_offset;
  memcpy(&futex_offset, off, 8);
  if (!robust_ptr(head + 16, &pending, &pending_pi))
    return;
  for (unsigned limit = 2048; entry != head && limit > 0; limit--) {
    bool ok = robust_ptr(entry, &next, &next_pi);
    if (entry != pending)
      futex_owner_died(entry + (uint64_t)futex_offset, t->tid, pi, false);
    if (!ok)
      return;
    entry = next;
    pi = next_pi;
  }
  if (pending)
    futex_owner_died(pending + (uint64_t)futex_offset, t->tid, pending_pi, true);
}

/* The calling thread's guest thread ends with status. The last one ends the process with its
 * own status (what Linux reports then, even when the first thread ended earlier with
 * another). */
static _Noreturn void thread_exit(os_thread *t, int status)
{
  /* No host signal handler may run for this thread from here on: pending process signals
   * go to the other threads. */
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, NULL);
  pthread_mutex_lock(&list_lock);
  bool last = live == 1;
  pthread_mutex_unlock(&list_lock);
  exit_robust_list(t);
  if (t->clear_child_tid && !last) {
    uint32_t *w = os_obj(t->clear_child_tid, 4, PROT_WRITE);
    if (w && !(t->clear_child_tid & 3)) {
      __atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
      syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
  }
  interp_thread_exit();
  prf_thread_exit();
  pthread_mutex_lock(&list_lock);
  list_remove(t);
  last = --live == 0;
  pthread_mutex_unlock(&list_lock);
  if (last)
    os_exit(status);
  exc_cpu = NULL;
  os_self = NULL;
  if (exit_point) {
    jmp_buf *out = exit_point;
    free(t);
    longjmp(*out, 1);
  }
  /* The first thread: the host's main thread, whose start rvx does not own; it just ends. */
  for (;;)
    syscall(SYS_exit, 0);
}

int64_t os_sys_exit(rv_cpu *cpu, const uint64_t a[6])
{
  thread_exit(os_thread_of(cpu), (int)(a[0] & 0xff));
}

int64_t os_sys_exit_group(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  os_exit((int)(a[0] & 0xff));   /* the host's exit_group ends every thread */
}

/* ---- bookkeeping ---- */

int64_t os_sys_set_tid_address(rv_cpu *cpu, const uint64_t a[6])
{
  os_thread_of(cpu)->clear_child_tid = a[0];
  return os_thread_of(cpu)->tid;
}

int64_t os_sys_set_robust_list(rv_cpu *cpu, const uint64_t a[6])
{
  if (a[1] != G_ROBUST_LIST_HEAD_SIZE)
    return -EINVAL;
  os_thread_of(cpu)->robust_list = a[0];
  os_thread_of(cpu)->robust_len = a[1];
  return 0;
}

int64_t os_sys_get_robust_list(rv_cpu *cpu, const uint64_t a[6])
{
  int pid = (int)a[0];
  uint64_t head, len;
  if (pid == 0) {
    head = os_thread_of(cpu)->robust_list;
    len = os_thread_of(cpu)->robust_len;
  } else {
    /* Another thread of this process; other processes' lists live in other rvx processes. */
    pthread_mutex_lock(&list_lock);
    os_thread *t = os_thread_find(pid);
    head = t ? t->robust_list : 0;
    len = t ? t->robust_len : 0;
    pthread_mutex_unlock(&list_lock);
    if (!t)
      return -ESRCH;
  }
  uint64_t *hp = os_obj(a[1], 8, PROT_WRITE), *lp = os_obj(a[2], 8, PROT_WRITE);
  if (!hp || !lp)
    return -EFAULT;
  memcpy(hp, &head, 8);
  memcpy(lp, &len, 8);
  return 0;
}

/* All-stop under gdb: guest threads park when a stop is requested and run again when gdb
 * resumes them; the server thread talks to gdb only while none runs guest code.
 *
 * Every guest thread that runs guest code under gdb counts itself in `n_running` (under
 * gdb_lock) and leaves the count when it parks, enters a syscall (which may block for ever:
 * its registers are exact at the ecall meanwhile, and it parks when the syscall returns) or
 * stops running guest code. A stop is one flag, gdb_stop_req, read by the stepper before each
 * instruction, and cpu->async_stop set on every thread for those in the normal engine (they
 * park at their next block boundary); the server waits until the count is zero. The first event of a thread
 * (breakpoint, step, watchpoint, signal) that finds no stop under way becomes the one
 * reported; an event that loses the race is dropped (a breakpoint or watchpoint is found again
 * when the thread runs on, a finished step no longer matters: gdb has re-planned) except a
 * signal, which is reported again after the resume, as gdbserver keeps signals pending. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "gdb/gdb_internal.h"
#include "os/thread.h"

pthread_mutex_t gdb_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
volatile int gdb_stop_req;
volatile bool gdb_on;
static int n_running;              /* guest threads counted as running guest code */
static gdb_event event;            /* the stop to report (valid while gdb_stop_req) */
static int wake_fd = -1;           /* eventfd: wakes the server's poll at a stop request */

/* The actions of the last resume: named threads, then the default for the others. */
typedef struct action {
  int tid, action, sig;
} action;
static action *acts, *next_acts;
static size_t n_acts, n_next, cap_acts, cap_next;
static int dflt_action, dflt_sig, next_dflt, next_dflt_sig;

static __thread bool tl_counted;   /* this thread is in n_running */
__thread int gdb_tl_action;        /* what the last resume asked of this thread */

static int action_of(int tid, int *sig) {
  for (size_t i = 0; i < n_acts; i++)
    if (acts[i].tid == tid) {
      *sig = acts[i].sig;
      return acts[i].action;
    }
  *sig = dflt_sig;
  return dflt_action;
}

/* With gdb_lock held: this thread stops counting as running. */
static void uncount(void) {
  if (!tl_counted)
    return;
  tl_counted = false;
  if (--n_running == 0)
    pthread_cond_broadcast(&cond);
}

/* With gdb_lock held: waits until gdb lets this thread run, then counts it. Returns the
 * signal the resume gave the thread (0: none). */
static int wait_go(int tid) {
  if (tl_counted)
    return 0;
  int sig = 0, a = GDB_CONT;
  while (gdb_on && (gdb_stop_req || (a = action_of(tid, &sig)) == GDB_STAY))
    pthread_cond_wait(&cond, &gdb_lock);
  if (!gdb_on) {
    gdb_tl_action = GDB_CONT;
    return 0;
  }
  gdb_tl_action = a;
  tl_counted = true;
  n_running++;
  return sig;
}

void gdb_thread_go(int tid) {
  pthread_mutex_lock(&gdb_lock);
  wait_go(tid);
  pthread_mutex_unlock(&gdb_lock);
}

void gdb_thread_park(int tid) {
  pthread_mutex_lock(&gdb_lock);
  uncount();
  wait_go(tid);
  pthread_mutex_unlock(&gdb_lock);
}

bool gdb_thread_leave(void) {
  pthread_mutex_lock(&gdb_lock);
  bool was = tl_counted;
  uncount();
  pthread_mutex_unlock(&gdb_lock);
  return was;
}

/* Threads in the normal engine see a stop request only at a block boundary, through
 * cpu->async_stop (os_async_stop, then gdb_async_stop): every guest thread gets it. Without
 * gdb_lock (os_thread_lock is never taken inside it). */
static void kick_all(void) {
  os_thread_lock();
  for (os_thread *t = os_thread_all(); t; t = t->next)
    __atomic_store_n(&t->cpu.async_stop, 1, __ATOMIC_RELAXED);
  os_thread_unlock();
}

bool gdb_thread_report(const gdb_event *e, int *resume_sig) {
  pthread_mutex_lock(&gdb_lock);
  uncount();
  bool mine = false;
  if (gdb_on && !gdb_stop_req) {
    event = *e;
    gdb_stop_req = 1;
    mine = true;
    uint64_t one = 1;
    if (write(wake_fd, &one, sizeof one) < 0) {
      /* cannot fail for an eventfd short of overflow; the server also polls the socket */
    }
  }
  if (mine) {
    pthread_mutex_unlock(&gdb_lock);
    kick_all();
    pthread_mutex_lock(&gdb_lock);
  }
  int sig = wait_go(e->tid);
  pthread_mutex_unlock(&gdb_lock);
  if (resume_sig)
    *resume_sig = sig;
  return mine;
}

/* ---- the server's side ---- */

void gdb_stop_init(int first_tid) {
  wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  event = (gdb_event){ .tid = first_tid, .sig = SIGTRAP };
  gdb_stop_req = 1;            /* the guest starts stopped */
  gdb_on = true;
}

bool gdb_wait_stopped(gdb_event *ev, int sock) {
  pthread_mutex_lock(&gdb_lock);
  while (!gdb_stop_req) {
    pthread_mutex_unlock(&gdb_lock);
    struct pollfd p[2] = { { .fd = sock, .events = POLLIN }, { .fd = wake_fd, .events = POLLIN } };
    int r = poll(p, 2, -1);
    if (r < 0 && errno != EINTR)
      return false;
    if (p[1].revents & POLLIN) {
      uint64_t v;
      if (read(wake_fd, &v, sizeof v) < 0) {
        /* EAGAIN: another poll round took it */
      }
    }
    pthread_mutex_lock(&gdb_lock);
    if (!gdb_stop_req && (p[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      pthread_mutex_unlock(&gdb_lock);
      return false;   /* gdb speaks while the guest runs (Ctrl-C), or went away */
    }
  }
  /* The signal code may consume a thread's async_stop before it reached gdb_async_stop (as
   * the cache flusher, kick again until every thread has parked). */
  while (n_running > 0) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000;
    }
    if (pthread_cond_timedwait(&cond, &gdb_lock, &ts) == ETIMEDOUT && n_running > 0) {
      pthread_mutex_unlock(&gdb_lock);
      kick_all();
      pthread_mutex_lock(&gdb_lock);
    }
  }
  *ev = event;
  pthread_mutex_unlock(&gdb_lock);
  return true;
}

void gdb_request_stop(int tid, int sig) {
  pthread_mutex_lock(&gdb_lock);
  if (!gdb_stop_req) {
    event = (gdb_event){ .tid = tid, .sig = sig };
    gdb_stop_req = 1;
  }
  pthread_mutex_unlock(&gdb_lock);
  kick_all();
}

void gdb_set_action(int tid, int a, int sig) {
  pthread_mutex_lock(&gdb_lock);
  if (tid == 0) {
    next_dflt = a;
    next_dflt_sig = sig;
  } else {
    bool seen = false;   /* vCont: the leftmost action that names a thread wins */
    for (size_t i = 0; i < n_next; i++)
      seen |= next_acts[i].tid == tid;
    if (!seen) {
      if (n_next == cap_next) {
        size_t cap = cap_next ? 2 * cap_next : 16;
        action *na = realloc(next_acts, cap * sizeof *na);
        if (na) {
          next_acts = na;
          cap_next = cap;
        }
      }
      if (n_next < cap_next)
        next_acts[n_next++] = (action){ tid, a, sig };
    }
  }
  pthread_mutex_unlock(&gdb_lock);
}

void gdb_resume(void) {
  pthread_mutex_lock(&gdb_lock);
  /* The new table becomes the current one; the old one is the next one to fill. */
  action *t = acts;
  size_t c = cap_acts;
  acts = next_acts;
  cap_acts = cap_next;
  n_acts = n_next;
  next_acts = t;
  cap_next = c;
  n_next = 0;
  dflt_action = next_dflt;
  dflt_sig = next_dflt_sig;
  next_dflt = GDB_STAY;
  next_dflt_sig = 0;
  gdb_stop_req = 0;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&gdb_lock);
}

void gdb_release_all(void) {
  pthread_mutex_lock(&gdb_lock);
  gdb_on = false;
  gdb_stop_req = 0;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&gdb_lock);
}

/* In a forked child: only the forking thread is left, and the debugger stays with the
 * parent. The lock is re-made (the server may have held it in the parent). */
void gdb_stop_after_fork(void) {
  pthread_mutex_init(&gdb_lock, NULL);
  pthread_cond_init(&cond, NULL);
  gdb_on = false;
  gdb_stop_req = 0;
  n_running = 0;
  tl_counted = false;
  if (wake_fd >= 0)
    close(wake_fd);
  wake_fd = -1;
}

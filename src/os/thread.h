/* A guest thread: its CPU state and what Linux keeps per task for it. Every guest thread runs
 * on its own host thread; guest tid = host tid. */
#ifndef RVX_OS_THREAD_H
#define RVX_OS_THREAD_H

#include <stdint.h>

#include "interp/cpu.h"
#include "os/signal.h"

typedef struct os_thread {
  rv_cpu cpu;                  /* first: os_thread_of(cpu) is a cast */
  int tid;
  uint64_t clear_child_tid;    /* set_tid_address / CLONE_CHILD_CLEARTID: guest address */
  uint64_t robust_list;        /* set_robust_list: guest address and length */
  uint64_t robust_len;
  os_sigthread sig;
  struct os_thread *next;      /* the list of live guest threads (os_thread_lock) */
} os_thread;

static inline os_thread *os_thread_of(rv_cpu *cpu) { return (os_thread *)cpu; }

/* The guest thread the calling host thread runs (NULL in a host thread that runs none, or in
 * one that is ending). */
extern __thread os_thread *os_self;

/* Makes the calling host thread the process's first guest thread. */
os_thread *os_thread_first(void);

/* The live guest threads: a thread leaves the list (and its os_thread is freed) when it
 * exits, under this lock. os_thread_find and os_thread_all need it held. */
void os_thread_lock(void);
void os_thread_unlock(void);
/* The live thread with guest tid `tid`, or NULL. */
os_thread *os_thread_find(int tid);
/* The first live thread; the others follow through ->next. */
os_thread *os_thread_all(void);

/* In the child of a fork: the calling thread is the only one; the list, the count and the
 * locks are reset, and the interpreter told. Registered with pthread_atfork, so glibc's
 * fork calls it; a child made by a raw clone syscall must call it first thing. Idempotent. */
void os_thread_after_fork(void);

#endif

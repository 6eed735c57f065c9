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
} os_thread;

static inline os_thread *os_thread_of(rv_cpu *cpu) { return (os_thread *)cpu; }

/* The guest thread the calling host thread runs. */
extern __thread os_thread *os_self;

/* Makes the calling host thread the process's first guest thread. */
os_thread *os_thread_first(void);

#endif

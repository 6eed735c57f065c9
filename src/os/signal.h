/* Guest signal state kept per thread (the per-process part, the actions, lives in
 * sys_signal.c). Embedded in os_thread (thread.h). */
#ifndef RVX_OS_SIGNAL_H
#define RVX_OS_SIGNAL_H

#include <stdint.h>

typedef struct os_sigthread {
  uint64_t blocked;          /* the guest's signal mask, bit sig-1 */
  uint64_t altstack_sp;      /* sigaltstack: guest address, size and SS_* flags */
  uint64_t altstack_size;
  int altstack_flags;
} os_sigthread;

#endif

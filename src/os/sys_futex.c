/* futex and membarrier, passed through to the host. Guest memory is host memory and guest
 * tids are host tids, so waiters and wakers (and the priority-inheritance operations, which
 * name owners by tid) meet on the same words: only the addresses are translated. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <linux/futex.h>
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "interp/interp.h"
#include "mem/mem.h"
#include "os/signal.h"

/* A guest address as the host kernel gets it. Guest addresses map into rvx's reservation,
 * where anything the guest has not mapped is inaccessible (the host then answers EFAULT as
 * Linux would) and the guard page catches objects that run past the end. Addresses beyond
 * the guest space, which Linux's access_ok refuses, become kernel addresses with the same
 * low bits: the host checks alignment first and refuses the access, in Linux's order. */
static uintptr_t host_addr(uint64_t g)
{
  if (g < GUEST_SIZE)
    return (uintptr_t)mem_g2h(g);
  return ~(uintptr_t)7 | (uintptr_t)(g & 7);
}

/* Whether the fourth argument is a timeout pointer (else it is a count, val2). These are the
 * operations that block. */
static bool has_timeout(int cmd)
{
  return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
         cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* Whether the fifth argument is a second futex word. */
static bool has_uaddr2(int cmd)
{
  return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_WAKE_OP ||
         cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_CMP_REQUEUE_PI;
}

int64_t os_sys_futex(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int op = (int)a[1];
  int cmd = op & FUTEX_CMD_MASK;
  /* The timeout (struct timespec: the same layout on both) is read by the host; relative
   * for FUTEX_WAIT, absolute on the clock the op names for the others. */
  uintptr_t arg4 = has_timeout(cmd) ? (a[3] ? host_addr(a[3]) : 0) : (uintptr_t)a[3];
  uintptr_t arg5 = has_uaddr2(cmd) ? host_addr(a[4]) : (uintptr_t)a[4];
  /* A blocking wait goes through the safe syscall, so that a guest signal ends it. */
  if (has_timeout(cmd))
    return os_ret(os_safe_syscall(SYS_futex, host_addr(a[0]), op, (uint32_t)a[2], arg4, arg5,
                                  (uint32_t)a[5]));
  return os_ret(syscall(SYS_futex, host_addr(a[0]), op, (uint32_t)a[2], arg4, arg5,
                        (uint32_t)a[5]));
}

/* The rseq commands: rvx does not offer rseq to the guest, so they do not exist for it (as
 * on a kernel without CONFIG_RSEQ). */
#define RSEQ_CMDS (MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ | \
                   MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ)

/* membarrier(cmd, flags, cpu_id): every guest thread is a host thread of this process and
 * every guest memory access a host one, so the host's barriers are the guest's. The
 * SYNC_CORE form also serializes instruction fetch: for rvx, predecoded code is dropped. */
int64_t os_sys_membarrier(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int cmd = (int)a[0];
  unsigned flags = (unsigned)a[1];
  int cpu_id = (int)a[2];
  if (cmd & RSEQ_CMDS)
    return -EINVAL;
  int64_t r = os_ret(syscall(SYS_membarrier, cmd, flags, cpu_id));
  if (cmd == MEMBARRIER_CMD_QUERY && r > 0)
    r &= ~(int64_t)RSEQ_CMDS;
  if (cmd == MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE && r == 0)
    interp_flush_all();
  return r;
}

/* futex: passed through to the host with the guest addresses translated (guest memory is host
 * memory, so waiters and wakers meet on the same word). The priority-inheritance operations
 * are not offered. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mem/mem.h"
#include "os/signal.h"

/* The futex word of an operation: 4-byte aligned, inside the guest space and, when the kernel
 * reads it (`access`), readable. A private wake never touches the word: Linux answers it even
 * for an unmapped address, and so does the host for the reserved guest region. */
static int64_t futex_word(uint64_t g, bool access, uint32_t **out)
{
  if (g & 3)
    return -EINVAL;
  if (g > GUEST_SIZE - 4)
    return -EFAULT;
  *out = access ? os_obj(g, 4, PROT_READ) : mem_g2h(g);
  return *out ? 0 : -EFAULT;
}

int64_t os_sys_futex(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int op = (int)a[1];
  int cmd = op & FUTEX_CMD_MASK;
  bool shared = !(op & FUTEX_PRIVATE_FLAG);   /* the kernel looks up the page then */
  uint32_t *uaddr, *uaddr2 = NULL;
  bool reads = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_CMP_REQUEUE;
  if (!reads && cmd != FUTEX_WAKE && cmd != FUTEX_WAKE_BITSET && cmd != FUTEX_REQUEUE &&
      cmd != FUTEX_WAKE_OP)
    return -ENOSYS;   /* the PI operations and unknown ones, before any address check */
  int64_t e = futex_word(a[0], shared || reads, &uaddr);
  if (e)
    return e;
  const void *timeout = NULL;
  switch (cmd) {
  case FUTEX_WAIT: case FUTEX_WAIT_BITSET:
    if (a[3] && !(timeout = os_obj(a[3], sizeof(struct g_timespec), PROT_READ)))
      return -EFAULT;
    return os_ret(os_safe_syscall(SYS_futex, uaddr, op, (uint32_t)a[2], timeout, NULL,
                                  (uint32_t)a[5]));
  case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
    return os_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]));
  case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
    /* The fourth argument is a count (val2) here, not a pointer. */
    if ((e = futex_word(a[4], shared || cmd == FUTEX_WAKE_OP, &uaddr2)))
      return e;
    return os_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], (unsigned long)(uint32_t)a[3],
                          uaddr2, (uint32_t)a[5]));
  default:
    return -ENOSYS;
  }
}

/* Not done yet: placeholders until their family lands. */
int64_t os_sys_membarrier(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

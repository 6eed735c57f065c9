/* Guest threads: the first one (more come with clone: not done yet), exit, and the per-thread
 * bookkeeping glibc sets up at start (set_tid_address, robust list). */
#define _GNU_SOURCE
#include "os/thread.h"
#include "os/os_impl.h"
#include "os/os.h"

#include <string.h>
#include <sys/mman.h>

#include <unistd.h>

#include "exc/exc.h"

__thread os_thread *os_self;

os_thread *os_thread_first(void)
{
  static os_thread first;
  first.tid = gettid();
  os_self = &first;
  exc_cpu = &first.cpu;
  return &first;
}

int64_t os_sys_exit(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  /* The only thread leaving ends the process. */
  os_exit((int)(a[0] & 0xff));
}

int64_t os_sys_exit_group(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  os_exit((int)(a[0] & 0xff));
}

int64_t os_sys_set_tid_address(rv_cpu *cpu, const uint64_t a[6])
{
  os_thread_of(cpu)->clear_child_tid = a[0];
  return gettid();
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
  if (pid != 0 && pid != gettid())
    return -ESRCH;   /* other threads' lists live in other rvx processes */
  uint64_t *head = os_obj(a[1], 8, PROT_WRITE), *len = os_obj(a[2], 8, PROT_WRITE);
  if (!head || !len)
    return -EFAULT;
  memcpy(head, &os_thread_of(cpu)->robust_list, 8);
  memcpy(len, &os_thread_of(cpu)->robust_len, 8);
  return 0;
}

int64_t os_clone_thread(rv_cpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid,
                        uint64_t tls, uint64_t ctid)
{
  (void)cpu, (void)flags, (void)newsp, (void)ptid, (void)tls, (void)ctid;
  return -ENOSYS;
}

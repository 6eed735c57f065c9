/* Safe syscalls: a host syscall that a guest signal interrupts without a race (QEMU's
 * safe_syscall idea). The stub checks the thread's async_stop flag, then makes the call; the
 * host signal handler, when it interrupts the stub anywhere from that check up to and
 * including the syscall instruction (the kernel rewinds a call it restarts to that
 * instruction), moves the host pc to a path returning -OS_ERESTART. So either the call never
 * entered the kernel and the guest syscall is restarted after the handler, or the kernel
 * decided (EINTR, or a restart under the SA_RESTART rvx mirrors from the guest's action). */
#include "os/signal.h"

#include <errno.h>
#include <stdarg.h>

#include "os/thread.h"
#include "util/tsan.h"

/* long raw(volatile int *flag, long nr, long a1, long a2, long a3, long a4, long a5, long a6):
 * System V arguments rdi, rsi, rdx, rcx, r8, r9, then the stack; syscall wants rax, rdi,
 * rsi, rdx, r10, r8, r9. rbp (callee-saved) holds the flag pointer. */
__asm__(
  ".text\n"
  ".globl os_safe_syscall_raw\n"
  ".type os_safe_syscall_raw, @function\n"
  "os_safe_syscall_raw:\n"
  "  .cfi_startproc\n"
  "  push %rbp\n"
  "  .cfi_adjust_cfa_offset 8\n"
  "  .cfi_rel_offset %rbp, 0\n"
  "  mov %rdi, %rbp\n"
  "  mov %rsi, %rax\n"
  "  mov %rdx, %rdi\n"
  "  mov %rcx, %rsi\n"
  "  mov %r8, %rdx\n"
  "  mov %r9, %r10\n"
  "  mov 16(%rsp), %r8\n"
  "  mov 24(%rsp), %r9\n"
  ".globl os_safe_syscall_start\n"
  "os_safe_syscall_start:\n"
  "  cmpl $0, (%rbp)\n"
  "  jne os_safe_syscall_restart\n"
  "  syscall\n"
  ".globl os_safe_syscall_end\n"
  "os_safe_syscall_end:\n"
  "  pop %rbp\n"
  "  .cfi_adjust_cfa_offset -8\n"
  "  .cfi_restore %rbp\n"
  "  ret\n"
  "  .cfi_adjust_cfa_offset 8\n"
  "  .cfi_rel_offset %rbp, 0\n"
  ".globl os_safe_syscall_restart\n"
  "os_safe_syscall_restart:\n"
  "  mov $-512, %rax\n"
  "  pop %rbp\n"
  "  .cfi_adjust_cfa_offset -8\n"
  "  .cfi_restore %rbp\n"
  "  ret\n"
  "  .cfi_endproc\n"
  ".size os_safe_syscall_raw, .-os_safe_syscall_raw\n");

_Static_assert(OS_ERESTART == 512, "the stub returns -512");

long os_safe_syscall_raw(volatile int *flag, long nr, long a1, long a2, long a3, long a4,
                         long a5, long a6);
extern const char os_safe_syscall_start[], os_safe_syscall_end[], os_safe_syscall_restart[];

long os_safe_syscall_pad(long nr, ...)
{
  static volatile int never;   /* threads without a guest thread are never interrupted */
  va_list ap;
  va_start(ap, nr);
  long a1 = va_arg(ap, long), a2 = va_arg(ap, long), a3 = va_arg(ap, long);
  long a4 = va_arg(ap, long), a5 = va_arg(ap, long), a6 = va_arg(ap, long);
  va_end(ap);
  volatile int *flag = os_self ? &os_self->cpu.async_stop : &never;
  long r = os_safe_syscall_raw(flag, nr, a1, a2, a3, a4, a5, a6);
  if (r < 0 && r > -4096) {
    errno = (int)-r;
    return -1;
  }
  return r;
}

TSAN_SIGNAL_HANDLER bool os_safe_syscall_rewind(uint64_t *pc)
{
  if (*pc < (uint64_t)(uintptr_t)os_safe_syscall_start ||
      *pc >= (uint64_t)(uintptr_t)os_safe_syscall_end)
    return false;
  *pc = (uint64_t)(uintptr_t)os_safe_syscall_restart;
  return true;
}

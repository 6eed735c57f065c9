/* Guest signal state kept per thread (the per-process part, the actions, lives in
 * signal_host.c), and the signal machinery's interface to the dispatcher, the exception
 * emulator and thread creation. Embedded in os_thread (thread.h).
 *
 * Where a pending signal lives: a signal blocked by the guest stays pending in the host
 * kernel, which keeps rvx's host mask a mirror of the guest's (so the host queues real-time
 * signals with their siginfo and picks the thread for process-directed ones). A signal the
 * host handed to rvx's handler is "taken": recorded in `pending` with its siginfo, and the
 * host keeps that signal number blocked until the guest got it, so one siginfo slot per
 * signal is enough. */
#ifndef RVX_OS_SIGNAL_H
#define RVX_OS_SIGNAL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "interp/cpu.h"
#include "os/guest_abi.h"

/* siginfo as both kernels lay it out (riscv64 and x86-64 share the generic 64-bit layout). */
typedef struct os_siginfo {
  int32_t signo, err, code, pad;
  union {
    uint64_t addr;                           /* SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE */
    struct { int32_t pid; uint32_t uid; } kill;
    uint8_t bytes[112];
  } u;
} os_siginfo;
_Static_assert(sizeof(os_siginfo) == 128, "siginfo is 128 bytes");

typedef struct os_sigthread {
  uint64_t blocked;          /* the guest's signal mask, bit sig-1 */
  uint64_t altstack_sp;      /* sigaltstack: guest address, size and SS_* flags */
  uint64_t altstack_size;
  int altstack_flags;        /* SS_DISABLE (then sp and size are 0) or SS_AUTODISARM */
  /* Taken signals not yet delivered (bit sig-1), each with its siginfo. Written by the host
   * handler running on this thread: read and cleared with atomics. */
  uint64_t pending;
  os_siginfo info[64];
  /* rt_sigsuspend: the mask to restore once a handler frame has saved it. */
  uint64_t saved_mask;
  bool restore_mask;
  /* Synchronous trap waiting to be delivered (exc_guest_trap → exc_run). */
  int trap_sig, trap_code;
  uint64_t trap_addr;
  bool trap_from_host;       /* raised by a host fault handler (mask to repair) */
  bool jmp_ok;               /* jmp is set: exc_run runs this thread */
  bool inited;               /* os_signal_thread_start ran */
  sigjmp_buf jmp;
} os_sigthread;

struct os_thread;

/* A new guest thread (clone): starts with the parent's mask and no alternate stack, nothing
 * pending (Linux's copy_process: the mask is inherited, the sigaltstack is cleared for
 * CLONE_VM threads, pending is empty). Call on the new host thread before it runs guest code
 * (it also sets the host mask), or on the parent with child not running yet. */
void os_signal_thread_start(struct os_thread *child, const struct os_thread *parent);

/* The guest's action for sig (1..64), read and set as one (set mirrors it on the host). */
void os_signal_get_action(int sig, struct g_sigaction *out);
void os_signal_set_action(int sig, const struct g_sigaction *act);

/* Takes the first taken-not-delivered signal of set: its number (0: none) and siginfo. */
int os_signal_take(os_sigthread *s, uint64_t set, os_siginfo *info);

/* After a host fork (guest fork/vfork), in the child: nothing is pending. */
void os_signal_fork_child(void);

/* The host mask the calling thread should have now: the guest's mask and the taken
 * signals, minus what rvx needs unblocked. Sets it. */
void os_signal_sync_host_mask(void);

/* A trap (exc_guest_trap after the unwind): delivers sig to the guest handler at cpu->pc,
 * or returns false when the guest has none (blocked, ignored, default): the caller reports
 * and dies. */
bool os_signal_trap(rv_cpu *cpu, int sig, int code, uint64_t addr);

/* Host handler body for a signal the guest may handle (signal_host.c; exc.c forwards
 * user-sent SIGSEGV/SIGBUS here). uc is the host ucontext. */
void os_signal_host_async(int sig, void *si, void *uc);

/* Frames (signal_frame.c). Builds the rt_sigframe for signal info->signo with action
 * (handler, flags) and saved mask `mask` on the guest stack or alternate stack, and points
 * cpu at the handler. False if the frame cannot be written. */
bool os_frame_setup(rv_cpu *cpu, const os_siginfo *info, uint64_t handler, uint32_t flags,
                    uint64_t mask);
/* rt_sigreturn: restores cpu and the mask and altstack of the calling thread from the frame
 * at sp. False on a bad frame (the caller forces SIGSEGV). */
bool os_frame_restore(rv_cpu *cpu);
/* Guest address of the sigreturn trampoline (li a7, 139; ecall), mapped on first use; 0 if
 * it cannot be mapped. */
uint64_t os_frame_trampoline(void);

/* A guest mask for the length of one call (ppoll, pselect6, epoll_pwait: Linux's
 * set_user_sigmask): makes mask the guest's and returns the host mask to hand to the host
 * call; after it, os_signal_mask_end(cpu, result) brings the old mask back, at once or, when
 * a handler interrupted the call, through that handler's frame (as Linux does). */
uint64_t os_signal_mask_begin(rv_cpu *cpu, uint64_t mask);
void os_signal_mask_end(rv_cpu *cpu, int64_t r);
/* The result of host call `call` (value or -errno) made with the guest's temporary mask
 * *pmask in force when pmask is not NULL: *pmask becomes the host mask the call must be given
 * (so pass pmask to it), and the old mask comes back afterwards as Linux brings it back. */
#define OS_WITH_MASK(cpu, pmask, call) ({                               \
    if (pmask)                                                          \
      *(pmask) = os_signal_mask_begin((cpu), *(pmask));                 \
    int64_t r_ = os_ret(call);                                          \
    if (pmask)                                                          \
      os_signal_mask_end((cpu), r_);                                    \
    r_;                                                                 \
  })

/* Safe syscalls (signal_safe.c): like libc's syscall(), but returns -1 with errno
 * OS_ERESTART when a guest signal is to be delivered before the host call could block;
 * also when the host kernel would restart the call after rvx's host handler ran. */
long os_safe_syscall_pad(long nr, ...);
/* Six arguments are always read: the padding makes them there (reading an argument the
 * caller did not pass is undefined, and ASan reports it as a stack underflow). */
#define os_safe_syscall(...) os_safe_syscall_pad(__VA_ARGS__, 0L, 0L, 0L, 0L, 0L, 0L)
#define OS_ERESTART 512   /* restart the guest syscall after handling signals (= Linux ERESTARTSYS) */
/* True if host pc lies in the window before the syscall instruction; then *pc is set to
 * the path that returns -OS_ERESTART. */
bool os_safe_syscall_rewind(uint64_t *pc);

#endif

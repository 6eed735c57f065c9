/* The riscv64 Linux rt_sigframe: built on the guest stack (or the alternate stack) when a
 * handler is entered, read back by rt_sigreturn; and the sigreturn trampoline the handler
 * returns to (what the vDSO's __vdso_rt_sigreturn holds on Linux).
 *
 *   frame + 0     siginfo (128 bytes)
 *   frame + 128   ucontext: uc_flags, uc_link, uc_stack {ss_sp, ss_flags, ss_size},
 *                 uc_sigmask (8 bytes, then padding to 1024 bits), then at +176 (16-aligned)
 *                 uc_mcontext: __gregs[32] (pc in slot 0, then x1..x31), the FP state
 *                 f[32] and fcsr, then 3 reserved words (zero) up to the 528-byte Q state.
 * The frame sits below the stack pointer, 16-byte aligned; the handler gets a0 = signal,
 * a1 = &siginfo, a2 = &ucontext, sp = frame, ra = trampoline (arch/riscv/kernel/signal.c). */
#define _GNU_SOURCE
#include "os/signal.h"

#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "mem/mem.h"
#include "os/os_impl.h"
#include "os/thread.h"

typedef struct g_stack {
  uint64_t sp;
  int32_t flags, pad;
  uint64_t size;
} g_stack;

typedef struct g_ucontext {
  uint64_t flags;
  uint64_t link;
  g_stack stack;
  uint64_t sigmask;
  uint8_t unused[120];           /* sigset_t room up to 1024 bits */
  uint8_t align[8];              /* the mcontext is 16-aligned (the Q state is) */
  uint64_t gregs[32];            /* pc, x1..x31 */
  uint64_t fpregs[32];
  uint32_t fcsr;
  uint32_t reserved[3];          /* zero; extension headers on newer kernels (END = 0, 0) */
  uint8_t q_rest[256];           /* the rest of the 528-byte Q-extension union */
} g_ucontext;

typedef struct g_rt_sigframe {
  os_siginfo info;
  g_ucontext uc;
} g_rt_sigframe;

_Static_assert(offsetof(g_ucontext, stack) == 16, "uc_stack");
_Static_assert(offsetof(g_ucontext, sigmask) == 40, "uc_sigmask");
_Static_assert(offsetof(g_ucontext, gregs) == 176, "uc_mcontext");
_Static_assert(offsetof(g_ucontext, fpregs) == 432, "__fpregs");
_Static_assert(offsetof(g_ucontext, fcsr) == 688, "__fcsr");
_Static_assert(sizeof(g_ucontext) == 960, "riscv64 ucontext");
_Static_assert(sizeof(g_rt_sigframe) == 1088, "riscv64 rt_sigframe");

#define G_SS_ONSTACK 1
#define G_SS_DISABLE 2
#define G_SS_AUTODISARM (1u << 31)
#define G_MINSIGSTKSZ 2048

/* ---- the alternate stack (Linux's on_sig_stack / sas_ss_flags) ---- */

static bool on_sig_stack(const os_sigthread *s, uint64_t sp)
{
  if (s->altstack_flags & (int)G_SS_AUTODISARM)
    return false;
  return sp > s->altstack_sp && sp - s->altstack_sp <= s->altstack_size;
}

static int sas_flags(const os_sigthread *s, uint64_t sp)
{
  if (!s->altstack_size)
    return G_SS_DISABLE;
  return on_sig_stack(s, sp) ? G_SS_ONSTACK : 0;
}

/* sigaltstack's core: 0 or -errno. */
static int64_t set_altstack(os_sigthread *s, uint64_t sp, const g_stack *ss)
{
  if (on_sig_stack(s, sp))
    return -EPERM;
  int mode = ss->flags & ~(int)G_SS_AUTODISARM;
  if (mode != G_SS_DISABLE && mode != G_SS_ONSTACK && mode != 0)
    return -EINVAL;
  uint64_t base = ss->sp, size = ss->size;
  if (mode == G_SS_DISABLE) {
    base = 0;
    size = 0;
  } else if (size < G_MINSIGSTKSZ) {
    return -ENOMEM;
  }
  s->altstack_sp = base;
  s->altstack_size = size;
  s->altstack_flags = ss->flags;
  return 0;
}

int64_t os_sys_sigaltstack(rv_cpu *cpu, const uint64_t a[6])
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  uint64_t sp = cpu->x[REG_SP];
  g_stack ss, old = {
    .sp = s->altstack_sp,
    .size = s->altstack_size,
    .flags = sas_flags(s, sp) | (s->altstack_flags & (int)G_SS_AUTODISARM),
  };
  if (a[0]) {
    if (os_get(&ss, a[0], sizeof ss))
      return -EFAULT;
    int64_t r = set_altstack(s, sp, &ss);
    if (r < 0)
      return r;
  }
  if (a[1])
    return os_put(a[1], &old, sizeof old);
  return 0;
}

/* ---- the trampoline ---- */

static uint64_t trampoline;
static pthread_mutex_t trampoline_lock = PTHREAD_MUTEX_INITIALIZER;

uint64_t os_frame_trampoline(void)
{
  uint64_t t = __atomic_load_n(&trampoline, __ATOMIC_ACQUIRE);
  if (t)
    return t;
  pthread_mutex_lock(&trampoline_lock);
  t = trampoline;
  if (!t) {
    /* Above the stack, where Linux puts the vDSO; anywhere free if the guest took that. */
    uint64_t at = GUEST_STACK_TOP + 4 * GUEST_PAGE;
    if (mem_range_free(at, GUEST_PAGE) &&
        mem_map_fixed(at, GUEST_PAGE, PROT_READ | PROT_WRITE, false, "[vdso]") == 0) {
      t = at;
    } else {
      int64_t r = mem_mmap(0, GUEST_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                           -1, 0);
      t = r < 0 ? 0 : (uint64_t)r;
    }
    if (t) {
      /* li a7, 139 (rt_sigreturn); ecall: the exact words libgcc's unwinder recognizes. */
      static const uint32_t code[2] = { 0x08b00893, 0x00000073 };
      memcpy(mem_g2h(t), code, sizeof code);
      if (mem_mprotect(t, GUEST_PAGE, PROT_READ | PROT_EXEC) < 0)
        t = 0;
    }
    __atomic_store_n(&trampoline, t, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&trampoline_lock);
  return t;
}

/* ---- frames ---- */

bool os_frame_setup(rv_cpu *cpu, const os_siginfo *info, uint64_t handler, uint32_t flags,
                    uint64_t mask)
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  uint64_t sp = cpu->x[REG_SP], tramp = os_frame_trampoline();
  if (!tramp)
    return false;
  /* On the alternate stack already and it would overflow: no frame (Linux gives -1). */
  if (on_sig_stack(s, sp) && !on_sig_stack(s, sp - sizeof(g_rt_sigframe)))
    return false;
  bool switch_stack = (flags & G_SA_ONSTACK) && sas_flags(s, sp) == 0;
  uint64_t frame = (switch_stack ? s->altstack_sp + s->altstack_size : sp) -
                   sizeof(g_rt_sigframe);
  frame &= ~(uint64_t)15;

  g_rt_sigframe f;
  memset(&f, 0, sizeof f);
  f.info = *info;
  f.uc.stack.sp = s->altstack_sp;
  f.uc.stack.flags = s->altstack_flags;
  f.uc.stack.size = s->altstack_size;
  f.uc.sigmask = mask;
  f.uc.gregs[0] = cpu->pc;
  for (int i = 1; i < 32; i++)
    f.uc.gregs[i] = cpu->x[i];
  memcpy(f.uc.fpregs, cpu->f, sizeof f.uc.fpregs);
  f.uc.fcsr = (cpu->frm & 7) << 5 | (cpu->fflags & 0x1f);
  if (frame >= GUEST_SIZE || os_put(frame, &f, sizeof f) < 0)
    return false;

  if (switch_stack && (s->altstack_flags & (int)G_SS_AUTODISARM)) {
    s->altstack_sp = 0;
    s->altstack_size = 0;
    s->altstack_flags = G_SS_DISABLE;
  }
  cpu->pc = handler;
  cpu->x[REG_RA] = tramp;
  cpu->x[REG_SP] = frame;
  cpu->x[REG_A0] = (uint64_t)info->signo;
  cpu->x[REG_A1] = frame + offsetof(g_rt_sigframe, info);
  cpu->x[REG_A2] = frame + offsetof(g_rt_sigframe, uc);
  cpu->lr_valid = 0;
  return true;
}

bool os_frame_restore(rv_cpu *cpu)
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  uint64_t frame = cpu->x[REG_SP];
  const void *h = os_obj(frame, sizeof(g_rt_sigframe), PROT_READ);
  if (!h)
    return false;
  g_rt_sigframe f;
  memcpy(&f, h, sizeof f);
  /* Extension state rvx does not know (Linux: EINVAL, a bad frame). */
  if (f.uc.reserved[0] || f.uc.reserved[1] || f.uc.reserved[2])
    return false;
  s->blocked = f.uc.sigmask & ~((UINT64_C(1) << (G_SIGKILL - 1)) |
                                (UINT64_C(1) << (G_SIGSTOP - 1)));
  cpu->pc = f.uc.gregs[0];
  for (int i = 1; i < 32; i++)
    cpu->x[i] = f.uc.gregs[i];
  memcpy(cpu->f, f.uc.fpregs, sizeof f.uc.fpregs);
  cpu->fflags = f.uc.fcsr & 0x1f;
  cpu->frm = (f.uc.fcsr >> 5) & 7;
  /* The altstack as saved (errors ignored, as Linux's restore_altstack does). */
  (void)set_altstack(s, cpu->x[REG_SP], &f.uc.stack);
  return true;
}

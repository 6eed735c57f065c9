/* Translator runtime: the fixed code in the code cache (entry trampoline, common exit, trap
 * routines), translating a hot block, the dispatch loop that runs translations
 * and chains them (patching a jump's displacement to the next translation), flushing, the
 * fault hook that rebuilds guest state from a host context, and the --stats lines.
 *
 * Threads: translating (the code cache's bump pointer, the side tables, the translator's
 * scratch state) and patching chains happen under `lock`; a translation is complete before
 * its block's `jit` pointer is published (release store), and a patch is one aligned 4-byte
 * store of a displacement, which a thread running that code sees either before or after.
 * Code is never freed while a thread may run it: when the cache is full the translator asks
 * the interpreter for a flush of its block cache, which happens only while every guest
 * thread is parked and calls jit_flush_all. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "cache/code_cache.h"
#include "exc/exc.h"
#include "interp/fpu.h"
#include "interp/interp.h"
#include "jit/jit.h"
#include "jit/jit_internal.h"
#include "jit/jit_tools.h"
#include "mem/mem.h"
#include "profile/profile.h"
#include "util/log.h"
#include "util/options.h"

jit_fixed jit_fx;
jit_ind jit_ind_table[JIT_IND_SIZE];
jit_counters jit_stats;
__thread jit_tls_t jit_tls;
int32_t jit_tls_off;
/* Bytes of host stack return prediction may use (16 per guest call in flight). */
#define RAS_BYTES (256u << 10)
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Room reserved for one translation: more than the longest block's code (INTERP_MAX_OPS
 * ops of at most ~110 bytes with their cold code); a block that needs more is not
 * translated. */
#define MAX_TRANSLATION (24u << 10)
#define FIXED_SIZE 4096

#define XR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, x) + 8 * (unsigned)(r)))

#define INSTRET x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, instret))

static void load_mapped(x86_buf *b) {
  x86_load(b, 64, JIT_INSTRET, INSTRET);
  for (unsigned i = 0; i < JIT_N_MAPPED; i++)
    x86_load(b, 64, jit_host_of[jit_mapped[i]], XR(jit_mapped[i]));
}

static void store_mapped(x86_buf *b) {
  x86_store(b, 64, INSTRET, JIT_INSTRET);
  for (unsigned i = 0; i < JIT_N_MAPPED; i++)
    x86_store(b, 64, XR(jit_mapped[i]), jit_host_of[jit_mapped[i]]);
}

static void align16(x86_buf *b) {
  while ((uintptr_t)b->p & 15)
    x86_byte(b, 0xcc);
}

/* Builds the fixed code. enter(cpu, code, mem_base, -) saves the callee-saved registers,
 * pins cpu and mem_base, aligns the stack for helper calls, loads instret and the mapped
 * guest registers and jumps to code. */
static void ind_reset(void) {
  for (unsigned i = 0; i < JIT_IND_SIZE; i++)
    jit_ind_table[i] = (jit_ind){ JIT_IND_EMPTY, NULL };
}

/* Remembers pc -> code in an empty entry of the indirect-jump table (under the lock). */
static void ind_fill(uint64_t pc, void *code) {
  jit_ind *e = &jit_ind_table[(pc >> 1) & (JIT_IND_SIZE - 1)];
  if (__atomic_load_n(&e->pc, __ATOMIC_RELAXED) != JIT_IND_EMPTY)
    return;
  __atomic_store_n(&e->code, code, __ATOMIC_RELAXED);
  __atomic_store_n(&e->pc, pc, __ATOMIC_RELEASE);
}

static bool init(void) {
  ind_reset();
  uint64_t size = rvx_opts.code_cache_size ? rvx_opts.code_cache_size : CC_DEFAULT_SIZE;
  if (size < CC_MIN_SIZE)
    size = CC_MIN_SIZE;
  if (size > CC_MAX_SIZE)
    size = CC_MAX_SIZE;
  if (!cc_init(size, FIXED_SIZE))
    return false;
  uintptr_t tp;
  __asm__("mov %%fs:0, %0" : "=r"(tp));
  jit_tls_off = (int32_t)((intptr_t)&jit_tls - (intptr_t)tp);
  x86_buf b;
  uint8_t *w = cc_fixed();
  x86_init(&b, w, FIXED_SIZE);
  static const int saved[6] = { X86_RBX, X86_RBP, X86_R12, X86_R13, X86_R14, X86_R15 };
  for (int i = 0; i < 6; i++)
    x86_push(&b, saved[i]);
  /* 7 pushes incl. the return address: 8 more align the stack; then an empty entry of the
   * return stack, with an odd pc (no return target matches it). */
  x86_alu_ri(&b, X86_SUB, 64, X86_RSP, 8);
  x86_push_imm(&b, 1);
  x86_push_imm(&b, 1);
  x86_byte(&b, 0x64);   /* fs: */
  x86_store(&b, 64, x86_m(X86_NOREG, jit_tls_off + (int32_t)offsetof(jit_tls_t, base)), X86_RSP);
  x86_mov_rr(&b, 64, JIT_CPU, X86_RDI);
  x86_mov_rr(&b, 64, JIT_MEM, X86_RDX);
  x86_mov_rr(&b, 64, X86_RAX, X86_RSI);
  load_mapped(&b);
  x86_jmp_r(&b, X86_RAX);

  align16(&b);
  jit_fx.exit = b.p;
  store_mapped(&b);
  x86_byte(&b, 0x64);   /* fs: */
  x86_load(&b, 64, X86_RSP, x86_m(X86_NOREG, jit_tls_off + (int32_t)offsetof(jit_tls_t, base)));
  x86_alu_ri(&b, X86_ADD, 64, X86_RSP, 24);
  for (int i = 5; i >= 0; i--)
    x86_pop(&b, saved[i]);
  x86_ret(&b);

  align16(&b);   /* rax: the guest address */
  jit_fx.segv = b.p;
  store_mapped(&b);
  x86_mov_rr(&b, 64, X86_RDI, JIT_CPU);
  x86_mov_rr(&b, 64, X86_RSI, X86_RAX);
  x86_mov_ri64(&b, X86_RAX, (uint64_t)(uintptr_t)jit_trap_segv);
  x86_call_r(&b, X86_RAX);

  align16(&b);
  jit_fx.illegal = b.p;
  store_mapped(&b);
  x86_mov_rr(&b, 64, X86_RDI, JIT_CPU);
  x86_mov_ri64(&b, X86_RAX, (uint64_t)(uintptr_t)jit_trap_illegal);
  x86_call_r(&b, X86_RAX);

  align16(&b);
  jit_fx.limit = b.p;
  x86_u32(&b, (uint32_t)GUEST_SIZE);
  x86_u32(&b, (uint32_t)(GUEST_SIZE >> 32));
  jit_fx.mxcsr = b.p;
  x86_u32(&b, fpu_mxcsr_default);
  align16(&b);
  jit_fx.flags = b.p;
  for (unsigned m = 0; m < 64; m++)
    x86_byte(&b, (uint8_t)fpu_x86_flags(m));
  if (b.overflow)
    return false;
  jit_fx.enter = (void *(*)(rv_cpu *, void *, uint8_t *, uint64_t))(void *)cc_w2x(w);
  return true;
}

bool jit_runtime_init(void) {
  if (cc_ready())
    return true;
  if (init())
    return true;
  prof_disable_jit();
  return false;
}

void jit_flush_all(void) {
  if (cc_ready() && cc_used()) {
    cc_flush();
    jit_side_reset();
    ind_reset();
  }
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Gives b a translation (under the lock); false when it cannot have one now. */
static bool translate(interp_block *b) {
  if (b->jit)   /* another thread was first */
    return true;
  if (!cc_ready() && !init()) {
    prof_disable_jit();
    return false;
  }
  if (!cc_room(MAX_TRANSLATION)) {
    /* Full: the interpreter drops every block and, with them, every translation, once all
     * threads are parked; until then this block stays interpreted. */
    jit_stats.cache_full++;
    interp_flush_all();
    return false;
  }
  uint64_t t0 = now_ns();
  prof_promotions++;
  x86_buf buf;
  uint8_t *w = cc_begin();
  x86_init(&buf, w, MAX_TRANSLATION);
  unsigned fallback;
  unsigned n = jit_translate(b, &buf, &fallback);
  if (n == 0) {
    if (buf.overflow)
      jit_stats.overflows++;
    else
      jit_stats.failed++;
    if (fallback < H_COUNT)
      jit_stats.fallback[fallback]++;
    jit_stats.translate_ns += now_ns() - t0;
    return false;
  }
  size_t size = x86_size(&buf);
  cc_commit(size);
  unsigned nf, nl;
  const jit_fault_rec *f = jit_translate_faults(&nf);
  const jit_lend *l = jit_translate_lends(&nl);
  jit_side_add(cc_w2x(w), size, b->pc, f, nf, l, nl, jit_fp_cached());
  jit_stats.loops_lent += nl != 0;
  jit_stats.translations++;
  jit_stats.ops_translated += n;
  for (unsigned i = 0; i < n; i++)
    if (b->ops[i].hid != H_next_block)
      jit_stats.insns_translated++;
  jit_stats.insns_translated += jit_translate_more_insns();
  if (fallback < H_COUNT)
    jit_stats.fallback[fallback]++;
  __atomic_store_n(&b->jit, (void *)cc_w2x(w), __ATOMIC_RELEASE);
  jit_tools_translated(b, b->jit, x86_size(&buf), n);
  jit_stats.translate_ns += now_ns() - t0;
  return true;
}

/* Points the jump whose rel32 displacement is at `disp` (executable address; +1 for a forward
 * jump, which goes past the async_stop check) to code. */
static void chain(uint8_t *disp, uint8_t *code) {
  if ((uintptr_t)disp & 1) {
    disp--;
    code += JIT_ENTRY_CHECK;
  }
  int32_t d = (int32_t)(code - (disp + 4));
  uint32_t *w = (uint32_t *)(void *)cc_x2w(disp);
  __atomic_store_n(w, (uint32_t)d, __ATOMIC_RELEASE);
  jit_stats.chains++;
}

/* A statistics counter bumped outside the lock by every thread: a lost count is harmless, and
 * relaxed atomics (the same moves as ++ on x86-64) keep it a defined race, which TSan accepts. */
static inline void count(uint64_t *c) {
  __atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
}

static uint32_t get_mxcsr(void) {
  uint32_t st;
  __asm__ volatile("stmxcsr %0" : "=m"(st));
  return st;
}

/* The lowest rsp at which a guest call may still push onto this thread's host stack: RAS_BYTES
 * below here, but 64 KiB above the stack's end (C helpers, signal frames). The main thread's
 * stack is RLIMIT_STACK long (pthread_getattr_np would read /proc/self/maps for it: slow at
 * start-up); other threads' bounds come from their attributes. */
static uintptr_t ras_limit(void) {
  uintptr_t sp = (uintptr_t)__builtin_frame_address(0), lo = UINTPTR_MAX;
  if (getpid() == (pid_t)syscall(SYS_gettid)) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_STACK, &rl) == 0)
      lo = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > sp ? 0 : sp - rl.rlim_cur;
  } else {
    pthread_attr_t a;
    void *addr;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
      if (pthread_attr_getstack(&a, &addr, &size) == 0)
        lo = (uintptr_t)addr;
      pthread_attr_destroy(&a);
    }
  }
  if (lo == UINTPTR_MAX || sp - lo < 2 * 65536)
    return UINTPTR_MAX;   /* no room known: calls never push */
  lo += 65536;
  return sp - lo > RAS_BYTES ? sp - RAS_BYTES : lo;
}

/* Runs translations from code on until the next block has none (or something asynchronous
 * is pending); cpu->pc is then where the interpreter continues. MXCSR's flags are a subset
 * of cpu->fflags going in (translated FP code leaves its flags there), and are ORed into it
 * coming out. */
static void run(rv_cpu *cpu, void *code) {
  fpu_mxcsr_enter(&cpu->fflags);
  if (!jit_tls.limit)
    jit_tls.limit = ras_limit();
  for (;;) {
    uint8_t *disp = jit_fx.enter(cpu, code, mem_base, GUEST_SIZE);
    count(&jit_stats.runs);
    if (__atomic_load_n(&cpu->async_stop, __ATOMIC_RELAXED))
      break;
    uint64_t pc = cpu->pc;
    interp_block *nb = INTERP_LOAD(&interp_jcache[interp_jc_index(pc)]);
    if (!nb || nb->pc != pc)
      nb = interp_cache_find(pc);
    void *next = nb ? __atomic_load_n(&nb->jit, __ATOMIC_ACQUIRE) : NULL;
    if (!next) {
      count(&jit_stats.exits_to_interp);
      break;
    }
    if (log_on(LOG_EXEC))
      log_exec(pc, true);
    if (disp && !log_on(LOG_EXEC)) {   /* -d exec: back here after every block */
      pthread_mutex_lock(&lock);
      chain(disp, next);
      pthread_mutex_unlock(&lock);
    } else {
      pthread_mutex_lock(&lock);
      jit_stats.indirect_misses++;
      ind_fill(pc, next);
      pthread_mutex_unlock(&lock);
    }
    code = next;
  }
  cpu->fflags |= fpu_x86_flags(get_mxcsr());
}

void jit_run_one(rv_cpu *cpu, void *code) {
  fpu_mxcsr_enter(&cpu->fflags);
  if (!jit_tls.limit)
    jit_tls.limit = ras_limit();
  jit_fx.enter(cpu, code, mem_base, GUEST_SIZE);
  cpu->fflags |= fpu_x86_flags(get_mxcsr());
}

bool jit_block_hot(rv_cpu *cpu, interp_block *b) {
  if (rvx_opts.verify)
    return jit_verify_block(cpu, b);
  if (!__atomic_load_n(&b->jit, __ATOMIC_ACQUIRE)) {
    bool ok = false;
    if (prof_jit_enabled()) {
      pthread_mutex_lock(&lock);
      ok = translate(b);
      pthread_mutex_unlock(&lock);
    }
    if (!ok) {
      __atomic_store_n(&b->heat, INT32_MAX, __ATOMIC_RELAXED);   /* see cool() in run.c */
      return false;
    }
  }
  __atomic_store_n(&b->heat, 0, __ATOMIC_RELAXED);
  if (log_on(LOG_EXEC))
    log_exec(b->pc, true);
  run(cpu, __atomic_load_n(&b->jit, __ATOMIC_ACQUIRE));
  return true;
}

_Noreturn void jit_trap_segv(rv_cpu *cpu, uint64_t addr) {
  cpu->fflags |= fpu_x86_flags(get_mxcsr());
  exc_guest_trap(cpu, SIGSEGV, SEGV_MAPERR, addr);
}

_Noreturn void jit_trap_illegal(rv_cpu *cpu) {
  cpu->fflags |= fpu_x86_flags(get_mxcsr());
  exc_guest_trap(cpu, SIGILL, ILL_ILLOPC, cpu->pc);
}

/* Host register number (x86_reg) to its slot in mcontext's gregs. */
static const int greg_of[16] = { REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
  REG_RSI, REG_RDI, REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15 };

bool jit_fault_state(void *host_pc, ucontext_t *uc, rv_cpu *cpu) {
  if (!cpu || !uc || !cc_ready() || !cc_contains_x(host_pc))
    return false;
  uint64_t pc;
  jit_lend lends[JIT_N_MAPPED];
  unsigned n_lends;
  uint32_t fp[3];
  if (!jit_side_lookup(host_pc, &pc, lends, &n_lends, fp))
    return false;
  const greg_t *g = uc->uc_mcontext.gregs;
  if ((uintptr_t)g[REG_RBX] != (uintptr_t)cpu)
    return false;
  for (unsigned i = 0; i < JIT_N_MAPPED; i++) {
    bool lent = false;   /* its value is in cpu->x, its host register holds another */
    for (unsigned k = 0; k < n_lends; k++)
      lent |= lends[k].owner == jit_mapped[i];
    if (!lent)
      cpu->x[jit_mapped[i]] = (uint64_t)g[greg_of[jit_host_of[jit_mapped[i]]]];
  }
  for (unsigned k = 0; k < n_lends; k++)
    cpu->x[lends[k].guest] = (uint64_t)g[greg_of[jit_host_of[lends[k].owner]]];
  cpu->instret = (uint64_t)g[greg_of[JIT_INSTRET]];
  cpu->pc = pc;
  jit_fp_fault_state(fp, uc, cpu);
  if (uc->uc_mcontext.fpregs)
    cpu->fflags |= fpu_x86_flags(uc->uc_mcontext.fpregs->mxcsr);
  return true;
}

/* A forked child must not inherit the lock held by a thread that does not exist there. */
static void fork_prepare(void) { pthread_mutex_lock(&lock); }
static void fork_release(void) { pthread_mutex_unlock(&lock); }
__attribute__((constructor)) static void jit_atfork(void) {
  pthread_atfork(fork_prepare, fork_release, fork_release);
}

/* "rvx: stats: NAME: VALUE" lines, formatted without stdio (this may run in a fault handler). */
static void put_line(const char *a, const char *b, uint64_t v) {
  char buf[160], tmp[24];
  size_t n = 0;
  for (const char *s = "rvx: stats: "; *s; s++)
    buf[n++] = *s;
  for (const char *s = a; *s && n < 100; s++)
    buf[n++] = *s;
  for (const char *s = b; *s && n < 130; s++)
    buf[n++] = *s;
  buf[n++] = ':';
  buf[n++] = ' ';
  int k = 0;
  do {
    tmp[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (k > 0)
    buf[n++] = tmp[--k];
  buf[n++] = '\n';
  if (write(2, buf, n) < 0)
    return;
}

void jit_print_stats(void) {
  jit_verify_print_stats();
  if (!prof_jit_enabled() && !jit_stats.translations)
    return;
  put_line("jit translations", "", jit_stats.translations);
  put_line("jit instructions translated", "", jit_stats.insns_translated);
  put_line("jit microseconds translating", "", jit_stats.translate_ns / 1000);
  put_line("jit blocks not translatable", "", jit_stats.failed + jit_stats.overflows);
  put_line("jit loops with lent registers", "", jit_stats.loops_lent);
  put_line("jit code cache full", "", jit_stats.cache_full);
  put_line("jit code cache flushes", "", cc_flushes);
  put_line("jit code cache bytes in use", "", cc_used());
  put_line("jit dispatcher returns", "", jit_stats.runs);
  put_line("jit chains patched", "", jit_stats.chains);
  put_line("jit indirect jump cache misses", "", jit_stats.indirect_misses);
  put_line("jit exits to the interpreter", "", jit_stats.exits_to_interp);
  for (unsigned h = 0; h < H_COUNT; h++)
    if (jit_stats.fallback[h])
      put_line("jit translations ended before ",
               h < OP_COUNT ? isa_rows[h].mnemonic : "fetch fault", jit_stats.fallback[h]);
}

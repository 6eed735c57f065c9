/* Translator runtime: the entry trampoline and common exit in the code cache's fixed area,
 * translating a hot block, the dispatch loop that runs translations and chains them
 * (patching an exit stub's jmp to the next translation), flushing, traps from translated
 * code, and the --stats lines. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/code_cache.h"
#include "exc/exc.h"
#include "jit/jit.h"
#include "jit/jit_internal.h"
#include "jit/jit_tools.h"
#include "mem/mem.h"
#include "profile/profile.h"
#include "util/options.h"

jit_fixed jit_fx;
jit_counters jit_stats;

/* Room reserved for one translation: more than the longest block's code (INTERP_MAX_OPS
 * ops of at most ~90 bytes with their stubs); a block that needs more is not translated. */
#define MAX_TRANSLATION (16u << 10)

/* The blocks that have a translation, to unlink them all when the code cache is flushed
 * (blocks themselves live until the interpreter's cache drops them, which drops this too). */
static interp_block **linked;
static size_t n_linked, cap_linked;

/* Builds the fixed code: enter(cpu, code, mem_base, limit) saves the callee-saved registers,
 * pins cpu / mem_base / limit, aligns the stack for helper calls and jumps to code; the exit
 * restores and returns rax. */
static bool init(void) {
  uint64_t size = rvx_opts.code_cache_size ? rvx_opts.code_cache_size : CC_DEFAULT_SIZE;
  if (size < CC_MIN_SIZE)
    size = CC_MIN_SIZE;
  if (size > CC_MAX_SIZE)
    size = CC_MAX_SIZE;
  if (!cc_init(size, 4096))
    return false;
  x86_buf b;
  uint8_t *w = cc_fixed();
  x86_init(&b, w, 4096);
  static const int saved[6] = { X86_RBX, X86_RBP, X86_R12, X86_R13, X86_R14, X86_R15 };
  for (int i = 0; i < 6; i++)
    x86_push(&b, saved[i]);
  x86_alu_ri(&b, X86_SUB, 64, X86_RSP, 8);   /* 7 pushes incl. the return address: +8 */
  x86_mov_rr(&b, 64, JIT_CPU, X86_RDI);
  x86_mov_rr(&b, 64, JIT_MEM, X86_RDX);
  x86_mov_rr(&b, 64, JIT_LIMIT, X86_RCX);
  x86_jmp_r(&b, X86_RSI);
  while ((uintptr_t)b.p & 15)
    x86_byte(&b, 0xcc);
  jit_fx.exit_w = b.p;
  x86_alu_ri(&b, X86_ADD, 64, X86_RSP, 8);
  for (int i = 5; i >= 0; i--)
    x86_pop(&b, saved[i]);
  x86_ret(&b);
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

/* Unlinks every translation and empties the code cache. */
static void drop_translations(bool blocks_alive) {
  if (blocks_alive)
    for (size_t i = 0; i < n_linked; i++) {
      linked[i]->jit = NULL;
      linked[i]->heat = prof_initial_heat();
    }
  n_linked = 0;
  if (cc_ready())
    cc_flush();
}

void jit_flush_all(void) {
  if (n_linked || (cc_ready() && cc_used()))
    drop_translations(false);
}

static bool link_block(interp_block *b) {
  if (n_linked == cap_linked) {
    size_t cap = cap_linked ? 2 * cap_linked : 1024;
    interp_block **l = realloc(linked, cap * sizeof *l);
    if (!l)
      return false;
    linked = l;
    cap_linked = cap;
  }
  linked[n_linked++] = b;
  return true;
}

/* Gives b a translation; false when it cannot have one. */
static bool translate(interp_block *b) {
  if (!cc_ready() && !init()) {
    prof_disable_jit();
    return false;
  }
  if (!cc_room(MAX_TRANSLATION))
    drop_translations(true);
  if (!cc_room(MAX_TRANSLATION))
    return false;
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
    return false;
  }
  if (!link_block(b))
    return false;
  cc_commit(x86_size(&buf));
  jit_stats.translations++;
  jit_stats.ops_translated += n;
  if (fallback < H_COUNT)
    jit_stats.fallback[fallback]++;
  b->jit = cc_w2x(w);
  jit_tools_translated(b, b->jit, x86_size(&buf), n);
  return true;
}

/* Points the chainable exit stub at `stub` (executable address of its jmp rel32) to code:
 * one aligned 4-byte store of the displacement. */
static void chain(uint8_t *stub, uint8_t *code) {
  int32_t d = (int32_t)(code - (stub + 5));
  uint32_t *disp = (uint32_t *)(void *)cc_x2w(stub + 1);
  __atomic_store_n(disp, (uint32_t)d, __ATOMIC_RELEASE);
  jit_stats.chains++;
}

/* Runs translations from code on until the next block has none (or something asynchronous
 * is pending); cpu->pc is then where the interpreter continues. */
static void run(rv_cpu *cpu, void *code) {
  for (;;) {
    uint8_t *stub = jit_fx.enter(cpu, code, mem_base, GUEST_SIZE);
    jit_stats.runs++;
    if (cpu->async_stop)
      return;
    uint64_t pc = cpu->pc;
    interp_block *nb = interp_jcache[interp_jc_index(pc)];
    if (!nb || nb->pc != pc)
      nb = interp_cache_find(pc);
    if (!nb || !nb->jit) {
      jit_stats.exits_to_interp++;
      return;
    }
    if (stub)
      chain(stub, nb->jit);
    else
      jit_stats.indirect_misses++;
    code = nb->jit;
  }
}

bool jit_block_hot(rv_cpu *cpu, interp_block *b) {
  if (rvx_opts.verify)
    return jit_verify_block(cpu, b);
  if (!b->jit && (!prof_jit_enabled() || !translate(b))) {
    b->heat = INT32_MAX;
    return false;
  }
  b->heat = 0;
  run(cpu, b->jit);
  return true;
}

_Noreturn void jit_trap_segv(rv_cpu *cpu, uint64_t addr) {
  exc_guest_trap(cpu, SIGSEGV, SEGV_MAPERR, addr);
}

_Noreturn void jit_trap_illegal(rv_cpu *cpu) {
  exc_guest_trap(cpu, SIGILL, ILL_ILLOPC, cpu->pc);
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
  put_line("jit instructions translated", "", jit_stats.ops_translated);
  put_line("jit blocks not translatable", "", jit_stats.failed + jit_stats.overflows);
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

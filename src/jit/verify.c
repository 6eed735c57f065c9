/* --verify: the interpreter and the translator in lockstep, block by block.
 *
 * Every block entry comes here (jit_block_hot hands it over; the heat of every block is kept
 * at 0). For a block b whose first n ops have a translation:
 *   1. the interpreter's handlers (the same exec_*.inc bodies as interp_run, dispatched by a
 *      switch at the bottom of this file) run ops[0..n) on the real state, logging the old
 *      bytes of every store: this is the reference, and the state the guest keeps;
 *   2. the logged stores are undone (newest first), after the 16-byte chunks around them
 *      were saved as the interpreter left them;
 *   3. the translation runs on a copy of the state from before the block; translated code
 *      keeps guest registers where it likes inside, but the state is complete when it exits;
 *   4. x, f, pc, fflags, frm and the saved chunks are compared; then the chunks get the
 *      interpreter's bytes back.
 * Syscalls run once: no translation covers an ecall (one that did would not be used here),
 * so they run in the interpreter only. A trap in step 1 is the guest's real trap; a trap of
 * the translated code is a divergence (exc.c hands it to jit_verify_trap). The first
 * divergence is reported on stderr (the block's guest code and host code as a dump record,
 * the differences, and the first instructions whose translation alone already diverges) and
 * rvx exits with JIT_VERIFY_STATUS.
 *
 * Translations made here are never stored in b->jit, so translated code never chains into
 * another block (its inline indirect lookup finds no translation) and exactly one block runs
 * per comparison. Not covered: a translation that writes memory the interpreter does not
 * write outside those chunks (unless the written value differs somewhere compared), and
 * other threads writing the same chunks meanwhile (verification assumes they do not).
 *
 * RVX_JIT_INJECT_BUG=addi (or add, optionally @PC for the one at guest address PC) is a test
 * switch: the translator is given every addi with its immediate plus one (every add as a
 * sub), so that the tests can check that the miscompiled instruction is found and named. */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/code_cache.h"
#include "exc/exc.h"
#include "interp/fpu.h"
#include "interp/interp.h"
#include "interp/lrsc.h"
#include "jit/jit.h"
#include "jit/jit_internal.h"
#include "jit/jit_tools.h"
#include "mem/mem.h"
#include "os/os.h"
#include "util/options.h"

#define MAX_TRANSLATION (16u << 10)
#define LOG_MAX 512        /* stores of one block (at most INTERP_MAX_OPS ops store) */
#define CHUNK 16u

/* One store of the reference run: where, how many bytes, and what was there before. */
typedef struct wlog {
  uint8_t *p;
  uint32_t n;
  uint8_t old[16];
} wlog;

typedef struct chunk {
  uint8_t *p;
  uint8_t ref[CHUNK];   /* the interpreter's bytes */
  uint8_t pre[CHUNK];   /* the bytes before the block */
} chunk;

/* Per guest thread. */
typedef struct vstate {
  bool logging, overflow;
  unsigned n_log, n_chunks;
  wlog log[LOG_MAX];
  chunk chunks[2 * LOG_MAX];
  rv_cpu *tcpu;                  /* the copy translated code runs on, while it runs */
  sigjmp_buf jb;
  int trap_sig, trap_code;
  uint64_t trap_addr, trap_pc;
} vstate;
static __thread vstate vs;

/* The translations of --verify, by block, valid while cc_flushes is `gen`. */
typedef struct ventry {
  const interp_block *b;
  uint8_t *code;
  uint32_t size, n_ops;   /* n_ops 0: b has no usable translation */
} ventry;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ventry *table;
static size_t table_cap, table_n;
static uint64_t table_gen;

static struct {
  uint64_t blocks, insns, untranslated, log_overflows;
} stats;

static void ref_run(rv_cpu *cpu, interp_block *b, const interp_op *ops);

/* ---- the test switch ---- */

static uint64_t inject_pc;   /* 0: every instruction of the kind */

static int inject_kind(void) {   /* 0 none, 1 addi, 2 add */
  static int kind = -1;
  if (kind < 0) {
    const char *e = getenv("RVX_JIT_INJECT_BUG");
    kind = 0;
    if (e && strncmp(e, "addi", 4) == 0 && (e[4] == 0 || e[4] == '@'))
      kind = 1;
    else if (e && strncmp(e, "add", 3) == 0 && (e[3] == 0 || e[3] == '@'))
      kind = 2;
    const char *at = e ? strchr(e, '@') : NULL;
    if (kind && at)
      inject_pc = strtoull(at + 1, NULL, 0);
  }
  return kind;
}

static void inject(interp_op *ops, unsigned n) {
  int k = inject_kind();
  for (unsigned i = 0; i < n; i++) {
    if (inject_pc && ops[i].pc != inject_pc)
      continue;
    if (k == 1 && (ops[i].hid == H_addi || ops[i].hid == H_addi_acc))
      ops[i].imm++;
    if (k == 2 && ops[i].hid == H_add)
      ops[i].hid = H_sub;
    if (k == 2 && ops[i].hid == H_add_acc)
      ops[i].hid = H_sub_acc;
  }
}

/* ---- translations ---- */

/* A copy of b (heap, for the caller to free) with its ops, for the translator's input. */
static interp_block *copy_block(const interp_block *b, unsigned n_ops) {
  interp_block *c = malloc(sizeof *c + (n_ops + 1) * sizeof(interp_op));
  if (!c)
    return NULL;
  memcpy(c, b, sizeof *c);
  memcpy(c->ops, b->ops, n_ops * sizeof(interp_op));
  c->n_ops = n_ops;
  c->jit = NULL;
  return c;
}

/* Translates b into the code cache: *n_ops ops of it were. NULL when none could be. */
static uint8_t *translate(const interp_block *b, unsigned *n_ops, size_t *size) {
  if (!jit_runtime_init())
    return NULL;
  if (!cc_room(MAX_TRANSLATION))
    cc_flush();
  if (!cc_room(MAX_TRANSLATION))
    return NULL;
  interp_block *mutated = NULL;
  if (inject_kind() && (mutated = copy_block(b, b->n_ops)) != NULL) {
    inject(mutated->ops, mutated->n_ops);
    b = mutated;
  }
  x86_buf buf;
  uint8_t *w = cc_begin();
  x86_init(&buf, w, MAX_TRANSLATION);
  unsigned fallback;
  unsigned n = jit_translate(b, &buf, &fallback);
  free(mutated);
  if (n == 0)
    return NULL;
  *size = x86_size(&buf);
  cc_commit(*size);
  *n_ops = n;
  return cc_w2x(w);
}

static size_t slot_of(const interp_block *b) {
  size_t h = ((uintptr_t)b >> 4) * 0x9e3779b97f4a7c15u;
  return (h >> 20) & (table_cap - 1);
}

/* The translation of b, made when missing (under lock). False: b has none. */
static bool translation(interp_block *b, ventry *out) {
  if (table_gen != cc_flushes || !table) {
    if (!table) {
      table_cap = 4096;
      table = calloc(table_cap, sizeof *table);
      if (!table)
        return false;
    }
    memset(table, 0, table_cap * sizeof *table);
    table_n = 0;
    table_gen = cc_flushes;
  }
  size_t i = slot_of(b);
  while (table[i].b && table[i].b != b)
    i = (i + 1) & (table_cap - 1);
  if (!table[i].b) {
    ventry e = { b, NULL, 0, 0 };
    size_t size = 0;
    unsigned n = 0;
    e.code = translate(b, &n, &size);
    /* A syscall must run once: a translation that covers an ecall is not compared. */
    for (unsigned k = 0; e.code && k < n; k++)
      if (b->ops[k].hid == H_ecall)
        e.code = NULL;
    if (e.code) {
      e.size = (uint32_t)size;
      e.n_ops = n;
      jit_tools_translated(b, e.code, size, n);
    }
    if (table_gen != cc_flushes)   /* the translation flushed the cache: start again */
      return translation(b, out);
    if (2 * (table_n + 1) > table_cap) {
      ventry *old = table;
      size_t old_cap = table_cap;
      table = calloc(2 * old_cap, sizeof *table);
      if (!table) {
        table = old;
        return false;
      }
      table_cap = 2 * old_cap;
      for (size_t k = 0; k < old_cap; k++)
        if (old[k].b) {
          size_t j = slot_of(old[k].b);
          while (table[j].b)
            j = (j + 1) & (table_cap - 1);
          table[j] = old[k];
        }
      free(old);
      i = slot_of(b);
      while (table[i].b)
        i = (i + 1) & (table_cap - 1);
    }
    table[i] = e;
    table_n++;
  }
  *out = table[i];
  return out->n_ops != 0;
}

/* ---- memory: the store log and the chunks around it ---- */

static void log_store(void *p, size_t n) {
  vstate *v = &vs;
  if (!v->logging)
    return;
  if (v->n_log == LOG_MAX || n > sizeof v->log[0].old) {
    v->overflow = true;
    return;
  }
  wlog *l = &v->log[v->n_log++];
  l->p = p;
  l->n = (uint32_t)n;
  memcpy(l->old, p, n);   /* faults exactly where the store itself would */
}

static void undo_log(vstate *v) {
  for (unsigned i = v->n_log; i-- > 0;)
    memcpy(v->log[i].p, v->log[i].old, v->log[i].n);
}

static void add_chunk(vstate *v, uint8_t *p) {
  for (unsigned i = 0; i < v->n_chunks; i++)
    if (v->chunks[i].p == p)
      return;
  v->chunks[v->n_chunks++].p = p;
}

/* The chunks the logged stores touch (a chunk never crosses a page), with the interpreter's
 * bytes in them. */
static void collect_chunks(vstate *v) {
  v->n_chunks = 0;
  for (unsigned i = 0; i < v->n_log; i++) {
    uintptr_t a = (uintptr_t)v->log[i].p, e = a + v->log[i].n - 1;
    add_chunk(v, (uint8_t *)(a & ~(uintptr_t)(CHUNK - 1)));
    add_chunk(v, (uint8_t *)(e & ~(uintptr_t)(CHUNK - 1)));
  }
  for (unsigned i = 0; i < v->n_chunks; i++)
    memcpy(v->chunks[i].ref, v->chunks[i].p, CHUNK);
}

/* ---- running the two sides ---- */

/* Instructions among ops[0..n). */
static unsigned count_insns(const interp_op *ops, unsigned n) {
  unsigned k = 0;
  for (unsigned i = 0; i < n; i++)
    k += ops[i].hid != H_next_block && ops[i].hid != H_fetch_fault;
  return k;
}

/* The ops a run of the first n ops of b executes: b's own when n covers it, else a copy
 * cut short by a fall-through to ops[n] (fused forms that would reach past the cut are
 * split back into their parts). */
static const interp_op *prefix_ops(const interp_block *b, unsigned n, interp_op *buf) {
  if (n >= b->n_ops)
    return b->ops;
  static const uint16_t heads[] = {
#define VERIFY_HEAD(h) H_##h, H_##h, H_##h, H_##h, H_##h, H_##h,
    INTERP_BR_HEADS(VERIFY_HEAD)
#undef VERIFY_HEAD
  };
  memcpy(buf, b->ops, n * sizeof *buf);
  for (unsigned i = 0; i < n; i++) {
    unsigned h = buf[i].hid;
    if (h >= H_li_beq && h < H_next_block && i + 1 >= n)
      buf[i].hid = heads[h - H_li_beq];
    if ((h == H_sd_run || h == H_ld_run) && i + buf[i].rm > n) {
      buf[i].rm = (uint8_t)(n - i);
      if (buf[i].rm < 2)
        buf[i].hid = h == H_sd_run ? H_sd : H_ld;
    }
  }
  memset(&buf[n], 0, sizeof buf[n]);
  buf[n].hid = H_next_block;
  buf[n].pc = b->ops[n].pc;
  return buf;
}

/* The interpreter's run of ops[0..n) of b on cpu, its stores logged. Traps are real. */
static void run_reference(rv_cpu *cpu, interp_block *b, unsigned n) {
  interp_op buf[INTERP_MAX_OPS + 2];
  const interp_op *ops = prefix_ops(b, n, buf);
  vstate *v = &vs;
  v->n_log = 0;
  v->overflow = false;
  v->logging = true;
  cpu->instret += count_insns(b->ops, n);
  ref_run(cpu, b, ops);
  v->logging = false;
}

/* The translation at code on t. False when it trapped (vs.trap_* say how). */
static bool run_translated(rv_cpu *t, uint8_t *code) {
  vstate *v = &vs;
  rv_cpu *saved = exc_cpu;
  t->async_stop = 0;
  v->trap_sig = 0;
  if (sigsetjmp(v->jb, 0) == 0) {
    v->tcpu = t;
    exc_cpu = t;   /* a host fault in translated code is reported on t */
    jit_run_one(t, code);
    v->tcpu = NULL;
    exc_cpu = saved;
    return true;
  }
  v->tcpu = NULL;
  exc_cpu = saved;
  /* Left the fault handler by a jump: its mask is still in force. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGSEGV);
  sigaddset(&set, SIGBUS);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  return false;
}

void jit_verify_trap(rv_cpu *cpu, int sig, int si_code, uint64_t addr) {
  vstate *v = &vs;
  if (!v->tcpu || cpu != v->tcpu)
    return;
  v->trap_sig = sig;
  v->trap_code = si_code;
  v->trap_addr = addr;
  v->trap_pc = cpu->pc;
  siglongjmp(v->jb, 1);
}

/* ---- comparison and the report ---- */

static bool same_state(const rv_cpu *i, const rv_cpu *t) {
  return !memcmp(i->x, t->x, 32 * sizeof i->x[0]) && !memcmp(i->f, t->f, sizeof i->f) &&
         i->pc == t->pc && i->fflags == t->fflags && i->frm == t->frm;
}

static bool same_memory(const vstate *v) {
  for (unsigned i = 0; i < v->n_chunks; i++)
    if (memcmp(v->chunks[i].p, v->chunks[i].ref, CHUNK))
      return false;
  return true;
}

static void print_reg(const char *name, uint64_t a, uint64_t b) {
  if (a != b)
    fprintf(stderr, "rvx: verify:   %-9s 0x%016llx  0x%016llx\n", name, (unsigned long long)a,
            (unsigned long long)b);
}

static void print_diff(const rv_cpu *i, const rv_cpu *t, const vstate *v, bool trapped) {
  fprintf(stderr, "rvx: verify: state after it:       interpreter         translator\n");
  char name[16];
  for (int r = 1; r < 32; r++) {
    snprintf(name, sizeof name, "x%d/%s", r, isa_xreg_name[r]);
    print_reg(name, i->x[r], t->x[r]);
  }
  for (int r = 0; r < 32; r++) {
    snprintf(name, sizeof name, "f%d/%s", r, isa_freg_name[r]);
    print_reg(name, i->f[r], t->f[r]);
  }
  print_reg("pc", i->pc, t->pc);
  print_reg("fflags", i->fflags, t->fflags);
  print_reg("frm", i->frm, t->frm);
  for (unsigned k = 0; k < v->n_chunks && !trapped; k++) {
    const chunk *c = &v->chunks[k];
    if (!memcmp(c->p, c->ref, CHUNK))
      continue;
    fprintf(stderr, "rvx: verify:   memory at 0x%llx:\n",
            (unsigned long long)(c->p - mem_base));
    fprintf(stderr, "rvx: verify:     interpreter");
    for (unsigned j = 0; j < CHUNK; j++)
      fprintf(stderr, " %02x", c->ref[j]);
    fprintf(stderr, "\nrvx: verify:     translator ");
    for (unsigned j = 0; j < CHUNK; j++)
      fprintf(stderr, " %02x", c->p[j]);
    fprintf(stderr, "\n");
  }
  if (trapped)
    fprintf(stderr, "rvx: verify:   the translation raised signal %d (code %d) at pc 0x%llx, "
            "address 0x%llx; the interpreter ran the block without a trap\n",
            v->trap_sig, v->trap_code, (unsigned long long)v->trap_pc,
            (unsigned long long)v->trap_addr);
}

/* The dump record of the block, through tools/rvx-jitdis ($RVX_JITDIS) when it can be run,
 * so that the host code shows disassembled; else as it is (rvx-jitdis reads it later). */
static void print_record(const interp_block *b, unsigned n, const uint8_t *code, size_t size) {
  size_t cap = 2 * size + 128 * (b->n_ops + 2) + 512;
  char *rec = malloc(cap);
  if (!rec)
    return;
  size_t len = jit_dump_record(rec, cap, b, n, code, size);
  if (len >= cap)
    len = cap - 1;
  fflush(stderr);
  const char *tool = getenv("RVX_JITDIS");
  int fds[2];
  pid_t pid = -1;
  if (tool && *tool && access(tool, X_OK) == 0 && pipe(fds) == 0) {
    pid = fork();
    if (pid == 0) {
      dup2(fds[0], 0);
      dup2(2, 1);
      close(fds[0]);
      close(fds[1]);
      execl(tool, tool, (char *)NULL);
      _exit(127);
    }
    close(fds[0]);
    if (pid > 0) {
      for (size_t off = 0; off < len;) {
        ssize_t w = write(fds[1], rec + off, len - off);
        if (w <= 0)
          break;
        off += (size_t)w;
      }
    }
    close(fds[1]);
    int st;
    if (pid > 0 && (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0))
      pid = -1;
  }
  if (pid <= 0) {
    fprintf(stderr, "%.*s", (int)len, rec);
    fprintf(stderr, "rvx: verify: (rvx-jitdis decodes the host lines above: set RVX_JITDIS "
            "to it, or feed it this report)\n");
  }
  free(rec);
}

static void describe_op(const interp_op *op, char *buf, size_t cap) {
  uint32_t word = 0;
  isa_insn in;
  memcpy(&word, mem_g2h(op->pc), op->len == 2 ? 2 : 4);
  char text[96] = "?";
  if (isa_decode(word, &in))
    isa_disasm(&in, op->pc, text, sizeof text);
  snprintf(buf, cap, "0x%llx: %s", (unsigned long long)op->pc, text);
}

/* Narrows the divergence down: the fewest leading instructions of b whose translation alone
 * (translated as a block of their own) already diverges. 0 when none of the shorter ones
 * does. Memory must be as before the block; it is left so. */
static unsigned narrow(interp_block *b, unsigned n, const rv_cpu *before) {
  vstate *v = &vs;
  for (unsigned k = 1; k < n; k++) {
    interp_op buf[INTERP_MAX_OPS + 2];
    const interp_op *ops = prefix_ops(b, k, buf);
    interp_block *c = copy_block(b, k + 1);
    if (!c)
      return 0;
    memcpy(c->ops, ops, (k + 1) * sizeof *ops);
    c->n_ops = k + 1;
    unsigned tn;
    size_t size;
    uint8_t *code = translate(c, &tn, &size);
    if (!code || tn != k + 1) {
      free(c);
      continue;
    }
    rv_cpu icpu = *before, tcpu = *before;
    run_reference(&icpu, c, k + 1);
    free(c);
    if (v->overflow)
      return 0;
    collect_chunks(v);
    undo_log(v);
    for (unsigned i = 0; i < v->n_chunks; i++)
      memcpy(v->chunks[i].pre, v->chunks[i].p, CHUNK);
    bool ok = run_translated(&tcpu, code);
    bool same = ok && same_state(&icpu, &tcpu) && same_memory(v);
    for (unsigned i = 0; i < v->n_chunks; i++)
      memcpy(v->chunks[i].p, v->chunks[i].pre, CHUNK);
    if (!same)
      return k;
  }
  return 0;
}

static _Noreturn void report(interp_block *b, const ventry *e, const rv_cpu *before,
                             const rv_cpu *icpu, const rv_cpu *tcpu, bool trapped) {
  vstate *v = &vs;
  char sym[160], insn[128];
  jit_guest_symbol(b->pc, sym, sizeof sym);
  fflush(stdout);
  fprintf(stderr, "rvx: verify: divergence in the block at guest pc 0x%llx%s%s%s "
          "(%u instructions translated; %llu blocks agreed before it)\n",
          (unsigned long long)b->pc, sym[0] ? " (" : "", sym, sym[0] ? ")" : "",
          count_insns(b->ops, e->n_ops), (unsigned long long)stats.blocks);
  print_diff(icpu, tcpu, v, trapped);
  fprintf(stderr, "rvx: verify: the block's guest code and its translation:\n");
  print_record(b, e->n_ops, e->code, e->size);
  /* Back to the memory before the block, to try shorter translations. */
  for (unsigned i = 0; i < v->n_chunks; i++)
    memcpy(v->chunks[i].p, v->chunks[i].ref, CHUNK);
  undo_log(v);
  unsigned k = narrow(b, e->n_ops, before);
  if (k) {
    describe_op(&b->ops[k - 1], insn, sizeof insn);
    fprintf(stderr, "rvx: verify: first diverging instruction: %s (the translation of the "
            "block's first %u instructions alone already diverges)\n", insn, k);
  } else {
    describe_op(&b->ops[e->n_ops - 1], insn, sizeof insn);
    fprintf(stderr, "rvx: verify: first diverging instruction: %s (every shorter part of the "
            "block agrees)\n", insn);
  }
  rvx_print_stats();
  _exit(JIT_VERIFY_STATUS);
}

bool jit_verify_block(rv_cpu *cpu, interp_block *b) {
  b->heat = 0;   /* come back at the next entry */
  ventry e;
  pthread_mutex_lock(&lock);
  bool have = translation(b, &e);
  pthread_mutex_unlock(&lock);
  if (!have) {
    __atomic_fetch_add(&stats.untranslated, 1, __ATOMIC_RELAXED);
    return false;
  }
  vstate *v = &vs;
  rv_cpu before = *cpu;
  run_reference(cpu, b, e.n_ops);
  if (v->overflow) {   /* cannot be undone: the interpreter's run stands unchecked */
    __atomic_fetch_add(&stats.log_overflows, 1, __ATOMIC_RELAXED);
    return true;
  }
  collect_chunks(v);
  undo_log(v);
  rv_cpu tcpu = before;
  pthread_mutex_lock(&lock);
  /* Another thread may have flushed the cache meanwhile: translate again (same ops). */
  if (table_gen != cc_flushes && !translation(b, &e)) {
    pthread_mutex_unlock(&lock);
    for (unsigned i = 0; i < v->n_chunks; i++)
      memcpy(v->chunks[i].p, v->chunks[i].ref, CHUNK);
    return true;
  }
  bool ok = run_translated(&tcpu, e.code);
  bool same = ok && same_state(cpu, &tcpu) && same_memory(v);
  if (!same)
    report(b, &e, &before, cpu, &tcpu, !ok);
  pthread_mutex_unlock(&lock);
  for (unsigned i = 0; i < v->n_chunks; i++)
    memcpy(v->chunks[i].p, v->chunks[i].ref, CHUNK);
  __atomic_fetch_add(&stats.blocks, 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&stats.insns, count_insns(b->ops, e.n_ops), __ATOMIC_RELAXED);
  return true;
}

void jit_verify_print_stats(void) {
  if (!rvx_opts.verify)
    return;
  char buf[512];
  int n = snprintf(buf, sizeof buf,
                   "rvx: stats: verify blocks compared: %llu\n"
                   "rvx: stats: verify instructions compared: %llu\n"
                   "rvx: stats: verify block entries without a translation: %llu\n"
                   "rvx: stats: verify blocks with too many stores to compare: %llu\n",
                   (unsigned long long)stats.blocks, (unsigned long long)stats.insns,
                   (unsigned long long)stats.untranslated,
                   (unsigned long long)stats.log_overflows);
  if (n > 0 && write(2, buf, (size_t)n) < 0)
    return;
}

/* ---- the reference: the interpreter's handlers, one block at a time ----
 * The same exec_*.inc bodies interp_run (interp/run.c) is made of, in a dispatch environment
 * of our own: a switch (ops carry interp_run's label addresses, which mean nothing here),
 * block endings that return instead of continuing, and every store into guest memory
 * logged (plain stores and store runs go through memcpy, atomics through AMO_PTR). */

static inline void *logged_copy(void *d, const void *s, size_t n) {
  if ((uintptr_t)d - (uintptr_t)mem_base < GUEST_SIZE + GUEST_GUARD)
    log_store(d, n);
  return __builtin_memcpy(d, s, n);
}
#define memcpy(d, s, n) logged_copy((d), (s), (n))

#include "interp/exec_env.h"
#define HANDLER(id) case H_##id:
#define DISPATCH() goto vm_switch
#define NEXT() do { op++; DISPATCH(); } while (0)
#define CHAIN(i, target) do { (void)(i); cpu->pc = (target); return; } while (0)
#define JUMP(target, slot) do { (void)(slot); cpu->pc = (target); return; } while (0)
#define LEAVE(target) do { cpu->pc = (target); return; } while (0)
#define AMO_PTR(T, a) ({                                       \
    uint64_t aa_ = (a);                                        \
    if (unlikely(aa_ & (sizeof(T) - 1)))                       \
      TRAP(SIGBUS, BUS_ADRALN, aa_);                           \
    T *p_ = (T *)MEM(aa_);                                     \
    log_store(p_, sizeof(T));                                  \
    p_;                                                        \
  })
#define RAS_SIZE 1

static void ref_run(rv_cpu *cpu, interp_block *b, const interp_op *ops) {
  uint64_t *const X = cpu->x;
  uint64_t *const F = cpu->f;
  uint8_t *const M = mem_base;
  const interp_op *op = ops;
  uint64_t acc = 0;
  /* Calls record where their return goes, for interp_run's prediction: unused here. */
  interp_block *ras_none = NULL;
  interp_block **ras[RAS_SIZE] = { &ras_none };
  unsigned ras_top = 0;
  (void)F;
vm_switch:
  switch ((enum interp_hid)op->hid) {
#include "interp/exec_int.inc"
#include "interp/exec_mem.inc"
#include "interp/exec_amo.inc"
#include "interp/exec_ctl.inc"
#include "interp/exec_fp.inc"
  }
  __builtin_unreachable();
}

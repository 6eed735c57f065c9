/* Interpreter internals: the predecoded op, the block that holds a run of them, and the block
 * cache the dispatcher (run.c) looks blocks up in. Not for use outside src/interp/. */
#ifndef RVX_INTERP_BLOCK_H
#define RVX_INTERP_BLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "interp/cpu.h"
#include "isa/isa.h"

/* Handlers that also come in an "_acc" form, which takes x[rs1] from the accumulator: the
 * value the previous integer-writing op of the block produced, still in a host register.
 * Every form of these (and li, auipc) leaves its result there. Dependent chains
 * (x = f(...); y = g(x)) then skip the store-to-load round trip through cpu->x, which is what
 * bounds the interpreter's speed on tight loops. */
#define INTERP_ACC_OPS(X)                                                                   \
  X(mv) X(addi) X(slti) X(sltiu) X(xori) X(ori) X(andi) X(slli) X(srli) X(srai)             \
  X(add) X(sub) X(sll) X(slt) X(sltu) X(xor) X(srl) X(sra) X(or) X(and)                     \
  X(addiw) X(slliw) X(srliw) X(sraiw) X(addw) X(subw) X(sllw) X(srlw) X(sraw)               \
  X(mul) X(mulw) X(lb) X(lh) X(lw) X(ld) X(lbu) X(lhu) X(lwu)

/* ALU ops that fuse with a conditional branch right after them (compare with a constant, loop
 * counters): head_br does the head, then the branch (which sees the head's result), in one
 * dispatch. The branch's op stays in the block and supplies its fields. */
#define INTERP_BR_HEADS(X) \
  X(li) X(addi) X(addi_acc) X(addiw) X(addiw_acc) X(add) X(addw) X(andi) X(andi_acc)
#define INTERP_BRS(X, h) X(h, beq) X(h, bne) X(h, blt) X(h, bge) X(h, bltu) X(h, bgeu)

/* Handler numbers: one per row of the table (the same number as its OP_*), then the special
 * forms the predecoder splits out. The dispatcher's switch over this enum has no default, so
 * with -Wall -Werror a row without a handler does not compile in the switch build, and the
 * label table does not compile in the computed-goto build. */
enum interp_hid {
  H_illegal = OP_illegal,
#define INTERP_HID(id, mn, match, mask, fmt, args, flags) H_##id = OP_##id,
  ISA_INSNS(INTERP_HID)
#undef INTERP_HID
  H_li = OP_COUNT,  /* addi rd, x0, imm; lui: x[rd] = imm */
  H_mv,             /* addi rd, rs1, 0 */
  H_nop,            /* anything whose destination is x0 and that cannot trap */
  H_j,              /* jal x0, target: no link */
  H_call,           /* jal ra (or t0), target: a call, whose return is predicted */
  H_callr,          /* jalr ra (or t0), imm(rs1): an indirect call */
  H_ret,            /* jalr x0, 0(ra or t0): a return */
  H_fetch_fault,    /* the rest of the instruction is on a page we may not execute */
  H_sd_run,         /* rm (>= 2) consecutive sd off the same base register, as one op; the
                       component ops follow it in the block and supply their fields */
  H_ld_run,         /* the same for ld (only the last may overwrite the base register) */
#define INTERP_HID_ACC(id) H_##id##_acc,
  INTERP_ACC_OPS(INTERP_HID_ACC)
#undef INTERP_HID_ACC
#define INTERP_HID_BR2(h, br) H_##h##_##br,
#define INTERP_HID_BR(h) INTERP_BRS(INTERP_HID_BR2, h)
  INTERP_BR_HEADS(INTERP_HID_BR)
#undef INTERP_HID_BR
#undef INTERP_HID_BR2
  H_next_block,     /* the block ended by its size cap or a page boundary: fall through */
};
enum { H_COUNT = H_next_block + 1 };

/* One predecoded instruction. `h` is filled in by the dispatcher (the address of its handler
 * in the computed-goto build); everything else by the predecoder. */
typedef struct interp_op {
  void *h;
  int64_t imm;    /* immediate, with pc-relative forms resolved: auipc value, branch/jal target;
                     for CSR ops, the CSR number in the low 12 bits and, above them, how many
                     ops of the block are not yet retired when this one runs (for instret) */
  uint64_t pc;    /* guest address of the instruction */
  uint8_t rd;     /* integer destination x0 is already CPU_XSINK */
  uint8_t rs1, rs2, rs3;
  uint8_t rm;     /* rounding mode field, or aq/rl for atomics */
  uint8_t len;    /* 2 or 4 */
  uint16_t hid;   /* enum interp_hid */
} interp_op;
_Static_assert(sizeof(interp_op) == 32, "interp_op must stay 32 bytes");

#define INTERP_MAX_OPS 128  /* longest block, in instructions */

typedef struct interp_block {
  uint64_t pc;                    /* guest address of the first instruction */
  uint64_t end;                   /* guest address after the last byte decoded */
  struct interp_block *hash_next; /* bucket chain */
  /* Chaining: succ[0] is the block at the taken target of the terminating branch or jal (or
   * the last target seen by a jalr, checked against its pc), succ[1] the fall-through block
   * (for a call, the block it returns to, checked against its pc). NULL until the dispatcher
   * has looked them up once. Shared by every thread: read and written as whole pointers
   * (INTERP_LOAD / INTERP_STORE). Every block is dropped in the same flush, so these never
   * point to freed memory. */
  struct interp_block *succ[2];
  uint32_t n_ops;                 /* ops in ops[] */
  uint32_t n_insns;               /* instructions among them (what instret counts) */
  /* Tiering (profile/, jit/): block entries left before the block is sent to the translator
   * (ENTER calls jit_block_hot when it goes negative), and the translation's executable
   * address, NULL until there is one. */
  int32_t heat;
  void *jit;
  interp_op ops[];
} interp_block;

/* Block pointers other threads may store concurrently (successor slots, the jump cache, hash
 * buckets) are loaded and stored whole; acquire/release so that a block's contents are seen
 * complete by whoever finds a pointer to it. Plain moves on x86-64. */
#define INTERP_LOAD(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define INTERP_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

/* Decodes the block starting at pc into `out` (room for INTERP_MAX_OPS + 1 ops); returns the
 * number of ops, sets *end and *n_insns. Raises the guest SIGSEGV itself when pc cannot be
 * fetched. */
unsigned interp_predecode(rv_cpu *cpu, uint64_t pc, interp_op *out, uint64_t *end,
                          unsigned *n_insns);
/* The most instructions interp_predecode puts in a block for the calling thread: 1..
 * INTERP_MAX_OPS (the default). gdb's stepper (src/gdb/step.c) decodes one at a time. */
extern __thread unsigned interp_predecode_limit;

/* ---- The block cache, shared by every guest thread (the protocol: top of cache.c) ---- */

/* A thread that runs guest code, as the cache sees it. It lives in the thread's dispatcher
 * frame; the cache keeps a list of them to stop them all at a flush. */
typedef struct interp_thread {
  rv_cpu *cpu;
  int state;                  /* INTERP_RUNNING: may hold block pointers; else INTERP_PARKED */
  uint64_t gen;               /* cache generation the thread's block pointers belong to */
  struct interp_thread *next;
} interp_thread;
enum { INTERP_PARKED = 0, INTERP_RUNNING = 1 };

/* Nonzero while a flush is requested or under way (cache.c). */
extern int interp_flush_flag;

/* Adds the calling thread (parked) before it runs guest code; removes it for good. */
void interp_cache_attach(interp_thread *t, rv_cpu *cpu);
void interp_cache_detach(interp_thread *t);
/* In a forked child: self (or NULL) is the only thread left; locks are reset. */
void interp_cache_after_fork(interp_thread *self);
/* The thread holds no block pointer until its next interp_cache_sync (it enters a syscall or
 * a wait): a flush need not wait for it. */
static inline void interp_cache_park(interp_thread *t) {
  __atomic_store_n(&t->state, INTERP_PARKED, __ATOMIC_RELEASE);
}
/* Whether the thread must call interp_cache_sync before it may use block pointers again. */
static inline bool interp_cache_must_sync(const interp_thread *t) {
  return t->state != INTERP_RUNNING || __atomic_load_n(&interp_flush_flag, __ATOMIC_RELAXED);
}
/* At a point where the thread holds no block pointer: carries out a requested flush (stopping
 * every other thread first), or waits for one under way; then marks the thread running.
 * Returns true if the cache was flushed since the thread last synced: its old block pointers
 * (successor slots, return predictions) now dangle. */
bool interp_cache_sync(interp_thread *t);
/* Lock-free lookup by guest pc. */
interp_block *interp_cache_find(uint64_t pc);
/* Notes that code at pc is about to be decoded, so that unmapping or reprotecting its page
 * from now on flushes. Call before reading the guest code. */
void interp_cache_mark(uint64_t pc);
/* Copies n ops (n_insns of them instructions) into a new cached block, or returns the block
 * another thread cached meanwhile for pc. NULL when the arena is full: a flush is then
 * requested; sync and try again. */
interp_block *interp_cache_add(uint64_t pc, uint64_t end, const interp_op *ops, unsigned n,
                               unsigned n_insns);

/* The direct-mapped jump cache in front of the hash table (indirect jumps check it inline). */
#define INTERP_JC_BITS 12
extern interp_block *interp_jcache[1u << INTERP_JC_BITS];
static inline unsigned interp_jc_index(uint64_t pc) {
  return (unsigned)((pc >> 1) ^ (pc >> (INTERP_JC_BITS + 1))) & ((1u << INTERP_JC_BITS) - 1);
}

/* Control and status registers (csr.c). `pending` is how many ops of the current block,
 * counting this one, have not retired yet (cpu->instret already counts the whole block).
 * Both return false when the access is illegal (unknown CSR, write to a read-only one). */
bool interp_csr_read(rv_cpu *cpu, unsigned csr, uint64_t pending, uint64_t *val);
bool interp_csr_write(rv_cpu *cpu, unsigned csr, uint64_t val);
/* Whether the CSR exists and may be written (checked before any side effect). */
bool interp_csr_writable(unsigned csr);

#endif

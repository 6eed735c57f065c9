/* Random instruction units for the differential test: RV64I, M, A, F, D, Zicsr (fcsr only), C,
 * forward branches and small counted loops. Every choice keeps the program deterministic on a
 * correct RV64GC Linux machine: sp never changes (it is the memory base), memory operands stay
 * inside the case's buffer, frm only ever holds a valid rounding mode, no counter CSR is read.
 *
 * Random draws must happen in a fixed order, or the same seed would give another program when
 * the generator is built by another compiler (C leaves the order of evaluating function
 * arguments open). So each statement draws at most once, and operand registers are drawn by
 * emit(), left to right through a template. */
#include <stdio.h>

#include "gen.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(c, a) ((a)[rng_below((c)->rng, NELEM(a))])
#define X(r) diff_xname[r]
#define F(r) diff_fname[r]
#define HALF (BUF_SIZE / 2)

/* Any register but x0, sp, and the ones being kept (c->avoid, c->avoid2). */
static int xany(gen_ctx *c) {
  for (int i = 0; c->nxset && i < 8; i++) {
    int r = c->xset[rng_below(c->rng, (uint64_t)c->nxset)];
    if (r != c->avoid && r != c->avoid2) return r;
  }
  for (;;) {
    int r = (int)rng_range(c->rng, 1, 30);
    r = r >= 2 ? r + 1 : r;
    if (r != c->avoid && r != c->avoid2) return r;
  }
}

/* A destination: any register but sp, x0 now and then (a write to x0 must be dropped). */
static int xrd(gen_ctx *c) { return rng_pct(c->rng, 3) ? 0 : xany(c); }

/* A source: any register, sp and x0 included. */
static int xrs(gen_ctx *c) {
  if (rng_pct(c->rng, 5)) return 0;
  if (rng_pct(c->rng, 3)) return 2;
  if (c->avoid && rng_pct(c->rng, 4)) return c->avoid; /* reading the loop counter is fine */
  return xany(c);
}

/* Registers of the compressed 3-bit fields: x8..x15 / f8..f15. */
static int creg(gen_ctx *c) {
  for (;;) {
    int r = (int)rng_range(c->rng, 8, 15);
    if (r != c->avoid && r != c->avoid2) return r;
  }
}

static int fany(gen_ctx *c) {
  return c->nfset ? c->fset[rng_below(c->rng, (uint64_t)c->nfset)] : (int)rng_below(c->rng, 32);
}

/* An FP source, usually one that was last written with precision p ('s' or 'd'): a double
 * read as a single is just the canonical NaN, so unmatched operands test little. */
static int fsrc(gen_ctx *c, char p) {
  if (rng_pct(c->rng, 85)) {
    for (int i = 0; i < 12; i++) {
      int r = fany(c);
      if (c->ftype[r] == p) return r;
    }
  }
  return fany(c);
}

static const char *const rm_names[] = { "rne", "rtz", "rdn", "rup", "rmm", "", "", "dyn" };
static int rm_pick(gen_ctx *c) { return rng_pct(c->rng, 35) ? 7 : (int)rng_below(c->rng, 5); }

/* Appends one line from a template, drawing operands left to right:
 *   @d integer destination   @s integer source   @b address register (not x0, sp, counter)
 *   @c x8..x15               @F FP destination of precision c->prec (recorded)
 *   @f FP source of c->prec  @g FP source of the other precision
 *   @E f8..f15 destination (a double)  @e f8..f15 source   @m rounding mode */
static void emit(gen_ctx *c, sbuf *o, const char *t) {
  sb_printf(o, "\t");
  for (; *t; t++) {
    if (*t != '@') {
      sb_printf(o, "%c", *t);
      continue;
    }
    int r;
    switch (*++t) {
    case 'd': sb_printf(o, "%s", X(xrd(c))); break;
    case 's': sb_printf(o, "%s", X(xrs(c))); break;
    case 'b': sb_printf(o, "%s", X(xany(c))); break;
    case 'c': sb_printf(o, "%s", X(creg(c))); break;
    case 'F':
      r = fany(c);
      c->ftype[r] = c->prec;
      sb_printf(o, "%s", F(r));
      break;
    case 'f': sb_printf(o, "%s", F(fsrc(c, c->prec))); break;
    case 'g': sb_printf(o, "%s", F(fsrc(c, c->prec == 's' ? 'd' : 's'))); break;
    case 'E':
      r = creg(c);
      c->ftype[r] = 'd';
      sb_printf(o, "%s", F(r));
      break;
    case 'e': sb_printf(o, "%s", F(creg(c))); break;
    case 'm': sb_printf(o, "%s", rm_names[rm_pick(c)]); break;
    default: sb_printf(o, "@%c", *t);
    }
  }
  sb_printf(o, "\n");
}

/* emit() of a printf-formatted template. The arguments must not draw random numbers. */
static void emitf(gen_ctx *c, sbuf *o, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void emitf(gen_ctx *c, sbuf *o, const char *fmt, ...) {
  char t[160];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t, sizeof t, fmt, ap);
  va_end(ap);
  emit(c, o, t);
}

static int64_t imm12(gen_ctx *c) {
  static const int64_t edge[] = { -2048, 2047, -1, 0, 1, 0x7ff, -0x800 + 1, 31, 32, 63, 64 };
  unsigned k = (unsigned)rng_below(c->rng, 10);
  if (k < 4) return rng_range(c->rng, -16, 16);
  if (k < 8) return rng_range(c->rng, -2048, 2047);
  return PICK(c, edge);
}

static uint64_t imm20(gen_ctx *c) {
  static const uint64_t edge[] = { 0, 1, 0x7ffff, 0x80000, 0xfffff, 0x80001, 0x7fffe };
  return rng_pct(c->rng, 30) ? PICK(c, edge) : rng_below(c->rng, 1u << 20);
}

static void int_alu(gen_ctx *c, sbuf *o) {
  static const char *const rr[] = {
    "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
    "addw", "subw", "sllw", "srlw", "sraw",
  };
  static const char *const ri[] = { "addi", "slti", "sltiu", "xori", "ori", "andi", "addiw" };
  static const char *const sh[] = { "slli", "srli", "srai" };
  static const char *const shw[] = { "slliw", "srliw", "sraiw" };
  static const char *const up[] = { "lui", "auipc" };
  const char *op;
  switch (rng_below(c->rng, 8)) {
  case 0: case 1: case 2:
    op = PICK(c, rr);
    emitf(c, o, "%s @d, @s, @s", op);
    break;
  case 3: case 4: {
    op = PICK(c, ri);
    long long imm = imm12(c);
    emitf(c, o, "%s @d, @s, %lld", op, imm);
    break;
  }
  case 5: {
    op = PICK(c, sh);
    unsigned sa = (unsigned)rng_below(c->rng, 64);
    emitf(c, o, "%s @d, @s, %u", op, sa);
    break;
  }
  case 6: {
    op = PICK(c, shw);
    unsigned sa = (unsigned)rng_below(c->rng, 32);
    emitf(c, o, "%s @d, @s, %u", op, sa);
    break;
  }
  default:
    if (rng_pct(c->rng, 60)) {
      op = PICK(c, up);
      unsigned long long imm = imm20(c);
      emitf(c, o, "%s @d, 0x%llx", op, imm);
    } else { /* li: the assembler's lui/addi(w)/slli sequences */
      unsigned long long v = gen_xval(c->rng);
      emitf(c, o, "li @d, 0x%llx", v);
    }
  }
}

static void int_mul(gen_ctx *c, sbuf *o) {
  static const char *const ops[] = {
    "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
    "mulw", "divw", "divuw", "remw", "remuw",
  };
  const char *op = PICK(c, ops);
  emitf(c, o, "%s @d, @s, @s", op);
}

/* An offset in the buffer (relative to sp) for an access of `size` bytes, usually aligned. */
static int64_t buf_off(gen_ctx *c, int size, int may_misalign) {
  if (may_misalign && rng_pct(c->rng, 15)) return rng_range(c->rng, -HALF, HALF - size);
  return rng_range(c->rng, -HALF / size, (HALF - size) / size) * size;
}

static void load_store(gen_ctx *c, sbuf *o) {
  static const struct { const char *op, *data; int size; char prec; } ops[] = {
    { "lb", "@d", 1, 0 }, { "lh", "@d", 2, 0 }, { "lw", "@d", 4, 0 }, { "ld", "@d", 8, 0 },
    { "lbu", "@d", 1, 0 }, { "lhu", "@d", 2, 0 }, { "lwu", "@d", 4, 0 },
    { "sb", "@s", 1, 0 }, { "sh", "@s", 2, 0 }, { "sw", "@s", 4, 0 }, { "sd", "@s", 8, 0 },
    { "flw", "@F", 4, 's' }, { "fld", "@F", 8, 'd' }, { "fsw", "@f", 4, 's' },
    { "fsd", "@f", 8, 'd' },
  };
  int k = (int)rng_below(c->rng, NELEM(ops));
  c->prec = ops[k].prec;
  long long a = buf_off(c, ops[k].size, 1);
  if (rng_pct(c->rng, 35)) {
    emitf(c, o, "%s %s, %lld(sp)", ops[k].op, ops[k].data, a);
    return;
  }
  int b = xany(c);
  long long base = rng_range(c->rng, -HALF, HALF);
  sb_printf(o, "\taddi %s, sp, %lld\n", X(b), base);
  const char *data = ops[k].data;
  if (data[1] == 's' && rng_pct(c->rng, 20)) data = X(b); /* store the pointer itself */
  emitf(c, o, "%s %s, %lld(%s)", ops[k].op, data, a - base, X(b));
}

static void compressed_alu(gen_ctx *c, sbuf *o) {
  static const char *const ca[] = { "c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw" };
  static const char *const sh[] = { "c.srli", "c.srai" };
  /* rd is never x0 or sp here: those encodings are hints or other instructions. */
  long long imm = rng_range(c->rng, -32, 31);
  switch (rng_below(c->rng, 13)) {
  case 0: emitf(c, o, "c.addi @b, %lld", imm ? imm : 1); break;
  case 1: emitf(c, o, "c.addiw @b, %lld", imm); break;
  case 2: emitf(c, o, "c.li @b, %lld", imm); break;
  case 3: emitf(c, o, "c.lui @b, 0x%llx", imm > 0 ? imm : imm < 0 ? 0x100000 + imm : 1); break;
  case 4: {
    const char *op = PICK(c, sh);
    emitf(c, o, "%s @c, %lld", op, imm + 32 ? imm + 32 : 1);
    break;
  }
  case 5: emitf(c, o, "c.andi @c, %lld", imm); break;
  case 6: {
    const char *op = PICK(c, ca);
    emitf(c, o, "%s @c, @c", op);
    break;
  }
  case 7: emitf(c, o, "c.slli @b, %lld", imm + 32 ? imm + 32 : 1); break;
  case 8: emit(c, o, rng_pct(c->rng, 10) ? "c.mv @b, sp" : "c.mv @b, @b"); break;
  case 9: emit(c, o, "c.add @b, @b"); break;
  case 10: emit(c, o, "c.nop"); break;
  case 11: emitf(c, o, "c.addi4spn @c, sp, %lld", (imm + 33) * 4); break;
  default: {
    /* sp moves and comes back: the only place the generated code changes sp. */
    long long n = (imm == -32 ? -31 : imm ? imm : 1) * 16;
    sb_printf(o, "\tc.addi16sp sp, %lld\n", n);
    if (rng_pct(c->rng, 50)) emit(c, o, "c.mv @b, sp");
    sb_printf(o, "\tc.addi16sp sp, %lld\n", -n);
  }
  }
}

static void compressed_mem(gen_ctx *c, sbuf *o) {
  static const struct { const char *op, *data; int size, sp; } ops[] = {
    { "c.lw", "@c", 4, 0 }, { "c.ld", "@c", 8, 0 }, { "c.sw", "@c", 4, 0 },
    { "c.sd", "@c", 8, 0 }, { "c.fld", "@E", 8, 0 }, { "c.fsd", "@e", 8, 0 },
    { "c.lwsp", "@b", 4, 1 }, { "c.ldsp", "@b", 8, 1 }, { "c.fldsp", "@F", 8, 1 },
    { "c.swsp", "@s", 4, 1 }, { "c.sdsp", "@s", 8, 1 }, { "c.fsdsp", "@f", 8, 1 },
  };
  int k = (int)rng_below(c->rng, NELEM(ops));
  int size = ops[k].size;
  c->prec = 'd';
  if (ops[k].sp) {
    /* Offsets are unsigned and scaled: stay in the upper half of the buffer. */
    long long off = rng_range(c->rng, 0, (HALF - size) / size) * size;
    emitf(c, o, "%s %s, %lld(sp)", ops[k].op, ops[k].data, off);
    return;
  }
  int b = creg(c);
  long long off = rng_range(c->rng, 0, 31) * size;
  long long a = buf_off(c, size, 0);
  sb_printf(o, "\taddi %s, sp, %lld\n", X(b), a - off);
  emitf(c, o, "%s %s, %lld(%s)", ops[k].op, ops[k].data, off, X(b));
}

static const char *const aqrl[] = { "", ".aq", ".rl", ".aqrl" };

static void atomic(gen_ctx *c, sbuf *o) {
  static const char *const ops[] = {
    "amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu",
  };
  int size = rng_pct(c->rng, 50) ? 4 : 8;
  const char *w = size == 4 ? "w" : "d";
  int b = xany(c);
  long long a = buf_off(c, size, 0);
  sb_printf(o, "\taddi %s, sp, %lld\n", X(b), a);
  const char *order = PICK(c, aqrl);
  if (rng_pct(c->rng, 70)) {
    const char *op = PICK(c, ops);
    emitf(c, o, "%s.%s%s @d, @s, (%s)", op, w, order, X(b));
    return;
  }
  if (rng_pct(c->rng, 15)) {
    /* No reservation is held here (every LR below is paired), so this SC must fail. */
    emitf(c, o, "sc.%s%s @d, @s, (%s)", w, order, X(b));
    return;
  }
  /* LR, a few ALU instructions that leave the address alone, SC to the same address. */
  c->avoid2 = b;
  emitf(c, o, "lr.%s%s @b, (%s)", w, order, X(b));
  for (int n = (int)rng_below(c->rng, 3); n > 0; n--)
    emit(c, o, rng_pct(c->rng, 50) ? "add @b, @s, @s" : "xor @b, @s, @s");
  c->avoid2 = 0;
  order = PICK(c, aqrl);
  emitf(c, o, "sc.%s%s @d, @s, (%s)", w, order, X(b));
}

static void fp_arith(gen_ctx *c, sbuf *o) {
  static const char *const op2[] = { "fadd", "fsub", "fmul", "fdiv" };
  static const char *const op3[] = { "fmadd", "fmsub", "fnmsub", "fnmadd" };
  static const char *const opn[] = { "fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax" };
  c->prec = rng_pct(c->rng, 50) ? 's' : 'd';
  const char *op;
  switch (rng_below(c->rng, 9)) {
  case 0: case 1: case 2:
    op = PICK(c, op2);
    emitf(c, o, "%s.%c @F, @f, @f, @m", op, c->prec);
    break;
  case 3: emitf(c, o, "fsqrt.%c @F, @f, @m", c->prec); break;
  case 4: case 5:
    op = PICK(c, op3);
    emitf(c, o, "%s.%c @F, @f, @f, @f, @m", op, c->prec);
    break;
  default:
    op = PICK(c, opn);
    emitf(c, o, "%s.%c @F, @f, @f", op, c->prec);
  }
}

static void fp_other(gen_ctx *c, sbuf *o) {
  static const char *const cmp[] = { "feq", "flt", "fle" };
  static const char *const ity[] = { "w", "wu", "l", "lu" };
  c->prec = rng_pct(c->rng, 50) ? 's' : 'd';
  char p = c->prec, w = p == 's' ? 'w' : 'd';
  const char *t;
  switch (rng_below(c->rng, 8)) {
  case 0:
    t = PICK(c, cmp);
    emitf(c, o, "%s.%c @d, @f, @f", t, p);
    break;
  case 1: emitf(c, o, "fclass.%c @d, @f", p); break;
  case 2:
    if (rng_pct(c->rng, 50)) emitf(c, o, "fmv.x.%c @d, @f", w);
    else emitf(c, o, "fmv.%c.x @F, @s", w);
    break;
  case 3: case 4:
    t = PICK(c, ity);
    emitf(c, o, "fcvt.%s.%c @d, @f, @m", t, p);
    break;
  case 5: case 6: {
    t = PICK(c, ity);
    if (p == 'd' && t[0] == 'w') {
      /* Exact conversions: binutils refuses a rounding mode on them, the ISA allows one. */
      if (rng_pct(c->rng, 50)) {
        emitf(c, o, "fcvt.d.%s @F, @s", t);
      } else {
        int rm = rm_pick(c);
        emitf(c, o, ".insn r 0x53, %d, 0x69, @F, @s, %s", rm, t[1] ? "x1" : "x0");
      }
    } else {
      emitf(c, o, "fcvt.%c.%s @F, @s, @m", p, t);
    }
    break;
  }
  default:
    if (p == 's') {
      emit(c, o, "fcvt.s.d @F, @g, @m");
    } else if (rng_pct(c->rng, 50)) {
      emit(c, o, "fcvt.d.s @F, @g");
    } else {
      int rm = rm_pick(c);
      emitf(c, o, ".insn r 0x53, %d, 0x21, @F, @g, f0", rm);
    }
  }
}

/* fcsr accesses. frm must stay 0..4 (5..7 make every dynamic-rounding instruction illegal):
 * values for frm and fcsr come from li with a legal value, and only clearing set operations
 * touch frm (clearing bits of 0..4 gives 0..4). */
static void fp_csr(gen_ctx *c, sbuf *o) {
  static const char *const rd_forms[] = { "frrm", "frflags", "frcsr" };
  static const char *const fl_ops[] = { "csrrw", "csrrs", "csrrc" };
  static const char *const fm[] = { "frm", "fcsr" };
  const char *op;
  int t;
  unsigned long long v;
  switch (rng_below(c->rng, 9)) {
  case 0:
    op = PICK(c, rd_forms);
    emitf(c, o, "%s @d", op);
    break;
  case 1:
    v = rng_below(c->rng, 5);
    emitf(c, o, "fsrmi @d, %llu", v);
    break;
  case 2:
    v = rng_below(c->rng, 32);
    emitf(c, o, "fsflagsi @d, %llu", v);
    break;
  case 3: /* any value: only the low 5 bits reach fflags */
    op = PICK(c, fl_ops);
    emitf(c, o, "%s @d, fflags, @s", op);
    break;
  case 4:
    op = PICK(c, fl_ops);
    v = rng_below(c->rng, 32);
    emitf(c, o, "%si @d, fflags, %llu", op, v);
    break;
  case 5:
    t = xany(c);
    v = rng_below(c->rng, 5);
    if (rng_pct(c->rng, 15)) v |= rng_next(c->rng) << 3; /* bits above frm are ignored */
    sb_printf(o, "\tli %s, 0x%llx\n", X(t), v);
    emitf(c, o, "fsrm @d, %s", X(t));
    break;
  case 6:
    t = xany(c);
    v = gen_fcsr(c->rng);
    if (rng_pct(c->rng, 15)) v |= rng_next(c->rng) << 8; /* reserved bits read as zero */
    sb_printf(o, "\tli %s, 0x%llx\n", X(t), v);
    emitf(c, o, "fscsr @d, %s", X(t));
    break;
  case 7:
    op = PICK(c, fm);
    emitf(c, o, "csrrc @d, %s, @s", op);
    break;
  default:
    if (rng_pct(c->rng, 50)) {
      v = rng_below(c->rng, 32);
      emitf(c, o, "csrrci @d, frm, %llu", v);
    } else {
      t = xany(c);
      v = rng_below(c->rng, 32);
      sb_printf(o, "\tli %s, %llu\n", X(t), v);
      emitf(c, o, "csrrs @d, fcsr, %s", X(t));
    }
  }
}

static void fence(gen_ctx *c, sbuf *o) {
  static const char *const f[] = { "fence", "fence rw, rw", "fence r, r", "fence w, w",
                                   "fence.tso", "fence iorw, iorw", "fence.i" };
  const char *op = PICK(c, f);
  sb_printf(o, "\t%s\n", op);
}

/* A forward branch or jump over 1..5 units; the condition decides at run time. One numeric
 * label serves all of them: they never nest, so "1f" is always the next "1:". */
static void branch(gen_ctx *c, sbuf *o, int depth) {
  static const char *const cond[] = { "beq", "bne", "blt", "bge", "bltu", "bgeu" };
  static const char *const z[] = { "beqz", "bnez" }, *const cz[] = { "c.beqz", "c.bnez" };
  static const char *const j[] = { "j 1f", "c.j 1f" }, *const jr[] = { "c.jr", "c.jalr" };
  const char *op;
  int t;
  switch (rng_below(c->rng, 10)) {
  case 0: case 1: case 2:
    op = PICK(c, cond);
    emitf(c, o, "%s @s, @s, 1f", op);
    break;
  case 3:
    op = PICK(c, z);
    emitf(c, o, "%s @s, 1f", op);
    break;
  case 4:
    op = PICK(c, cz);
    emitf(c, o, "%s @c, 1f", op);
    break;
  case 5:
    op = PICK(c, j);
    emit(c, o, op);
    break;
  case 6: case 7: emit(c, o, "jal @d, 1f"); break;
  case 8:
    t = xany(c);
    sb_printf(o, "\tlla %s, 1f\n", X(t));
    emitf(c, o, "jalr @d, 0(%s)", X(t));
    break;
  default:
    t = xany(c);
    op = PICK(c, jr);
    sb_printf(o, "\tlla %s, 1f\n\t%s %s\n", X(t), op, X(t));
  }
  for (int n = (int)rng_range(c->rng, 1, 5); n > 0; n--) gen_unit(c, o, depth + 1);
  sb_printf(o, "1:\n");
}

/* A counted loop: 1..4 iterations of 1..4 units that leave the counter alone, closed by a
 * backward branch (re-executes code and enters it in the middle of what was a block). */
static void loop(gen_ctx *c, sbuf *o, int depth) {
  int r = xany(c);
  int iters = (int)rng_range(c->rng, 1, 4);
  sb_printf(o, "\tli %s, %d\n2:\n", X(r), iters);
  c->avoid = r;
  for (int n = (int)rng_range(c->rng, 1, 4); n > 0; n--) gen_unit(c, o, depth + 1);
  c->avoid = 0;
  sb_printf(o, "\taddi %s, %s, -1\n\tbnez %s, 2b\n", X(r), X(r), X(r));
}

void gen_unit(gen_ctx *c, sbuf *o, int depth) {
  /* Weights per kind, out of 100 (a sweep: 3 in 100 at the top level). */
  unsigned k = (unsigned)rng_below(c->rng, 1000);
  if (depth == 0 && k < 30) {
    gen_sweep(c, o);
    return;
  }
  k = k / 10;
  if (k < 20) int_alu(c, o);
  else if (k < 29) int_mul(c, o);
  else if (k < 41) load_store(c, o);
  else if (k < 49) compressed_alu(c, o);
  else if (k < 54) compressed_mem(c, o);
  else if (k < 60) atomic(c, o);
  else if (k < 76) fp_arith(c, o);
  else if (k < 87) fp_other(c, o);
  else if (k < 92) fp_csr(c, o);
  else if (k < 93) fence(c, o);
  else if (depth == 0 && k < 97) branch(c, o, depth);
  else if (depth == 0) loop(c, o, depth);
  else int_alu(c, o);
}

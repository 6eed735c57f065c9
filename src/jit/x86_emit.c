/* x86-64 emitter: one general encoder (prefixes, REX, opcode, ModRM, SIB, displacement) and
 * the instruction forms built on it. Nothing here knows about RISC-V. */
#include "jit/x86_emit.h"

#include <string.h>

/* The r/m operand of an instruction: a register or a memory operand. */
typedef struct rm_op {
  bool is_mem;
  int reg;
  x86_mem m;
} rm_op;

static rm_op R(int r) { return (rm_op){ .is_mem = false, .reg = r }; }
static rm_op M(x86_mem m) { return (rm_op){ .is_mem = true, .m = m }; }

void x86_byte(x86_buf *b, uint8_t v) {
  if (b->p < b->end)
    *b->p++ = v;
  else
    b->overflow = true;
}

void x86_u32(x86_buf *b, uint32_t v) {
  for (int i = 0; i < 4; i++)
    x86_byte(b, (uint8_t)(v >> (8 * i)));
}

static void u64(x86_buf *b, uint64_t v) {
  x86_u32(b, (uint32_t)v);
  x86_u32(b, (uint32_t)(v >> 32));
}

static bool fits8(int64_t v) { return v >= -128 && v <= 127; }

/* Whether an 8-bit use of register r needs a REX prefix (spl, bpl, sil, dil rather than
 * ah, ch, dh, bh). */
static bool byte_rex(int w, int r) { return w == 8 && r >= 4 && r < 8; }

/* Emits: [pfx] [66 for 16-bit] [REX] opcode ModRM [SIB] [disp]. reg is a register number or
 * a /digit; w selects REX.W (64) or 66 (16); rex8 forces a REX (byte registers 4..7). */
static void enc(x86_buf *b, uint8_t pfx, int w, bool rex8, const uint8_t *opc, int nopc,
                int reg, rm_op rm) {
  if (w == 16)
    x86_byte(b, 0x66);
  if (pfx)
    x86_byte(b, pfx);
  unsigned rex = 0;
  if (w == 64)
    rex |= 8;
  if (reg & 8)
    rex |= 4;
  if (rm.is_mem) {
    if (rm.m.index >= 0 && (rm.m.index & 8))
      rex |= 2;
    if (rm.m.base >= 0 && (rm.m.base & 8))
      rex |= 1;
  } else if (rm.reg & 8) {
    rex |= 1;
  }
  if (rex || rex8)
    x86_byte(b, (uint8_t)(0x40 | rex));
  for (int i = 0; i < nopc; i++)
    x86_byte(b, opc[i]);
  unsigned r3 = (unsigned)reg & 7;
  if (!rm.is_mem) {
    x86_byte(b, (uint8_t)(0xc0 | r3 << 3 | ((unsigned)rm.reg & 7)));
    return;
  }
  x86_mem m = rm.m;
  if (m.base == X86_RIP) {
    x86_byte(b, (uint8_t)(0x05 | r3 << 3));
    x86_u32(b, (uint32_t)m.disp);
    return;
  }
  unsigned ss = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
  unsigned idx = m.index >= 0 ? (unsigned)m.index & 7 : 4;
  if (m.base == X86_NOREG) {
    x86_byte(b, (uint8_t)(0x04 | r3 << 3));
    x86_byte(b, (uint8_t)(ss << 6 | idx << 3 | 5));
    x86_u32(b, (uint32_t)m.disp);
    return;
  }
  unsigned base = (unsigned)m.base & 7;
  unsigned mod = (m.disp == 0 && base != 5) ? 0 : fits8(m.disp) ? 1 : 2;
  bool sib = m.index >= 0 || base == 4;
  x86_byte(b, (uint8_t)(mod << 6 | r3 << 3 | (sib ? 4 : base)));
  if (sib)
    x86_byte(b, (uint8_t)(ss << 6 | idx << 3 | base));
  if (mod == 1)
    x86_byte(b, (uint8_t)m.disp);
  else if (mod == 2)
    x86_u32(b, (uint32_t)m.disp);
}

/* One-byte opcode with the 8-bit form at op and the wider one at op + 1. */
static void enc_w(x86_buf *b, int w, uint8_t op8, int reg, rm_op rm) {
  uint8_t op = w == 8 ? op8 : (uint8_t)(op8 + 1);
  bool rex8 = byte_rex(w, reg) || (!rm.is_mem && byte_rex(w, rm.reg));
  enc(b, 0, w, rex8, &op, 1, reg, rm);
}

static void imm_w(x86_buf *b, int w, int32_t imm) {
  if (w == 8)
    x86_byte(b, (uint8_t)imm);
  else if (w == 16) {
    x86_byte(b, (uint8_t)imm);
    x86_byte(b, (uint8_t)(imm >> 8));
  } else
    x86_u32(b, (uint32_t)imm);
}

void x86_mov_rr(x86_buf *b, int w, int dst, int src) { enc_w(b, w, 0x88, src, R(dst)); }

void x86_mov_ri64(x86_buf *b, int dst, uint64_t imm) {
  x86_byte(b, (uint8_t)(0x48 | (dst >> 3 & 1)));
  x86_byte(b, (uint8_t)(0xb8 + (dst & 7)));
  u64(b, imm);
}

void x86_mov_ri(x86_buf *b, int dst, uint64_t imm) {
  if (imm <= UINT32_MAX) {          /* mov r32, imm32 zero-extends */
    if (dst & 8)
      x86_byte(b, 0x41);
    x86_byte(b, (uint8_t)(0xb8 + (dst & 7)));
    x86_u32(b, (uint32_t)imm);
  } else if ((int64_t)imm == (int32_t)imm) {   /* mov r64, simm32 */
    static const uint8_t op = 0xc7;
    enc(b, 0, 64, false, &op, 1, 0, R(dst));
    x86_u32(b, (uint32_t)imm);
  } else {
    x86_mov_ri64(b, dst, imm);
  }
}

void x86_load(x86_buf *b, int w, int dst, x86_mem m) { enc_w(b, w, 0x8a, dst, M(m)); }
void x86_store(x86_buf *b, int w, x86_mem m, int src) { enc_w(b, w, 0x88, src, M(m)); }

void x86_store_imm(x86_buf *b, int w, x86_mem m, int32_t imm) {
  enc_w(b, w, 0xc6, 0, M(m));
  imm_w(b, w, imm);
}

static void movx(x86_buf *b, uint8_t op, int dw, int sw, int dst, rm_op rm) {
  if (sw == 32) {   /* movsxd */
    static const uint8_t o = 0x63;
    enc(b, 0, 64, false, &o, 1, dst, rm);
    return;
  }
  uint8_t opc[2] = { 0x0f, (uint8_t)(op + (sw == 16)) };
  bool rex8 = sw == 8 && !rm.is_mem && byte_rex(8, rm.reg);
  enc(b, 0, dw, rex8, opc, 2, dst, rm);
}

void x86_movzx_rr(x86_buf *b, int dw, int sw, int dst, int src) { movx(b, 0xb6, dw, sw, dst, R(src)); }
void x86_movsx_rr(x86_buf *b, int dw, int sw, int dst, int src) { movx(b, 0xbe, dw, sw, dst, R(src)); }
void x86_movzx_rm(x86_buf *b, int dw, int sw, int dst, x86_mem m) { movx(b, 0xb6, dw, sw, dst, M(m)); }
void x86_movsx_rm(x86_buf *b, int dw, int sw, int dst, x86_mem m) { movx(b, 0xbe, dw, sw, dst, M(m)); }

void x86_lea(x86_buf *b, int w, int dst, x86_mem m) {
  static const uint8_t op = 0x8d;
  enc(b, 0, w, false, &op, 1, dst, M(m));
}

void x86_alu_rr(x86_buf *b, enum x86_alu op, int w, int dst, int src) {
  enc_w(b, w, (uint8_t)(op * 8), src, R(dst));
}

void x86_alu_rm(x86_buf *b, enum x86_alu op, int w, int dst, x86_mem m) {
  enc_w(b, w, (uint8_t)(op * 8 + 2), dst, M(m));
}

void x86_alu_mr(x86_buf *b, enum x86_alu op, int w, x86_mem m, int src) {
  enc_w(b, w, (uint8_t)(op * 8), src, M(m));
}

static void alu_imm(x86_buf *b, enum x86_alu op, int w, rm_op rm, int32_t imm) {
  if (w == 8) {
    enc_w(b, 8, 0x80, (int)op, rm);
    x86_byte(b, (uint8_t)imm);
  } else if (fits8(imm)) {
    static const uint8_t o = 0x83;
    enc(b, 0, w, false, &o, 1, (int)op, rm);
    x86_byte(b, (uint8_t)imm);
  } else {
    static const uint8_t o = 0x81;
    enc(b, 0, w, false, &o, 1, (int)op, rm);
    imm_w(b, w, imm);
  }
}

void x86_alu_ri(x86_buf *b, enum x86_alu op, int w, int dst, int32_t imm) { alu_imm(b, op, w, R(dst), imm); }
void x86_alu_mi(x86_buf *b, enum x86_alu op, int w, x86_mem m, int32_t imm) { alu_imm(b, op, w, M(m), imm); }

void x86_test_rr(x86_buf *b, int w, int a, int c) { enc_w(b, w, 0x84, c, R(a)); }

void x86_test_ri(x86_buf *b, int w, int r, int32_t imm) {
  enc_w(b, w, 0xf6, 0, R(r));
  imm_w(b, w, imm);
}

void x86_shift_cl(x86_buf *b, enum x86_shift op, int w, int r) { enc_w(b, w, 0xd2, (int)op, R(r)); }

void x86_shift_ri(x86_buf *b, enum x86_shift op, int w, int r, uint8_t imm) {
  enc_w(b, w, 0xc0, (int)op, R(r));
  x86_byte(b, imm);
}

void x86_imul_rr(x86_buf *b, int w, int dst, int src) {
  static const uint8_t op[2] = { 0x0f, 0xaf };
  enc(b, 0, w, false, op, 2, dst, R(src));
}

void x86_imul_rm(x86_buf *b, int w, int dst, x86_mem m) {
  static const uint8_t op[2] = { 0x0f, 0xaf };
  enc(b, 0, w, false, op, 2, dst, M(m));
}

void x86_unary(x86_buf *b, enum x86_unop op, int w, int r) { enc_w(b, w, 0xf6, (int)op, R(r)); }

void x86_cqo(x86_buf *b) {
  x86_byte(b, 0x48);
  x86_byte(b, 0x99);
}

void x86_cdq(x86_buf *b) { x86_byte(b, 0x99); }

void x86_setcc(x86_buf *b, enum x86_cc cc, int r) {
  uint8_t op[2] = { 0x0f, (uint8_t)(0x90 + cc) };
  enc(b, 0, 8, byte_rex(8, r), op, 2, 0, R(r));
}

void x86_cmov_rr(x86_buf *b, enum x86_cc cc, int w, int dst, int src) {
  uint8_t op[2] = { 0x0f, (uint8_t)(0x40 + cc) };
  enc(b, 0, w, false, op, 2, dst, R(src));
}

bool x86_rel32_ok(const uint8_t *from, const uint8_t *target) {
  int64_t d = (int64_t)((intptr_t)target - (intptr_t)from);
  return d == (int32_t)d;
}

void x86_patch_rel32(uint8_t *disp, const uint8_t *target) {
  int32_t d = (int32_t)((intptr_t)target - (intptr_t)(disp + 4));
  memcpy(disp, &d, 4);
}

void x86_patch_rel8(uint8_t *disp, const uint8_t *target) {
  *disp = (uint8_t)(int8_t)((intptr_t)target - (intptr_t)(disp + 1));
}

/* Appends a rel32 displacement to target (or 0 when target is NULL); returns its address. */
static uint8_t *rel32(x86_buf *b, const uint8_t *target) {
  uint8_t *d = b->p;
  x86_u32(b, 0);
  if (target && !b->overflow)
    x86_patch_rel32(d, target);
  return d;
}

static uint8_t *rel8(x86_buf *b, const uint8_t *target) {
  uint8_t *d = b->p;
  x86_byte(b, 0);
  if (target && !b->overflow)
    x86_patch_rel8(d, target);
  return d;
}

uint8_t *x86_jcc(x86_buf *b, enum x86_cc cc, const uint8_t *target) {
  x86_byte(b, 0x0f);
  x86_byte(b, (uint8_t)(0x80 + cc));
  return rel32(b, target);
}

uint8_t *x86_jcc8(x86_buf *b, enum x86_cc cc, const uint8_t *target) {
  x86_byte(b, (uint8_t)(0x70 + cc));
  return rel8(b, target);
}

uint8_t *x86_jmp(x86_buf *b, const uint8_t *target) {
  x86_byte(b, 0xe9);
  return rel32(b, target);
}

uint8_t *x86_jmp8(x86_buf *b, const uint8_t *target) {
  x86_byte(b, 0xeb);
  return rel8(b, target);
}

uint8_t *x86_call(x86_buf *b, const uint8_t *target) {
  x86_byte(b, 0xe8);
  return rel32(b, target);
}

/* ff /4 jmp, ff /2 call: no REX.W needed (64-bit by default). */
static void ff_group(x86_buf *b, int digit, rm_op rm) {
  static const uint8_t op = 0xff;
  enc(b, 0, 32, false, &op, 1, digit, rm);
}

void x86_jmp_r(x86_buf *b, int r) { ff_group(b, 4, R(r)); }
void x86_call_r(x86_buf *b, int r) { ff_group(b, 2, R(r)); }
void x86_jmp_m(x86_buf *b, x86_mem m) { ff_group(b, 4, M(m)); }
void x86_call_m(x86_buf *b, x86_mem m) { ff_group(b, 2, M(m)); }

void x86_push(x86_buf *b, int r) {
  if (r & 8)
    x86_byte(b, 0x41);
  x86_byte(b, (uint8_t)(0x50 + (r & 7)));
}

void x86_pop(x86_buf *b, int r) {
  if (r & 8)
    x86_byte(b, 0x41);
  x86_byte(b, (uint8_t)(0x58 + (r & 7)));
}

void x86_ret(x86_buf *b) { x86_byte(b, 0xc3); }

void x86_ret_imm(x86_buf *b, uint16_t n) {
  x86_byte(b, 0xc2);
  x86_byte(b, (uint8_t)n);
  x86_byte(b, (uint8_t)(n >> 8));
}

void x86_push_imm(x86_buf *b, int32_t imm) {
  x86_byte(b, 0x68);
  x86_u32(b, (uint32_t)imm);
}

void x86_ud2(x86_buf *b) {
  x86_byte(b, 0x0f);
  x86_byte(b, 0x0b);
}

void x86_nop(x86_buf *b, unsigned n) {
  /* The recommended multi-byte nops, longest first. */
  static const uint8_t nops[9][9] = {
    { 0 }, { 0x90 }, { 0x66, 0x90 }, { 0x0f, 0x1f, 0x00 }, { 0x0f, 0x1f, 0x40, 0x00 },
    { 0x0f, 0x1f, 0x44, 0x00, 0x00 }, { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
  };
  while (n > 0) {
    unsigned k = n > 8 ? 8 : n;
    for (unsigned i = 0; i < k; i++)
      x86_byte(b, nops[k][i]);
    n -= k;
  }
}

/* SSE scalar: mandatory prefix (f2 sd / f3 ss; 66 / none for the comis family), 0f op. */
static uint8_t sse_pfx(bool dbl, uint8_t op) {
  if (op == 0x2e || op == 0x2f)
    return dbl ? 0x66 : 0;
  return dbl ? 0xf2 : 0xf3;
}

void x86_sse_rr(x86_buf *b, bool dbl, uint8_t op, int xdst, int xsrc) {
  uint8_t opc[2] = { 0x0f, op };
  enc(b, sse_pfx(dbl, op), 32, false, opc, 2, xdst, R(xsrc));
}

void x86_sse_rm(x86_buf *b, bool dbl, uint8_t op, int xdst, x86_mem m) {
  uint8_t opc[2] = { 0x0f, op };
  enc(b, sse_pfx(dbl, op), 32, false, opc, 2, xdst, M(m));
}

void x86_movsd_load(x86_buf *b, bool dbl, int xdst, x86_mem m) { x86_sse_rm(b, dbl, 0x10, xdst, m); }

void x86_movsd_store(x86_buf *b, bool dbl, x86_mem m, int xsrc) {
  static const uint8_t opc[2] = { 0x0f, 0x11 };
  enc(b, dbl ? 0xf2 : 0xf3, 32, false, opc, 2, xsrc, M(m));
}

void x86_movq_xr(x86_buf *b, int w, int xdst, int src) {
  static const uint8_t opc[2] = { 0x0f, 0x6e };
  enc(b, 0x66, w == 64 ? 64 : 32, false, opc, 2, xdst, R(src));
}

void x86_movq_rx(x86_buf *b, int w, int dst, int xsrc) {
  static const uint8_t opc[2] = { 0x0f, 0x7e };
  enc(b, 0x66, w == 64 ? 64 : 32, false, opc, 2, xsrc, R(dst));
}

void x86_sse_rr_w(x86_buf *b, bool dbl, uint8_t op, int w, int reg, int rm) {
  uint8_t opc[2] = { 0x0f, op };
  enc(b, sse_pfx(dbl, op), w == 64 ? 64 : 32, false, opc, 2, reg, R(rm));
}

void x86_sse_rm_w(x86_buf *b, bool dbl, uint8_t op, int w, int reg, x86_mem m) {
  uint8_t opc[2] = { 0x0f, op };
  enc(b, sse_pfx(dbl, op), w == 64 ? 64 : 32, false, opc, 2, reg, M(m));
}

void x86_stmxcsr(x86_buf *b, x86_mem m) {
  static const uint8_t opc[2] = { 0x0f, 0xae };
  enc(b, 0, 32, false, opc, 2, 3, M(m));
}

void x86_ldmxcsr(x86_buf *b, x86_mem m) {
  static const uint8_t opc[2] = { 0x0f, 0xae };
  enc(b, 0, 32, false, opc, 2, 2, M(m));
}

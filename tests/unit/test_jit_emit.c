/* Emitter test: every instruction form of src/jit/x86_emit.c, over all registers, widths,
 * edge immediates and memory operands, is decoded with Zydis and compared (mnemonic, each
 * operand, length) with what was asked for. Prints PASS/FAIL lines in the suite format. */
#include <Zydis/Zydis.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jit/x86_emit.h"

static unsigned n_checked, n_failed;
static const char *form;   /* the form being tested, for messages */

static const char *const r64[16] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
  "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
static const char *const r32[16] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
  "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" };
static const char *const r16[16] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
  "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w" };
static const char *const r8[16] = { "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
  "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b" };
static const char *const cc_names[16] = { "o", "no", "b", "nb", "z", "nz", "be", "nbe",
  "s", "ns", "p", "np", "l", "nl", "le", "nle" };
static const char *const alu_names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };

static const char *reg(int w, int r) {
  return w == 64 ? r64[r] : w == 32 ? r32[r] : w == 16 ? r16[r] : r8[r];
}

/* The canonical text of a memory operand of `bits` size (0: size not checked). */
static void mem_text(char *out, size_t cap, int bits, x86_mem m, uint64_t rip_next) {
  char tmp[96];
  size_t n = 0;
  n += (size_t)snprintf(tmp + n, sizeof tmp - n, "m%d[", bits);
  if (m.base == X86_RIP) {   /* Zydis resolves rip-relative operands to an address */
    snprintf(out, cap, "m%d[abs 0x%" PRIx64 "]", bits, rip_next + (uint64_t)(int64_t)m.disp);
    return;
  }
  const char *sep = "";
  if (m.base >= 0) {
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s", r64[m.base]);
    sep = "+";
  }
  if (m.index >= 0) {
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s%s*%u", sep, r64[m.index], m.scale);
    sep = "+";
  }
  if (m.disp || !*sep)
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s%" PRId64, *sep ? "+" : "",
                          (int64_t)m.disp);
  snprintf(tmp + n, sizeof tmp - n, "]");
  snprintf(out, cap, "%s", tmp);
}

/* The same canonical text, from what Zydis decoded. */
static void decoded_text(char *out, size_t cap, const ZydisDisassembledInstruction *in,
                         uint64_t addr) {
  size_t n = (size_t)snprintf(out, cap, "%s", ZydisMnemonicGetString(in->info.mnemonic));
  for (unsigned i = 0; i < in->info.operand_count_visible; i++) {
    const ZydisDecodedOperand *o = &in->operands[i];
    n += (size_t)snprintf(out + n, cap - n, i ? ", " : " ");
    switch (o->type) {
    case ZYDIS_OPERAND_TYPE_REGISTER:
      n += (size_t)snprintf(out + n, cap - n, "%s", ZydisRegisterGetString(o->reg.value));
      break;
    case ZYDIS_OPERAND_TYPE_MEMORY: {
      int bits = in->info.mnemonic == ZYDIS_MNEMONIC_LEA ? 0 : o->size;
      if (o->mem.base == ZYDIS_REGISTER_RIP) {
        n += (size_t)snprintf(out + n, cap - n, "m%d[abs 0x%" PRIx64 "]", bits,
                              addr + in->info.length + (uint64_t)o->mem.disp.value);
        break;
      }
      n += (size_t)snprintf(out + n, cap - n, "m%d[", bits);
      const char *sep = "";
      if (o->mem.base != ZYDIS_REGISTER_NONE) {
        n += (size_t)snprintf(out + n, cap - n, "%s", ZydisRegisterGetString(o->mem.base));
        sep = "+";
      }
      if (o->mem.index != ZYDIS_REGISTER_NONE) {
        n += (size_t)snprintf(out + n, cap - n, "%s%s*%u", sep,
                              ZydisRegisterGetString(o->mem.index), o->mem.scale);
        sep = "+";
      }
      if (o->mem.disp.value || !*sep)
        n += (size_t)snprintf(out + n, cap - n, "%s%" PRId64, *sep ? "+" : "",
                              (int64_t)o->mem.disp.value);
      n += (size_t)snprintf(out + n, cap - n, "]");
      break;
    }
    case ZYDIS_OPERAND_TYPE_IMMEDIATE:
      if (o->imm.is_relative) {
        n += (size_t)snprintf(out + n, cap - n, "->0x%" PRIx64,
                              addr + in->info.length + o->imm.value.u);
      } else {
        uint64_t v = o->imm.value.u;
        unsigned bits = in->info.operand_width;   /* an imm8 is sign-extended to this */
        if (bits < 64)
          v &= (UINT64_C(1) << bits) - 1;
        n += (size_t)snprintf(out + n, cap - n, "0x%" PRIx64, v);
      }
      break;
    default:
      n += (size_t)snprintf(out + n, cap - n, "?");
    }
  }
}

static uint8_t code[64];
static x86_buf buf;

static void start(void) { x86_init(&buf, code, sizeof code); }

/* Checks that what was emitted since start() is one instruction reading as `want`. */
static void check(const char *fmt, ...) {
  char want[160], got[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(want, sizeof want, fmt, ap);
  va_end(ap);
  n_checked++;
  size_t len = x86_size(&buf);
  ZydisDisassembledInstruction in;
  uint64_t addr = (uint64_t)(uintptr_t)code;
  if (!ZYAN_SUCCESS(ZydisDisassembleIntel(ZYDIS_MACHINE_MODE_LONG_64, addr, code, len, &in)))
    snprintf(got, sizeof got, "(undecodable)");
  else if (in.info.length != len)
    snprintf(got, sizeof got, "(decoded %u of %zu bytes)", in.info.length, len);
  else
    decoded_text(got, sizeof got, &in, addr);
  if (strcmp(want, got) != 0 && n_failed++ < 20) {
    printf("FAIL jit-emit-%s: want '%s', got '%s' (bytes", form, want, got);
    for (size_t i = 0; i < len; i++)
      printf(" %02x", code[i]);
    printf(")\n");
  }
}

static const int widths[4] = { 8, 16, 32, 64 };
static const int64_t imms[] = { 0, 1, -1, 2, 127, 128, -128, -129, 255, 256, 0x7fff, -0x8000,
  0x12345678, 0x7fffffff, -0x7fffffff - 1, -2 };
#define N_IMMS (sizeof imms / sizeof imms[0])
static const int32_t disps[] = { 0, 1, -1, 127, 128, -128, -129, 0x7fffffff, -0x7fffffff - 1 };
#define N_DISPS (sizeof disps / sizeof disps[0])

/* Every memory operand shape: each base (and none, and rip), each index (and none), each
 * scale, each edge displacement; f is called once per operand. */
static void each_mem(void (*f)(x86_mem m, uint64_t rip_next_off)) {
  for (int base = -2; base < 16; base++)
    for (int index = -1; index < 16; index++) {
      if (index == X86_RSP || (base == X86_RIP && index >= 0))
        continue;
      for (unsigned s = 1; s <= 8; s *= 2) {
        if (index < 0 && s > 1)
          continue;
        for (unsigned d = 0; d < N_DISPS; d++)
          f(x86_mi(base, index, s, disps[d]), 0);
      }
    }
}

static int cur_w, cur_r;   /* the register/width each_mem callbacks use */

static void mem_forms(x86_mem m, uint64_t unused) {
  (void)unused;
  char t[96];
  uint64_t a = (uint64_t)(uintptr_t)code;
  int w = cur_w, r = cur_r;
  form = "load";
  { char p[64]; snprintf(p, sizeof p, "mov %s, ", reg(w, r));
    start(); x86_load(&buf, w, r, m); mem_text(t, sizeof t, w, m, a + x86_size(&buf)); check("%s%s", p, t);
    form = "store";
    start(); x86_store(&buf, w, m, r); mem_text(t, sizeof t, w, m, a + x86_size(&buf)); check("mov %s, %s", t, reg(w, r)); }
  form = "alu-rm";
  for (int op = 0; op < 8; op++) {
    start(); x86_alu_rm(&buf, (enum x86_alu)op, w, r, m);
    mem_text(t, sizeof t, w, m, a + x86_size(&buf));
    check("%s %s, %s", alu_names[op], reg(w, r), t);
    start(); x86_alu_mr(&buf, (enum x86_alu)op, w, m, r);
    mem_text(t, sizeof t, w, m, a + x86_size(&buf));
    check("%s %s, %s", alu_names[op], t, reg(w, r));
  }
  form = "store-imm";
  for (unsigned i = 0; i < N_IMMS; i += 3) {
    int32_t v = (int32_t)imms[i];
    start(); x86_store_imm(&buf, w, m, v);
    mem_text(t, sizeof t, w, m, a + x86_size(&buf));
    uint64_t mv = w == 64 ? (uint64_t)(int64_t)v : (uint64_t)v & ((UINT64_C(1) << w) - 1);
    check("mov %s, 0x%" PRIx64, t, mv);
    start(); x86_alu_mi(&buf, X86_CMP, w, m, v);
    mem_text(t, sizeof t, w, m, a + x86_size(&buf));
    check("cmp %s, 0x%" PRIx64, t, w == 8 ? (uint64_t)(uint8_t)v : mv);
  }
}


static void lea_and_movx(x86_mem m, uint64_t unused) {
  (void)unused;
  char t[96];
  uint64_t a = (uint64_t)(uintptr_t)code;
  int r = cur_r;
  for (int w = 32; w <= 64; w += 32) {
    form = "lea";
    start(); x86_lea(&buf, w, r, m); mem_text(t, sizeof t, 0, m, a + x86_size(&buf));
    check("lea %s, %s", reg(w, r), t);
    for (int sw = 8; sw <= 16; sw += 8) {
      form = "movzx-rm";
      start(); x86_movzx_rm(&buf, w, sw, r, m); mem_text(t, sizeof t, sw, m, a + x86_size(&buf));
      check("movzx %s, %s", reg(w, r), t);
      form = "movsx-rm";
      start(); x86_movsx_rm(&buf, w, sw, r, m); mem_text(t, sizeof t, sw, m, a + x86_size(&buf));
      check("movsx %s, %s", reg(w, r), t);
    }
  }
  form = "movsxd-rm";
  start(); x86_movsx_rm(&buf, 64, 32, r, m); mem_text(t, sizeof t, 32, m, a + x86_size(&buf));
  check("movsxd %s, %s", reg(64, r), t);
  form = "imul-rm";
  start(); x86_imul_rm(&buf, 64, r, m); mem_text(t, sizeof t, 64, m, a + x86_size(&buf));
  check("imul %s, %s", reg(64, r), t);
  form = "jmp-m";
  start(); x86_jmp_m(&buf, m); mem_text(t, sizeof t, 64, m, a + x86_size(&buf));
  check("jmp %s", t);
  form = "call-m";
  start(); x86_call_m(&buf, m); mem_text(t, sizeof t, 64, m, a + x86_size(&buf));
  check("call %s", t);
  int x = r;
  for (int dbl = 0; dbl < 2; dbl++) {
    const char *s = dbl ? "sd" : "ss";
    form = "sse-rm";
    start(); x86_sse_rm(&buf, dbl, 0x58, x, m);
    mem_text(t, sizeof t, dbl ? 64 : 32, m, a + x86_size(&buf));
    check("add%s xmm%d, %s", s, x, t);
    form = "sse-rm-w";
    start(); x86_sse_rm_w(&buf, dbl, 0x2c, 64, r, m);
    mem_text(t, sizeof t, dbl ? 64 : 32, m, a + x86_size(&buf));
    check("cvtt%s2si %s, %s", s, reg(64, r), t);
    start(); x86_sse_rm_w(&buf, dbl, 0x2a, 32, x, m);
    mem_text(t, sizeof t, 32, m, a + x86_size(&buf));
    check("cvtsi2%s xmm%d, %s", s, x, t);
    form = "movsd-load";
    start(); x86_movsd_load(&buf, dbl, x, m);
    mem_text(t, sizeof t, dbl ? 64 : 32, m, a + x86_size(&buf));
    check("mov%s xmm%d, %s", s, x, t);
    form = "movsd-store";
    start(); x86_movsd_store(&buf, dbl, m, x);
    mem_text(t, sizeof t, dbl ? 64 : 32, m, a + x86_size(&buf));
    check("mov%s %s, xmm%d", s, t, x);
  }
}

static uint64_t mask(int w, int64_t v) {
  return w == 64 ? (uint64_t)v : (uint64_t)v & ((UINT64_C(1) << w) - 1);
}

int main(void) {
  /* Register-register and register-immediate forms, every register pair and width. */
  for (int wi = 0; wi < 4; wi++) {
    int w = widths[wi];
    for (int d = 0; d < 16; d++) {
      for (int s = 0; s < 16; s++) {
        form = "mov-rr";
        start(); x86_mov_rr(&buf, w, d, s); check("mov %s, %s", reg(w, d), reg(w, s));
        form = "alu-rr";
        for (int op = 0; op < 8; op++) {
          start(); x86_alu_rr(&buf, (enum x86_alu)op, w, d, s);
          check("%s %s, %s", alu_names[op], reg(w, d), reg(w, s));
        }
        form = "test-rr";
        start(); x86_test_rr(&buf, w, d, s); check("test %s, %s", reg(w, d), reg(w, s));
        if (w >= 16) {
          form = "imul-rr";
          start(); x86_imul_rr(&buf, w, d, s); check("imul %s, %s", reg(w, d), reg(w, s));
          form = "cmov";
          for (int cc = 0; cc < 16; cc++) {
            start(); x86_cmov_rr(&buf, (enum x86_cc)cc, w, d, s);
            check("cmov%s %s, %s", cc_names[cc], reg(w, d), reg(w, s));
          }
        }
        if (w >= 32) {
          for (int sw = 8; sw <= 16; sw += 8) {
            form = "movzx-rr";
            start(); x86_movzx_rr(&buf, w, sw, d, s); check("movzx %s, %s", reg(w, d), reg(sw, s));
            form = "movsx-rr";
            start(); x86_movsx_rr(&buf, w, sw, d, s); check("movsx %s, %s", reg(w, d), reg(sw, s));
          }
        }
      }
      form = "alu-ri";
      for (int op = 0; op < 8; op++)
        for (unsigned i = 0; i < N_IMMS; i++) {
          int32_t v = (int32_t)imms[i];
          if (w == 16 && (v > 0xffff || v < -0x8000))
            continue;
          start(); x86_alu_ri(&buf, (enum x86_alu)op, w, d, v);
          int64_t sv = w == 8 ? (int8_t)v : w == 16 ? (int16_t)v : v;
          check("%s %s, 0x%" PRIx64, alu_names[op], reg(w, d), mask(w, sv));
        }
      form = "test-ri";
      for (unsigned i = 0; i < N_IMMS; i++) {
        int32_t v = (int32_t)imms[i];
        int64_t sv = w == 8 ? (int8_t)v : w == 16 ? (int16_t)v : v;
        start(); x86_test_ri(&buf, w, d, v); check("test %s, 0x%" PRIx64, reg(w, d), mask(w, sv));
      }
      static const char *const sh_names[8] = { "rol", "ror", "", "", "shl", "shr", "", "sar" };
      for (int op = 0; op < 8; op++) {
        if (!*sh_names[op])
          continue;
        form = "shift-cl";
        start(); x86_shift_cl(&buf, (enum x86_shift)op, w, d); check("%s %s, cl", sh_names[op], reg(w, d));
        form = "shift-ri";
        for (unsigned k = 0; k < (unsigned)w; k += (k < 2 ? 1 : 7)) {
          start(); x86_shift_ri(&buf, (enum x86_shift)op, w, d, (uint8_t)k);
          check("%s %s, 0x%x", sh_names[op], reg(w, d), k);
        }
      }
      static const char *const un_names[8] = { "", "", "not", "neg", "mul", "imul", "div", "idiv" };
      form = "unary";
      for (int op = 2; op < 8; op++) {
        start(); x86_unary(&buf, (enum x86_unop)op, w, d); check("%s %s", un_names[op], reg(w, d));
      }
      form = "setcc";
      if (w == 8)
        for (int cc = 0; cc < 16; cc++) {
          start(); x86_setcc(&buf, (enum x86_cc)cc, d); check("set%s %s", cc_names[cc], reg(8, d));
        }
    }
  }
  /* 64-bit specific register forms. */
  for (int d = 0; d < 16; d++) {
    form = "mov-ri";
    static const uint64_t big[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
      UINT64_MAX, 0xffffffff80000000, 0xffffffff7fffffff, 0x123456789abcdef0, 1ull << 38 };
    for (unsigned i = 0; i < sizeof big / sizeof big[0]; i++) {
      start(); x86_mov_ri(&buf, d, big[i]);
      if (big[i] <= UINT32_MAX) check("mov %s, 0x%" PRIx64, reg(32, d), big[i]);
      else check("mov %s, 0x%" PRIx64, reg(64, d), big[i]);
      start(); x86_mov_ri64(&buf, d, big[i]); check("mov %s, 0x%" PRIx64, reg(64, d), big[i]);
    }
    form = "movsxd-rr";
    for (int s = 0; s < 16; s++) {
      start(); x86_movsx_rr(&buf, 64, 32, d, s); check("movsxd %s, %s", reg(64, d), reg(32, s));
    }
    form = "push"; start(); x86_push(&buf, d); check("push %s", reg(64, d));
    form = "pop"; start(); x86_pop(&buf, d); check("pop %s", reg(64, d));
    form = "jmp-r"; start(); x86_jmp_r(&buf, d); check("jmp %s", reg(64, d));
    form = "call-r"; start(); x86_call_r(&buf, d); check("call %s", reg(64, d));
    for (int x = 0; x < 16; x++) {
      form = "movq";
      start(); x86_movq_xr(&buf, 64, x, d); check("movq xmm%d, %s", x, reg(64, d));
      start(); x86_movq_rx(&buf, 64, d, x); check("movq %s, xmm%d", reg(64, d), x);
      start(); x86_movq_xr(&buf, 32, x, d); check("movd xmm%d, %s", x, reg(32, d));
      start(); x86_movq_rx(&buf, 32, d, x); check("movd %s, xmm%d", reg(32, d), x);
      form = "sse-cvt";
      for (int dbl = 0; dbl < 2; dbl++) {
        const char *s = dbl ? "sd" : "ss";
        start(); x86_sse_rr_w(&buf, dbl, 0x2a, 64, x, d);
        check("cvtsi2%s xmm%d, %s", s, x, reg(64, d));
        start(); x86_sse_rr_w(&buf, dbl, 0x2a, 32, x, d);
        check("cvtsi2%s xmm%d, %s", s, x, reg(32, d));
        start(); x86_sse_rr_w(&buf, dbl, 0x2c, 64, d, x);
        check("cvtt%s2si %s, xmm%d", s, reg(64, d), x);
        start(); x86_sse_rr_w(&buf, dbl, 0x2c, 32, d, x);
        check("cvtt%s2si %s, xmm%d", s, reg(32, d), x);
        start(); x86_sse_rr_w(&buf, dbl, 0x2d, 64, d, x);
        check("cvt%s2si %s, xmm%d", s, reg(64, d), x);
        start(); x86_sse_rr(&buf, dbl, 0x5a, d, x);
        check("cvt%s2%s xmm%d, xmm%d", s, dbl ? "ss" : "sd", d, x);
      }
      form = "sse-rr";
      static const struct { uint8_t op; const char *n; } sse[] = { { 0x58, "add" },
        { 0x59, "mul" }, { 0x5c, "sub" }, { 0x5e, "div" }, { 0x51, "sqrt" }, { 0x5d, "min" },
        { 0x5f, "max" }, { 0x2e, "ucomi" }, { 0x2f, "comi" } };
      for (unsigned k = 0; k < sizeof sse / sizeof sse[0]; k++)
        for (int dbl = 0; dbl < 2; dbl++) {
          start(); x86_sse_rr(&buf, dbl, sse[k].op, d, x);
          check("%s%s xmm%d, xmm%d", sse[k].n, dbl ? "sd" : "ss", d, x);
        }
    }
  }
  form = "misc";
  start(); x86_cqo(&buf); check("cqo");
  start(); x86_cdq(&buf); check("cdq");
  start(); x86_ret(&buf); check("ret");
  start(); x86_ret_imm(&buf, 8); check("ret 0x8");
  start(); x86_push_imm(&buf, 0x10078); check("push 0x10078");
  start(); x86_push_imm(&buf, -2); check("push 0xfffffffffffffffe");
  start(); x86_ud2(&buf); check("ud2");
  start(); x86_stmxcsr(&buf, x86_m(X86_RSP, 8)); check("stmxcsr m32[rsp+8]");
  start(); x86_ldmxcsr(&buf, x86_m(X86_R12, 0)); check("ldmxcsr m32[r12]");
  /* Relative branches: forward and backward, at the edges of rel8. */
  uint64_t a = (uint64_t)(uintptr_t)code;
  static const int64_t offs[] = { 0, 2, 6, -2, 100, 129, -126, -128, 0x1000, -0x1000,
    0x7fff0000, -0x7fff0000 };
  for (unsigned i = 0; i < sizeof offs / sizeof offs[0]; i++) {
    const uint8_t *t = code + offs[i];
    form = "jcc";
    for (int cc = 0; cc < 16; cc++) {
      start(); x86_jcc(&buf, (enum x86_cc)cc, t); check("j%s ->0x%" PRIx64, cc_names[cc], a + (uint64_t)offs[i]);
      if (offs[i] >= -126 && offs[i] <= 129) {
        form = "jcc8";
        start(); x86_jcc8(&buf, (enum x86_cc)cc, t); check("j%s ->0x%" PRIx64, cc_names[cc], a + (uint64_t)offs[i]);
        form = "jcc";
      }
    }
    form = "jmp"; start(); x86_jmp(&buf, t); check("jmp ->0x%" PRIx64, a + (uint64_t)offs[i]);
    form = "call"; start(); x86_call(&buf, t); check("call ->0x%" PRIx64, a + (uint64_t)offs[i]);
    if (offs[i] >= -126 && offs[i] <= 129) {
      form = "jmp8"; start(); x86_jmp8(&buf, t); check("jmp ->0x%" PRIx64, a + (uint64_t)offs[i]);
    }
  }
  /* Nops of each length decode as one instruction each. */
  form = "nop";
  for (unsigned n = 1; n <= 8; n++) {
    static const char *const nop_text[9] = { "", "nop", "nop", "nop m32[rax], eax",
      "nop m32[rax], eax", "nop m32[rax+rax*1], eax", "nop m16[rax+rax*1], ax",
      "nop m32[rax], eax", "nop m32[rax+rax*1], eax" };
    start(); x86_nop(&buf, n); check("%s", nop_text[n]);
  }
  /* Memory forms over every operand shape, with a few registers and every width. */
  static const int regs[] = { X86_RSP, X86_R13 };   /* reg field 4 and a REX.R one */
  for (unsigned ri = 0; ri < sizeof regs / sizeof regs[0]; ri++) {
    cur_r = regs[ri];
    for (int wi = 0; wi < 4; wi++) {
      cur_w = widths[wi];
      each_mem(mem_forms);
    }
    each_mem(lea_and_movx);
  }
  /* An overflowing buffer stops at its end and says so. */
  x86_buf small;
  uint8_t tiny[3];
  x86_init(&small, tiny, sizeof tiny);
  x86_mov_ri64(&small, X86_RAX, 1);
  if (!small.overflow || x86_size(&small) != 3) {
    printf("FAIL jit-emit-overflow: no overflow flagged\n");
    n_failed++;
  }
  if (n_failed)
    printf("FAIL jit-emit: %u of %u forms wrong\n", n_failed, n_checked);
  else
    printf("PASS jit-emit (%u instruction forms checked with Zydis)\n", n_checked);
  return n_failed != 0;
}

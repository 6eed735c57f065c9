/* Disassembler: isa_insn -> the text binutils 2.40 `objdump -d -M no-aliases` prints,
 * "mnemonic<TAB>operands", driven by each row's operand string (codes in insn_table.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include "isa/isa.h"

/* An output buffer that truncates like snprintf but counts the full length. */
struct out {
  char *buf;
  size_t size, len;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t room = o->len < o->size ? o->size - o->len : 0;
  int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
  va_end(ap);
  if (n > 0) o->len += (size_t)n;
}

static const char *const rm_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", "unknown",
                                        "unknown", "dyn"};

/* A fence's predecessor or successor set: letters of i, o, r, w; objdump says "unknown"
 * for the empty set. */
static void put_fence_set(struct out *o, unsigned set) {
  if (set == 0) {
    put(o, "unknown");
    return;
  }
  const char *letters = "iorw";
  for (int b = 3; b >= 0; b--)
    if (set & (1u << b)) put(o, "%c", letters[3 - b]);
}

static const char *reg_name(int reg, bool fp) {
  return fp ? isa_freg_name[reg & 31] : isa_xreg_name[reg & 31];
}

/* Prints one operand code of the row's operand string. */
static void put_operand(struct out *o, char code, const isa_insn *in, uint32_t flags,
                        uint64_t pc) {
  switch (code) {
  case 'd': put(o, "%s", reg_name(in->rd, flags & F_RD_FP)); break;
  case 's': put(o, "%s", reg_name(in->rs1, flags & F_RS1_FP)); break;
  case 't': put(o, "%s", reg_name(in->rs2, flags & F_RS2_FP)); break;
  case 'r': put(o, "%s", reg_name(in->rs3, flags & F_RS3_FP)); break;
  case 'i':
  case 'o': put(o, "%" PRId64, in->imm); break;
  case 'x': put(o, "0x%" PRIx64, (uint64_t)in->imm); break;
  case 'u': put(o, "0x%" PRIx64, ((uint64_t)in->imm >> 12) & 0xfffff); break;
  case 'b': put(o, "0x%" PRIx64, pc + (uint64_t)in->imm); break; /* as for a raw binary */
  case 'z': put(o, "%d", in->rs1); break;
  case 'c': {
    const char *name = isa_csr_name((uint32_t)in->imm);
    if (name) put(o, "%s", name);
    else put(o, "0x%" PRIx64, (uint64_t)in->imm);
    break;
  }
  case 'f':
    put_fence_set(o, (in->imm >> 4) & 15);
    put(o, ",");
    put_fence_set(o, in->imm & 15);
    break;
  default: put(o, "%c", code); break; /* punctuation: '(' and ')' */
  }
}

/* Words that are no instruction: objdump shows the data, except the all-zero parcel, which
 * the C extension defines as illegal (c.unimp). */
static void put_illegal(struct out *o, const isa_insn *in) {
  if (in->len == 2 && in->raw == 0) put(o, "c.unimp");
  else if (in->len == 2) put(o, ".2byte\t0x%x", in->raw & 0xffff);
  else put(o, ".4byte\t0x%x", in->raw);
}

int isa_disasm(const isa_insn *in, uint64_t pc, char *buf, size_t size) {
  struct out o = {buf, size, 0};
  if (size) buf[0] = 0;
  if (in->op == OP_illegal || in->op >= OP_COUNT || in->cop >= COP_COUNT) {
    put_illegal(&o, in);
    return (int)o.len;
  }
  const struct isa_row *base = &isa_rows[in->op];
  const struct isa_row *row = in->cop ? &isa_crows[in->cop] : base;
  uint32_t flags = base->flags;
  const char *args = row->args;

  /* The encodings binutils names specially. */
  if (in->op == OP_fence && in->imm == 0x833) {
    put(&o, "fence.tso");
    return (int)o.len;
  }
  if (in->op == OP_csrrw && in->len == 4 && in->raw == 0xc0001073u) {
    put(&o, "unimp"); /* csrrw x0, cycle, x0: the canonical 32-bit illegal instruction */
    return (int)o.len;
  }

  put(&o, "%s", row->mnemonic);
  if (flags & F_ATOMIC) {
    static const char *const order[4] = {"", ".rl", ".aq", ".aqrl"};
    put(&o, "%s", order[in->rm & 3]);
  }
  if (*args) put(&o, "\t");
  for (const char *a = args; *a; a++) {
    /* ",m" is printed only when the rounding mode is static; ",M" only when it is not rne. */
    if (a[0] == ',' && (a[1] == 'm' || a[1] == 'M')) {
      if ((a[1] == 'm' && in->rm != ISA_RM_DYN) || (a[1] == 'M' && in->rm != 0))
        put(&o, ",%s", rm_names[in->rm & 7]);
      a++;
      continue;
    }
    if (a[0] == ',') {
      put(&o, ",");
      continue;
    }
    put_operand(&o, *a, in, flags, pc);
  }
  return (int)o.len;
}

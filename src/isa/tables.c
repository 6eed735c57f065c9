/* The instruction table as data (isa_rows, isa_crows) and the register names. */
#include "isa/isa.h"

/* Each operation's flags as a constant, so compressed rows can copy their base's flags in a
 * static initializer. */
enum {
#define ISA_FLAGS_I(id, mn, match, mask, fmt, args, flags) ISA_FLAGS_##id = (flags),
  ISA_INSNS(ISA_FLAGS_I)
#undef ISA_FLAGS_I
};

const struct isa_row isa_rows[OP_COUNT] = {
  [OP_illegal] = {"illegal", 0, 0, FMT_NONE, OP_illegal, "", 0, 0},
#define ISA_ROW_I(id, mn, match, mask, fmt, args, flags) \
  [OP_##id] = {mn, match, mask, fmt, OP_##id, args, flags, 0},
  ISA_INSNS(ISA_ROW_I)
#undef ISA_ROW_I
};

const struct isa_row isa_crows[COP_COUNT] = {
  [COP_none] = {"", 0, 0, CF_NONE, OP_illegal, "", 0, 0},
#define ISA_ROW_C(id, mn, match, mask, cfmt, base, args, cons) \
  [COP_##id] = {mn, match, mask, cfmt, OP_##base, args, ISA_FLAGS_##base, cons},
  ISA_CINSNS(ISA_ROW_C)
#undef ISA_ROW_C
};

const char *const isa_xreg_name[32] = {
  "zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2", "s0", "s1", "a0",
  "a1",   "a2", "a3",  "a4",  "a5", "a6", "a7", "s2", "s3", "s4", "s5",
  "s6",   "s7", "s8",  "s9",  "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const isa_freg_name[32] = {
  "ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",  "fs0", "fs1", "fa0",
  "fa1", "fa2", "fa3",  "fa4",  "fa5", "fa6", "fa7",  "fs2",  "fs3", "fs4", "fs5",
  "fs6", "fs7", "fs8",  "fs9",  "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* ISA component: operation numbers, the decoded-instruction form, decoder and disassembler.
 * Everything here is derived from the one table in insn_table.h. */
#ifndef RVX_ISA_H
#define RVX_ISA_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "isa/insn_table.h"

/* Decoder field layouts of 32-bit rows. */
enum isa_fmt {
  FMT_R,      /* rd, rs1, rs2, rm = funct3 */
  FMT_R4,     /* rd, rs1, rs2, rs3, rm = funct3 */
  FMT_I,      /* rd, rs1, imm = sext(imm[11:0]) */
  FMT_SH5,    /* rd, rs1, imm = shamt[4:0] */
  FMT_SH6,    /* rd, rs1, imm = shamt[5:0] */
  FMT_S,      /* rs1, rs2, imm = sext(imm[11:0]) */
  FMT_B,      /* rs1, rs2, imm = sext(offset[12:1] << 1) */
  FMT_U,      /* rd, imm = sext(word & 0xfffff000) */
  FMT_J,      /* rd, imm = sext(offset[20:1] << 1) */
  FMT_CSR,    /* rd, rs1 (register, or the 5-bit immediate for the *i forms), imm = csr number */
  FMT_AMO,    /* rd, rs1, rs2, rm = (aq << 1) | rl */
  FMT_FENCE,  /* imm = fm[3:0] << 8 | pred[3:0] << 4 | succ[3:0] */
  FMT_NONE,
};

/* Decoder field layouts of compressed rows (register fields x8..x15 are widened). */
enum isa_cfmt {
  CF_NONE, CF_CIW_ADDI4SPN, CF_CL_W, CF_CL_D, CF_CS_W, CF_CS_D, CF_CI, CF_CI_LI,
  CF_CI_ADDI16SP, CF_CI_LUI, CF_CI_SLLI, CF_CI_LWSP, CF_CI_LDSP, CF_CSS_SWSP, CF_CSS_SDSP,
  CF_CB_SHIFT, CF_CB_ANDI, CF_CB_BRANCH, CF_CA, CF_CJ, CF_CR_JR, CF_CR_JALR, CF_CR_MV,
  CF_CR_ADD,
};

/* Operations: one per 32-bit row. OP_illegal (0) is what undecodable words become. */
enum isa_op {
  OP_illegal = 0,
#define ISA_ENUM_I(id, mn, match, mask, fmt, args, flags) OP_##id,
  ISA_INSNS(ISA_ENUM_I)
#undef ISA_ENUM_I
  OP_COUNT
};

/* Compressed encodings: one per 16-bit row; COP_none (0) for 32-bit instructions. */
enum isa_cop {
  COP_none = 0,
#define ISA_ENUM_C(id, mn, match, mask, cfmt, base, args, cons) COP_##id,
  ISA_CINSNS(ISA_ENUM_C)
#undef ISA_ENUM_C
  COP_COUNT
};

/* One row of the table, as data (for the decoder, disassembler, tests and statistics). */
struct isa_row {
  const char *mnemonic;
  uint32_t match, mask;
  uint8_t fmt;        /* enum isa_fmt, or enum isa_cfmt for compressed rows */
  uint16_t base;      /* compressed rows: the operation they expand to; else the row's own op */
  const char *args;
  uint32_t flags;     /* F_* (for compressed rows: the base operation's flags) */
  uint32_t cons;      /* C_* constraints (compressed rows only) */
};
extern const struct isa_row isa_rows[OP_COUNT];   /* indexed by enum isa_op */
extern const struct isa_row isa_crows[COP_COUNT]; /* indexed by enum isa_cop */

/* A decoded instruction. Compressed instructions are expanded: op/rd/rs1/rs2/imm are those of
 * the equivalent 32-bit instruction, cop remembers the encoding for the disassembler. */
typedef struct isa_insn {
  uint16_t op;        /* enum isa_op */
  uint16_t cop;       /* enum isa_cop, COP_none for 32-bit words */
  uint8_t rd, rs1, rs2, rs3;
  uint8_t rm;         /* FP rounding mode field, or aq/rl bits for atomics */
  uint8_t len;        /* 2 or 4 */
  int64_t imm;
  uint32_t raw;       /* the instruction word (low 16 bits for compressed) */
} isa_insn;

/* Length in bytes of the instruction whose first 16-bit parcel is `lo`. */
static inline int isa_length(uint16_t lo) { return (lo & 3) == 3 ? 4 : 2; }

/* Decodes one instruction. `word` holds at least isa_length(word) bytes (higher bits ignored
 * for compressed). Returns false (and op = OP_illegal) for an illegal or reserved encoding. */
bool isa_decode(uint32_t word, isa_insn *out);

/* The rounding-mode field value meaning "use frm". */
#define ISA_RM_DYN 7

/* Writes the objdump-style (-M no-aliases) disassembly of `in`, located at guest address
 * `pc`, into buf. Returns the length written (truncated like snprintf). */
int isa_disasm(const isa_insn *in, uint64_t pc, char *buf, size_t size);

/* ABI register names. */
extern const char *const isa_xreg_name[32];
extern const char *const isa_freg_name[32];
/* Name of a CSR number, or NULL if rvx does not know it. */
const char *isa_csr_name(uint32_t csr);

#endif

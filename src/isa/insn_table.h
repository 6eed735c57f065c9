/* The RV64GC user instruction set, described once.
 *
 * Every other part of rvx (decoder, disassembler, interpreter dispatch, statistics, and later
 * the translator) expands these two X-macro lists; nothing else lists instructions.
 *
 * ISA_INSNS(I): one row per 32-bit instruction, which is also one operation of the machine:
 *   I(id, "mnemonic", match, mask, format, "operands", flags)
 *     id        C identifier; the enum constant is OP_<id>, the interpreter handler op_<id>.
 *     match/mask  (word & mask) == match selects the row; rows never overlap (tested).
 *     format    how the decoder pulls fields out of the word (enum isa_fmt).
 *     operands  what the disassembler prints, one code per operand, ',' between them:
 *               d rd, s rs1, t rs2, r rs3 (FP or integer register per the F_*_FP flags),
 *               i imm in decimal, x imm in hex, u upper immediate (imm >> 12) in hex,
 *               o(s) memory operand imm(rs1), (s) memory operand without offset,
 *               b pc-relative target (0x<hex>, as objdump prints it for a raw binary),
 *               c CSR name, z CSR immediate (rs1 field as a number),
 *               m rounding mode (printed with its comma only when not dynamic),
 *               M rounding mode of an exact widening conversion (printed with its comma only
 *                 when not rne: binutils 2.40 knows these rows with rm = 0 only),
 *               f fence predecessor and successor sets.
 *     flags     F_* bits below.
 *
 * ISA_CINSNS(C): one row per 16-bit compressed encoding; each expands to a base operation:
 *   C(id, "mnemonic", match, mask, cformat, base-id, "operands", constraints)
 *     constraints: C_* bits, extra conditions beyond match/mask under which the row applies
 *     (the spec's reserved and HINT code points are carved out this way).
 */
#ifndef RVX_ISA_INSN_TABLE_H
#define RVX_ISA_INSN_TABLE_H

/* Row flags. */
#define F_BRANCH   0x0001u /* conditional branch: ends a block */
#define F_JUMP     0x0002u /* jal/jalr: ends a block */
#define F_LOAD     0x0004u
#define F_STORE    0x0008u
#define F_ATOMIC   0x0010u /* LR/SC/AMO */
#define F_FP       0x0020u /* reads or writes the F/D register file or fcsr */
#define F_RD_FP    0x0040u /* rd names an FP register */
#define F_RS1_FP   0x0080u
#define F_RS2_FP   0x0100u
#define F_RS3_FP   0x0200u
#define F_SYSTEM   0x0400u /* ecall, ebreak, fence.i: ends a block */
#define F_CSR      0x0800u
#define F_NO_RD    0x1000u /* rd field is not a destination (stores, branches, fence) */
#define F_W_OP     0x2000u /* 32-bit operation with sign-extended result (the *W forms) */
#define F_RM       0x4000u /* has a rounding-mode field (funct3); 5 and 6 are reserved */

/* Constraints of compressed rows (fields as laid out in the 16-bit word). */
#define C_NZ_RD    0x01u /* bits 11:7 != 0 */
#define C_NZ_RS2   0x02u /* bits 6:2 != 0 */
#define C_NZ_IMM   0x04u /* decoded immediate != 0 */
#define C_NOT_SP   0x08u /* bits 11:7 != 2 */

#define FPR3 (F_FP | F_RD_FP | F_RS1_FP | F_RS2_FP)
#define FPR4 (FPR3 | F_RS3_FP)

#define ISA_INSNS(I) \
  /* RV64I */ \
  I(lui,       "lui",       0x00000037, 0x0000007f, FMT_U,     "d,u",    0) \
  I(auipc,     "auipc",     0x00000017, 0x0000007f, FMT_U,     "d,u",    0) \
  I(jal,       "jal",       0x0000006f, 0x0000007f, FMT_J,     "d,b",    F_JUMP) \
  I(jalr,      "jalr",      0x00000067, 0x0000707f, FMT_I,     "d,o(s)", F_JUMP) \
  I(beq,       "beq",       0x00000063, 0x0000707f, FMT_B,     "s,t,b",  F_BRANCH | F_NO_RD) \
  I(bne,       "bne",       0x00001063, 0x0000707f, FMT_B,     "s,t,b",  F_BRANCH | F_NO_RD) \
  I(blt,       "blt",       0x00004063, 0x0000707f, FMT_B,     "s,t,b",  F_BRANCH | F_NO_RD) \
  I(bge,       "bge",       0x00005063, 0x0000707f, FMT_B,     "s,t,b",  F_BRANCH | F_NO_RD) \
  I(bltu,      "bltu",      0x00006063, 0x0000707f, FMT_B,     "s,t,b",  F_BRANCH | F_NO_RD) \
  I(bgeu,      "bgeu",      0x00007063, 0x0000707f, FMT_B,     "s,t,b",  F_BRANCH | F_NO_RD) \
  I(lb,        "lb",        0x00000003, 0x0000707f, FMT_I,     "d,o(s)", F_LOAD) \
  I(lh,        "lh",        0x00001003, 0x0000707f, FMT_I,     "d,o(s)", F_LOAD) \
  I(lw,        "lw",        0x00002003, 0x0000707f, FMT_I,     "d,o(s)", F_LOAD) \
  I(ld,        "ld",        0x00003003, 0x0000707f, FMT_I,     "d,o(s)", F_LOAD) \
  I(lbu,       "lbu",       0x00004003, 0x0000707f, FMT_I,     "d,o(s)", F_LOAD) \
  I(lhu,       "lhu",       0x00005003, 0x0000707f, FMT_I,     "d,o(s)", F_LOAD) \
  I(lwu,       "lwu",       0x00006003, 0x0000707f, FMT_I,     "d,o(s)", F_LOAD) \
  I(sb,        "sb",        0x00000023, 0x0000707f, FMT_S,     "t,o(s)", F_STORE | F_NO_RD) \
  I(sh,        "sh",        0x00001023, 0x0000707f, FMT_S,     "t,o(s)", F_STORE | F_NO_RD) \
  I(sw,        "sw",        0x00002023, 0x0000707f, FMT_S,     "t,o(s)", F_STORE | F_NO_RD) \
  I(sd,        "sd",        0x00003023, 0x0000707f, FMT_S,     "t,o(s)", F_STORE | F_NO_RD) \
  I(addi,      "addi",      0x00000013, 0x0000707f, FMT_I,     "d,s,i",  0) \
  I(slti,      "slti",      0x00002013, 0x0000707f, FMT_I,     "d,s,i",  0) \
  I(sltiu,     "sltiu",     0x00003013, 0x0000707f, FMT_I,     "d,s,i",  0) \
  I(xori,      "xori",      0x00004013, 0x0000707f, FMT_I,     "d,s,i",  0) \
  I(ori,       "ori",       0x00006013, 0x0000707f, FMT_I,     "d,s,i",  0) \
  I(andi,      "andi",      0x00007013, 0x0000707f, FMT_I,     "d,s,i",  0) \
  I(slli,      "slli",      0x00001013, 0xfc00707f, FMT_SH6,   "d,s,x",  0) \
  I(srli,      "srli",      0x00005013, 0xfc00707f, FMT_SH6,   "d,s,x",  0) \
  I(srai,      "srai",      0x40005013, 0xfc00707f, FMT_SH6,   "d,s,x",  0) \
  I(add,       "add",       0x00000033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(sub,       "sub",       0x40000033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(sll,       "sll",       0x00001033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(slt,       "slt",       0x00002033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(sltu,      "sltu",      0x00003033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(xor,       "xor",       0x00004033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(srl,       "srl",       0x00005033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(sra,       "sra",       0x40005033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(or,        "or",        0x00006033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(and,       "and",       0x00007033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(addiw,     "addiw",     0x0000001b, 0x0000707f, FMT_I,     "d,s,i",  F_W_OP) \
  I(slliw,     "slliw",     0x0000101b, 0xfe00707f, FMT_SH5,   "d,s,x",  F_W_OP) \
  I(srliw,     "srliw",     0x0000501b, 0xfe00707f, FMT_SH5,   "d,s,x",  F_W_OP) \
  I(sraiw,     "sraiw",     0x4000501b, 0xfe00707f, FMT_SH5,   "d,s,x",  F_W_OP) \
  I(addw,      "addw",      0x0000003b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(subw,      "subw",      0x4000003b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(sllw,      "sllw",      0x0000103b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(srlw,      "srlw",      0x0000503b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(sraw,      "sraw",      0x4000503b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(fence,     "fence",     0x0000000f, 0x0000707f, FMT_FENCE, "f",      F_NO_RD) \
  I(fence_i,   "fence.i",   0x0000100f, 0x0000707f, FMT_NONE,  "",       F_SYSTEM | F_NO_RD) \
  I(ecall,     "ecall",     0x00000073, 0xffffffff, FMT_NONE,  "",       F_SYSTEM | F_NO_RD) \
  I(ebreak,    "ebreak",    0x00100073, 0xffffffff, FMT_NONE,  "",       F_SYSTEM | F_NO_RD) \
  /* Zicsr */ \
  I(csrrw,     "csrrw",     0x00001073, 0x0000707f, FMT_CSR,   "d,c,s",  F_CSR) \
  I(csrrs,     "csrrs",     0x00002073, 0x0000707f, FMT_CSR,   "d,c,s",  F_CSR) \
  I(csrrc,     "csrrc",     0x00003073, 0x0000707f, FMT_CSR,   "d,c,s",  F_CSR) \
  I(csrrwi,    "csrrwi",    0x00005073, 0x0000707f, FMT_CSR,   "d,c,z",  F_CSR) \
  I(csrrsi,    "csrrsi",    0x00006073, 0x0000707f, FMT_CSR,   "d,c,z",  F_CSR) \
  I(csrrci,    "csrrci",    0x00007073, 0x0000707f, FMT_CSR,   "d,c,z",  F_CSR) \
  /* RV64M */ \
  I(mul,       "mul",       0x02000033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(mulh,      "mulh",      0x02001033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(mulhsu,    "mulhsu",    0x02002033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(mulhu,     "mulhu",     0x02003033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(div,       "div",       0x02004033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(divu,      "divu",      0x02005033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(rem,       "rem",       0x02006033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(remu,      "remu",      0x02007033, 0xfe00707f, FMT_R,     "d,s,t",  0) \
  I(mulw,      "mulw",      0x0200003b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(divw,      "divw",      0x0200403b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(divuw,     "divuw",     0x0200503b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(remw,      "remw",      0x0200603b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  I(remuw,     "remuw",     0x0200703b, 0xfe00707f, FMT_R,     "d,s,t",  F_W_OP) \
  /* RV64A: the aq/rl bits are decoded into insn.rm as (aq << 1) | rl */ \
  I(lr_w,      "lr.w",      0x1000202f, 0xf9f0707f, FMT_AMO,   "d,(s)",   F_ATOMIC | F_LOAD) \
  I(sc_w,      "sc.w",      0x1800202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_STORE) \
  I(amoswap_w, "amoswap.w", 0x0800202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoadd_w,  "amoadd.w",  0x0000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoxor_w,  "amoxor.w",  0x2000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoand_w,  "amoand.w",  0x6000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoor_w,   "amoor.w",   0x4000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amomin_w,  "amomin.w",  0x8000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amomax_w,  "amomax.w",  0xa000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amominu_w, "amominu.w", 0xc000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amomaxu_w, "amomaxu.w", 0xe000202f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(lr_d,      "lr.d",      0x1000302f, 0xf9f0707f, FMT_AMO,   "d,(s)",   F_ATOMIC | F_LOAD) \
  I(sc_d,      "sc.d",      0x1800302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_STORE) \
  I(amoswap_d, "amoswap.d", 0x0800302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoadd_d,  "amoadd.d",  0x0000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoxor_d,  "amoxor.d",  0x2000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoand_d,  "amoand.d",  0x6000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amoor_d,   "amoor.d",   0x4000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amomin_d,  "amomin.d",  0x8000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amomax_d,  "amomax.d",  0xa000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amominu_d, "amominu.d", 0xc000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  I(amomaxu_d, "amomaxu.d", 0xe000302f, 0xf800707f, FMT_AMO,   "d,t,(s)", F_ATOMIC | F_LOAD | F_STORE) \
  /* RV64F and RV64D loads and stores */ \
  I(flw,       "flw",       0x00002007, 0x0000707f, FMT_I,     "d,o(s)", F_FP | F_LOAD | F_RD_FP) \
  I(fld,       "fld",       0x00003007, 0x0000707f, FMT_I,     "d,o(s)", F_FP | F_LOAD | F_RD_FP) \
  I(fsw,       "fsw",       0x00002027, 0x0000707f, FMT_S,     "t,o(s)", F_FP | F_STORE | F_RS2_FP | F_NO_RD) \
  I(fsd,       "fsd",       0x00003027, 0x0000707f, FMT_S,     "t,o(s)", F_FP | F_STORE | F_RS2_FP | F_NO_RD) \
  /* fused multiply-add, single rounding */ \
  I(fmadd_s,   "fmadd.s",   0x00000043, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  I(fmsub_s,   "fmsub.s",   0x00000047, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  I(fnmsub_s,  "fnmsub.s",  0x0000004b, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  I(fnmadd_s,  "fnmadd.s",  0x0000004f, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  I(fmadd_d,   "fmadd.d",   0x02000043, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  I(fmsub_d,   "fmsub.d",   0x02000047, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  I(fnmsub_d,  "fnmsub.d",  0x0200004b, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  I(fnmadd_d,  "fnmadd.d",  0x0200004f, 0x0600007f, FMT_R4,    "d,s,t,r,m", FPR4 | F_RM) \
  /* single precision */ \
  I(fadd_s,    "fadd.s",    0x00000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fsub_s,    "fsub.s",    0x08000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fmul_s,    "fmul.s",    0x10000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fdiv_s,    "fdiv.s",    0x18000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fsqrt_s,   "fsqrt.s",   0x58000053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP | F_RS1_FP) \
  I(fsgnj_s,   "fsgnj.s",   0x20000053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fsgnjn_s,  "fsgnjn.s",  0x20001053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fsgnjx_s,  "fsgnjx.s",  0x20002053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fmin_s,    "fmin.s",    0x28000053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fmax_s,    "fmax.s",    0x28001053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(feq_s,     "feq.s",     0xa0002053, 0xfe00707f, FMT_R,     "d,s,t",   F_FP | F_RS1_FP | F_RS2_FP) \
  I(flt_s,     "flt.s",     0xa0001053, 0xfe00707f, FMT_R,     "d,s,t",   F_FP | F_RS1_FP | F_RS2_FP) \
  I(fle_s,     "fle.s",     0xa0000053, 0xfe00707f, FMT_R,     "d,s,t",   F_FP | F_RS1_FP | F_RS2_FP) \
  I(fcvt_w_s,  "fcvt.w.s",  0xc0000053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_wu_s, "fcvt.wu.s", 0xc0100053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_l_s,  "fcvt.l.s",  0xc0200053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_lu_s, "fcvt.lu.s", 0xc0300053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_s_w,  "fcvt.s.w",  0xd0000053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP) \
  I(fcvt_s_wu, "fcvt.s.wu", 0xd0100053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP) \
  I(fcvt_s_l,  "fcvt.s.l",  0xd0200053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP) \
  I(fcvt_s_lu, "fcvt.s.lu", 0xd0300053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP) \
  I(fmv_x_w,   "fmv.x.w",   0xe0000053, 0xfff0707f, FMT_R,     "d,s",     F_FP | F_RS1_FP) \
  I(fclass_s,  "fclass.s",  0xe0001053, 0xfff0707f, FMT_R,     "d,s",     F_FP | F_RS1_FP) \
  I(fmv_w_x,   "fmv.w.x",   0xf0000053, 0xfff0707f, FMT_R,     "d,s",     F_FP | F_RD_FP) \
  /* double precision */ \
  I(fadd_d,    "fadd.d",    0x02000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fsub_d,    "fsub.d",    0x0a000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fmul_d,    "fmul.d",    0x12000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fdiv_d,    "fdiv.d",    0x1a000053, 0xfe00007f, FMT_R,     "d,s,t,m", FPR3 | F_RM) \
  I(fsqrt_d,   "fsqrt.d",   0x5a000053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP | F_RS1_FP) \
  I(fsgnj_d,   "fsgnj.d",   0x22000053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fsgnjn_d,  "fsgnjn.d",  0x22001053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fsgnjx_d,  "fsgnjx.d",  0x22002053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fmin_d,    "fmin.d",    0x2a000053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fmax_d,    "fmax.d",    0x2a001053, 0xfe00707f, FMT_R,     "d,s,t",   FPR3) \
  I(fcvt_s_d,  "fcvt.s.d",  0x40100053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP | F_RS1_FP) \
  I(fcvt_d_s,  "fcvt.d.s",  0x42000053, 0xfff0007f, FMT_R,     "d,s,M",   F_RM | F_FP | F_RD_FP | F_RS1_FP) \
  I(feq_d,     "feq.d",     0xa2002053, 0xfe00707f, FMT_R,     "d,s,t",   F_FP | F_RS1_FP | F_RS2_FP) \
  I(flt_d,     "flt.d",     0xa2001053, 0xfe00707f, FMT_R,     "d,s,t",   F_FP | F_RS1_FP | F_RS2_FP) \
  I(fle_d,     "fle.d",     0xa2000053, 0xfe00707f, FMT_R,     "d,s,t",   F_FP | F_RS1_FP | F_RS2_FP) \
  I(fcvt_w_d,  "fcvt.w.d",  0xc2000053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_wu_d, "fcvt.wu.d", 0xc2100053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_l_d,  "fcvt.l.d",  0xc2200053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_lu_d, "fcvt.lu.d", 0xc2300053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RS1_FP) \
  I(fcvt_d_w,  "fcvt.d.w",  0xd2000053, 0xfff0007f, FMT_R,     "d,s,M",   F_RM | F_FP | F_RD_FP) \
  I(fcvt_d_wu, "fcvt.d.wu", 0xd2100053, 0xfff0007f, FMT_R,     "d,s,M",   F_RM | F_FP | F_RD_FP) \
  I(fcvt_d_l,  "fcvt.d.l",  0xd2200053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP) \
  I(fcvt_d_lu, "fcvt.d.lu", 0xd2300053, 0xfff0007f, FMT_R,     "d,s,m",   F_RM | F_FP | F_RD_FP) \
  I(fmv_x_d,   "fmv.x.d",   0xe2000053, 0xfff0707f, FMT_R,     "d,s",     F_FP | F_RS1_FP) \
  I(fclass_d,  "fclass.d",  0xe2001053, 0xfff0707f, FMT_R,     "d,s",     F_FP | F_RS1_FP) \
  I(fmv_d_x,   "fmv.d.x",   0xf2000053, 0xfff0707f, FMT_R,     "d,s",     F_FP | F_RD_FP)

/* The C extension for RV64 (RVC): quadrants 0, 1 and 2. */
#define ISA_CINSNS(C) \
  C(c_addi4spn, "c.addi4spn", 0x0000, 0xe003, CF_CIW_ADDI4SPN, addi,  "d,s,i",  C_NZ_IMM) \
  C(c_fld,      "c.fld",      0x2000, 0xe003, CF_CL_D,         fld,   "d,o(s)", 0) \
  C(c_lw,       "c.lw",       0x4000, 0xe003, CF_CL_W,         lw,    "d,o(s)", 0) \
  C(c_ld,       "c.ld",       0x6000, 0xe003, CF_CL_D,         ld,    "d,o(s)", 0) \
  C(c_fsd,      "c.fsd",      0xa000, 0xe003, CF_CS_D,         fsd,   "t,o(s)", 0) \
  C(c_sw,       "c.sw",       0xc000, 0xe003, CF_CS_W,         sw,    "t,o(s)", 0) \
  C(c_sd,       "c.sd",       0xe000, 0xe003, CF_CS_D,         sd,    "t,o(s)", 0) \
  /* c.addi with rd = x0 is c.nop (imm 0) or a HINT; objdump -M no-aliases prints c.addi */ \
  C(c_addi,     "c.addi",     0x0001, 0xe003, CF_CI,           addi,  "d,i",    0) \
  C(c_addiw,    "c.addiw",    0x2001, 0xe003, CF_CI,           addiw, "d,i",    C_NZ_RD) \
  C(c_li,       "c.li",       0x4001, 0xe003, CF_CI_LI,        addi,  "d,i",    0) \
  C(c_addi16sp, "c.addi16sp", 0x6101, 0xef83, CF_CI_ADDI16SP,  addi,  "d,i",    C_NZ_IMM) \
  C(c_lui,      "c.lui",      0x6001, 0xe003, CF_CI_LUI,       lui,   "d,u",    C_NOT_SP | C_NZ_IMM) \
  C(c_srli,     "c.srli",     0x8001, 0xec03, CF_CB_SHIFT,     srli,  "d,x",    C_NZ_IMM) \
  C(c_srai,     "c.srai",     0x8401, 0xec03, CF_CB_SHIFT,     srai,  "d,x",    C_NZ_IMM) \
  /* shift amount 0: HINTs on RV64 (RV128's shifts by 64), named as objdump names them */ \
  C(c_srli64,   "c.srli64",   0x8001, 0xfc7f, CF_CB_SHIFT,     srli,  "d",      0) \
  C(c_srai64,   "c.srai64",   0x8401, 0xfc7f, CF_CB_SHIFT,     srai,  "d",      0) \
  C(c_andi,     "c.andi",     0x8801, 0xec03, CF_CB_ANDI,      andi,  "d,i",    0) \
  C(c_sub,      "c.sub",      0x8c01, 0xfc63, CF_CA,           sub,   "d,t",    0) \
  C(c_xor,      "c.xor",      0x8c21, 0xfc63, CF_CA,           xor,   "d,t",    0) \
  C(c_or,       "c.or",       0x8c41, 0xfc63, CF_CA,           or,    "d,t",    0) \
  C(c_and,      "c.and",      0x8c61, 0xfc63, CF_CA,           and,   "d,t",    0) \
  C(c_subw,     "c.subw",     0x9c01, 0xfc63, CF_CA,           subw,  "d,t",    0) \
  C(c_addw,     "c.addw",     0x9c21, 0xfc63, CF_CA,           addw,  "d,t",    0) \
  C(c_j,        "c.j",        0xa001, 0xe003, CF_CJ,           jal,   "b",      0) \
  C(c_beqz,     "c.beqz",     0xc001, 0xe003, CF_CB_BRANCH,    beq,   "s,b",    0) \
  C(c_bnez,     "c.bnez",     0xe001, 0xe003, CF_CB_BRANCH,    bne,   "s,b",    0) \
  C(c_slli,     "c.slli",     0x0002, 0xe003, CF_CI_SLLI,      slli,  "d,x",    C_NZ_IMM) \
  C(c_slli64,   "c.slli64",   0x0002, 0xf07f, CF_CI_SLLI,      slli,  "d",      0) \
  C(c_fldsp,    "c.fldsp",    0x2002, 0xe003, CF_CI_LDSP,      fld,   "d,o(s)", 0) \
  C(c_lwsp,     "c.lwsp",     0x4002, 0xe003, CF_CI_LWSP,      lw,    "d,o(s)", C_NZ_RD) \
  C(c_ldsp,     "c.ldsp",     0x6002, 0xe003, CF_CI_LDSP,      ld,    "d,o(s)", C_NZ_RD) \
  C(c_jr,       "c.jr",       0x8002, 0xf07f, CF_CR_JR,        jalr,  "s",      C_NZ_RD) \
  C(c_mv,       "c.mv",       0x8002, 0xf003, CF_CR_MV,        add,   "d,t",    C_NZ_RS2) \
  C(c_ebreak,   "c.ebreak",   0x9002, 0xffff, CF_NONE,         ebreak, "",      0) \
  C(c_jalr,     "c.jalr",     0x9002, 0xf07f, CF_CR_JALR,      jalr,  "s",      C_NZ_RD) \
  C(c_add,      "c.add",      0x9002, 0xf003, CF_CR_ADD,       add,   "d,t",    C_NZ_RS2) \
  C(c_fsdsp,    "c.fsdsp",    0xa002, 0xe003, CF_CSS_SDSP,     fsd,   "t,o(s)", 0) \
  C(c_swsp,     "c.swsp",     0xc002, 0xe003, CF_CSS_SWSP,     sw,    "t,o(s)", 0) \
  C(c_sdsp,     "c.sdsp",     0xe002, 0xe003, CF_CSS_SDSP,     sd,    "t,o(s)", 0)

#endif

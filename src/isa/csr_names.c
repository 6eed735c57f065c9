/* CSR names, as binutils 2.40 objdump prints them (the unprivileged and privileged specs'
 * names, including those of extensions a user program cannot access), so disassembly matches. */
#include "isa/isa.h"

/* The numbered families (hpmcounter3..31 and the like), one entry per number. */
#define CSR_AT(base, prefix, suffix, n) [(base) + (n)] = prefix #n suffix,
#define CSR_N0_15(F, ...)                                                                    \
  F(__VA_ARGS__, 0) F(__VA_ARGS__, 1) F(__VA_ARGS__, 2) CSR_N3_15(F, __VA_ARGS__)
#define CSR_N3_15(F, ...)                                                                    \
  F(__VA_ARGS__, 3) F(__VA_ARGS__, 4) F(__VA_ARGS__, 5) F(__VA_ARGS__, 6) F(__VA_ARGS__, 7) \
  F(__VA_ARGS__, 8) F(__VA_ARGS__, 9) F(__VA_ARGS__, 10) F(__VA_ARGS__, 11)                 \
  F(__VA_ARGS__, 12) F(__VA_ARGS__, 13) F(__VA_ARGS__, 14) F(__VA_ARGS__, 15)
#define CSR_N16_31(F, ...)                                                                   \
  F(__VA_ARGS__, 16) F(__VA_ARGS__, 17) F(__VA_ARGS__, 18) F(__VA_ARGS__, 19)               \
  F(__VA_ARGS__, 20) F(__VA_ARGS__, 21) F(__VA_ARGS__, 22) F(__VA_ARGS__, 23)               \
  F(__VA_ARGS__, 24) F(__VA_ARGS__, 25) F(__VA_ARGS__, 26) F(__VA_ARGS__, 27)               \
  F(__VA_ARGS__, 28) F(__VA_ARGS__, 29) F(__VA_ARGS__, 30) F(__VA_ARGS__, 31)
#define CSR_N32_63(F, ...)                                                                   \
  F(__VA_ARGS__, 32) F(__VA_ARGS__, 33) F(__VA_ARGS__, 34) F(__VA_ARGS__, 35)               \
  F(__VA_ARGS__, 36) F(__VA_ARGS__, 37) F(__VA_ARGS__, 38) F(__VA_ARGS__, 39)               \
  F(__VA_ARGS__, 40) F(__VA_ARGS__, 41) F(__VA_ARGS__, 42) F(__VA_ARGS__, 43)               \
  F(__VA_ARGS__, 44) F(__VA_ARGS__, 45) F(__VA_ARGS__, 46) F(__VA_ARGS__, 47)               \
  F(__VA_ARGS__, 48) F(__VA_ARGS__, 49) F(__VA_ARGS__, 50) F(__VA_ARGS__, 51)               \
  F(__VA_ARGS__, 52) F(__VA_ARGS__, 53) F(__VA_ARGS__, 54) F(__VA_ARGS__, 55)               \
  F(__VA_ARGS__, 56) F(__VA_ARGS__, 57) F(__VA_ARGS__, 58) F(__VA_ARGS__, 59)               \
  F(__VA_ARGS__, 60) F(__VA_ARGS__, 61) F(__VA_ARGS__, 62) F(__VA_ARGS__, 63)
#define CSR_N3_31(F, ...) CSR_N3_15(F, __VA_ARGS__) CSR_N16_31(F, __VA_ARGS__)

static const char *const csr_names[4096] = {
  [0x001] = "fflags", [0x002] = "frm", [0x003] = "fcsr", [0x008] = "vstart", [0x009] = "vxsat",
  [0x00a] = "vxrm", [0x00f] = "vcsr", [0x015] = "seed",
  [0x100] = "sstatus", [0x104] = "sie", [0x105] = "stvec", [0x106] = "scounteren",
  [0x10a] = "senvcfg", [0x10c] = "sstateen0", [0x10d] = "sstateen1", [0x10e] = "sstateen2",
  [0x10f] = "sstateen3", [0x114] = "sieh", [0x140] = "sscratch", [0x141] = "sepc",
  [0x142] = "scause", [0x143] = "stval", [0x144] = "sip", [0x14d] = "stimecmp",
  [0x150] = "siselect", [0x151] = "sireg", [0x154] = "siph", [0x15c] = "stopei",
  [0x15d] = "stimecmph", [0x180] = "satp",
  [0x200] = "vsstatus", [0x204] = "vsie", [0x205] = "vstvec", [0x214] = "vsieh",
  [0x240] = "vsscratch", [0x241] = "vsepc", [0x242] = "vscause", [0x243] = "vstval",
  [0x244] = "vsip", [0x24d] = "vstimecmp", [0x250] = "vsiselect", [0x251] = "vsireg",
  [0x254] = "vsiph", [0x25c] = "vstopei", [0x25d] = "vstimecmph", [0x280] = "vsatp",
  [0x300] = "mstatus", [0x301] = "misa", [0x302] = "medeleg", [0x303] = "mideleg",
  [0x304] = "mie", [0x305] = "mtvec", [0x306] = "mcounteren", [0x308] = "mvien",
  [0x309] = "mvip", [0x30a] = "menvcfg", [0x30c] = "mstateen0", [0x30d] = "mstateen1",
  [0x30e] = "mstateen2", [0x30f] = "mstateen3", [0x310] = "mstatush", [0x313] = "midelegh",
  [0x314] = "mieh", [0x318] = "mvienh", [0x319] = "mviph", [0x31a] = "menvcfgh",
  [0x31c] = "mstateen0h", [0x31d] = "mstateen1h", [0x31e] = "mstateen2h", [0x31f] = "mstateen3h",
  [0x320] = "mcountinhibit", [0x340] = "mscratch", [0x341] = "mepc", [0x342] = "mcause",
  [0x343] = "mtval", [0x344] = "mip", [0x34a] = "mtinst", [0x34b] = "mtval2",
  [0x350] = "miselect", [0x351] = "mireg", [0x354] = "miph", [0x35c] = "mtopei",
  [0x5a8] = "scontext",
  [0x600] = "hstatus", [0x602] = "hedeleg", [0x603] = "hideleg", [0x604] = "hie",
  [0x605] = "htimedelta", [0x606] = "hcounteren", [0x607] = "hgeie", [0x608] = "hvien",
  [0x609] = "hvictl", [0x60a] = "henvcfg", [0x60c] = "hstateen0", [0x60d] = "hstateen1",
  [0x60e] = "hstateen2", [0x60f] = "hstateen3", [0x613] = "hidelegh", [0x615] = "htimedeltah",
  [0x618] = "hvienh", [0x61a] = "henvcfgh", [0x61c] = "hstateen0h", [0x61d] = "hstateen1h",
  [0x61e] = "hstateen2h", [0x61f] = "hstateen3h", [0x643] = "htval", [0x644] = "hip",
  [0x645] = "hvip", [0x646] = "hviprio1", [0x647] = "hviprio2", [0x64a] = "htinst",
  [0x655] = "hviph", [0x656] = "hviprio1h", [0x657] = "hviprio2h", [0x680] = "hgatp",
  [0x6a8] = "hcontext",
  [0x747] = "mseccfg", [0x757] = "mseccfgh", [0x7a0] = "tselect", [0x7a1] = "tdata1",
  [0x7a2] = "tdata2", [0x7a3] = "tdata3", [0x7a4] = "tinfo", [0x7a5] = "tcontrol",
  [0x7a8] = "mcontext", [0x7aa] = "mscontext", [0x7b0] = "dcsr", [0x7b1] = "dpc",
  [0x7b2] = "dscratch0", [0x7b3] = "dscratch1",
  [0xb00] = "mcycle", [0xb02] = "minstret", [0xb80] = "mcycleh", [0xb82] = "minstreth",
  [0xc00] = "cycle", [0xc01] = "time", [0xc02] = "instret", [0xc20] = "vl", [0xc21] = "vtype",
  [0xc22] = "vlenb", [0xc80] = "cycleh", [0xc81] = "timeh", [0xc82] = "instreth",
  [0xda0] = "scountovf", [0xdb0] = "stopi",
  [0xe12] = "hgeip", [0xeb0] = "vstopi",
  [0xf11] = "mvendorid", [0xf12] = "marchid", [0xf13] = "mimpid", [0xf14] = "mhartid",
  [0xf15] = "mconfigptr", [0xfb0] = "mtopi",
  CSR_N3_31(CSR_AT, 0xc00, "hpmcounter", "")
  CSR_N3_31(CSR_AT, 0xc80, "hpmcounter", "h")
  CSR_N3_31(CSR_AT, 0xb00, "mhpmcounter", "")
  CSR_N3_31(CSR_AT, 0xb80, "mhpmcounter", "h")
  CSR_N3_31(CSR_AT, 0x320, "mhpmevent", "")
  CSR_N3_31(CSR_AT, 0x720, "mhpmevent", "h")
  CSR_N0_15(CSR_AT, 0x3a0, "pmpcfg", "")
  CSR_N0_15(CSR_AT, 0x3b0, "pmpaddr", "")
  CSR_N16_31(CSR_AT, 0x3b0, "pmpaddr", "")
  CSR_N32_63(CSR_AT, 0x3b0, "pmpaddr", "")
};

const char *isa_csr_name(uint32_t csr) {
  return csr < 4096 ? csr_names[csr] : NULL;
}

/* libFuzzer harness for the instruction decoder, the disassembler and the predecoder.
 * Every 32-bit word and every 16-bit parcel of the input is decoded and held to the table:
 *  - a decoded word satisfies its row's match/mask, and the row is the first that does (the
 *    table's order is the decoder's tie-break); re-encoding the decoded fields by the row's
 *    format gives back every bit the row and its fields cover; an undecodable word matches
 *    no row (or only one whose rounding mode is reserved);
 *  - a compressed word expands to its row's base operation, and the 32-bit encoding of that
 *    expansion decodes to the same operation and fields;
 *  - the disassembly, into a buffer of every size from 0 up, is non-empty, NUL-terminated
 *    inside the buffer and never written past it (ASan watches the exact-size allocation).
 * Then the input is laid out as a 4 KiB page of guest code, followed by a page that is or is
 * not executable, and blocks are predecoded from many offsets: nothing may crash, and every
 * block must stay within its bounds. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "fuzz.h"
#include "interp/block.h"
#include "isa/isa.h"
#include "mem/mem.h"

#define CODE UINT64_C(0x10000)   /* guest address of the code page */

static uint32_t bits(uint32_t w, int hi, int lo) { return (w >> lo) & ((1u << (hi - lo + 1)) - 1); }

/* The 32-bit encoding of `in` by row `r`'s format; *covered gets the bits that encoding
 * determines (the row's fixed bits and its fields). */
static uint32_t encode(const struct isa_row *r, const isa_insn *in, uint32_t *covered)
{
  uint32_t w = r->match, f = 0;
  uint32_t rd = (uint32_t)in->rd << 7, rs1 = (uint32_t)in->rs1 << 15, rs2 = (uint32_t)in->rs2 << 20;
  uint32_t imm = (uint32_t)in->imm;
  switch (r->fmt) {
  case FMT_R4:
    w |= (uint32_t)in->rs3 << 27, f |= 0xf8000000u;
    /* fall through */
  case FMT_R:
    w |= rd | rs1 | rs2 | (uint32_t)in->rm << 12, f |= 0x01ffff80u;
    break;
  case FMT_I:
    w |= rd | rs1 | (imm & 0xfff) << 20, f |= 0xfff00000u | 0x000f8f80u;
    break;
  case FMT_SH5:
    w |= rd | rs1 | (imm & 0x1f) << 20, f |= 0x01f00000u | 0x000f8f80u;
    break;
  case FMT_SH6:
    w |= rd | rs1 | (imm & 0x3f) << 20, f |= 0x03f00000u | 0x000f8f80u;
    break;
  case FMT_S:
    w |= rs1 | rs2 | (imm & 0x1f) << 7 | (imm >> 5 & 0x7f) << 25, f |= 0xfe0f8f80u | 0x01f00000u;
    break;
  case FMT_B:
    w |= rs1 | rs2 | (imm >> 12 & 1) << 31 | (imm >> 5 & 0x3f) << 25 | (imm >> 1 & 0xf) << 8 |
         (imm >> 11 & 1) << 7;
    f |= 0xffff8f80u;
    break;
  case FMT_U:
    w |= rd | (imm & 0xfffff000u), f |= 0xffffff80u;
    break;
  case FMT_J:
    w |= rd | (imm >> 20 & 1) << 31 | (imm >> 1 & 0x3ff) << 21 | (imm >> 11 & 1) << 20 |
         (imm >> 12 & 0xff) << 12;
    f |= 0xffffff80u;
    break;
  case FMT_CSR:
    w |= rd | rs1 | (imm & 0xfff) << 20, f |= 0xfff00000u | 0x000f8f80u;
    break;
  case FMT_AMO:
    w |= rd | rs1 | rs2 | (uint32_t)(in->rm & 3) << 25, f |= 0x07ff8f80u;
    break;
  case FMT_FENCE:
    w |= (imm & 0xfff) << 20, f |= 0xfff00000u;
    break;
  default:
    break;
  }
  *covered = r->mask | f;
  return w;
}

/* The range each format's immediate may take. */
static bool imm_in_range(int fmt, int64_t imm)
{
  switch (fmt) {
  case FMT_I: case FMT_S: return imm >= -2048 && imm <= 2047;
  case FMT_SH5: return imm >= 0 && imm < 32;
  case FMT_SH6: return imm >= 0 && imm < 64;
  case FMT_B: return imm >= -4096 && imm <= 4094 && !(imm & 1);
  case FMT_J: return imm >= -(1 << 20) && imm < (1 << 20) && !(imm & 1);
  case FMT_U: return imm == (int64_t)(int32_t)(uint32_t)imm && !(imm & 0xfff);
  case FMT_CSR: case FMT_FENCE: return imm >= 0 && imm < 4096;
  default: return imm == 0;
  }
}

static void check_disasm(const isa_insn *in, uint64_t pc)
{
  char full[256];
  int n = isa_disasm(in, pc, full, sizeof full);
  FUZZ_CHECK(n > 0 && (size_t)n < sizeof full, "disassembly of %08x has length %d", in->raw, n);
  FUZZ_CHECK(strlen(full) == (size_t)n, "disassembly of %08x: strlen %zu, returned %d", in->raw,
             strlen(full), n);
  /* Every truncation: an exact-size heap buffer, so ASan sees a write one byte past it. */
  for (size_t size = 0; size <= (size_t)n + 1; size++) {
    char *b = malloc(size ? size : 1);
    int m = isa_disasm(in, pc, b, size);
    FUZZ_CHECK(m == n, "disassembly of %08x into %zu bytes returned %d, not %d", in->raw, size,
               m, n);
    if (size) {
      FUZZ_CHECK(memchr(b, 0, size) != NULL, "disassembly into %zu bytes not terminated", size);
      size_t want = (size_t)n < size - 1 ? (size_t)n : size - 1;
      FUZZ_CHECK(strlen(b) == want && memcmp(b, full, want) == 0,
                 "disassembly of %08x into %zu bytes is '%s', not a prefix of '%s'", in->raw,
                 size, b, full);
    }
    free(b);
  }
}

static void check_fields(const isa_insn *in, const char *what)
{
  FUZZ_CHECK(in->rd < 32 && in->rs1 < 32 && in->rs2 < 32 && in->rs3 < 32,
             "%s %08x: register out of range", what, in->raw);
}

static void check32(uint32_t w)
{
  w |= 3;
  isa_insn in;
  bool ok = isa_decode(w, &in);
  /* The first row that matches decides (the decoder's order); a reserved rounding mode in it
   * makes the word illegal. */
  int first = 0;
  for (int op = 1; op < OP_COUNT && !first; op++)
    if ((w & isa_rows[op].mask) == isa_rows[op].match)
      first = op;
  bool reserved_rm = first && (isa_rows[first].flags & F_RM) &&
                     (bits(w, 14, 12) == 5 || bits(w, 14, 12) == 6);
  if (!ok) {
    FUZZ_CHECK(in.op == OP_illegal && in.len == 4, "illegal %08x: op %u len %u", w, in.op,
               in.len);
    FUZZ_CHECK(!first || reserved_rm, "%08x is illegal but row %s matches", w,
               isa_rows[first].mnemonic);
    check_disasm(&in, 0x1000);
    return;
  }
  FUZZ_CHECK(in.op == first && !reserved_rm, "%08x decodes to %s, the table says %s", w,
             isa_rows[in.op].mnemonic, first ? isa_rows[first].mnemonic : "illegal");
  FUZZ_CHECK(in.len == 4 && in.cop == COP_none && in.raw == w, "%08x: len %u cop %u raw %08x",
             w, in.len, in.cop, in.raw);
  check_fields(&in, "word");
  const struct isa_row *r = &isa_rows[in.op];
  FUZZ_CHECK(imm_in_range(r->fmt, in.imm), "%08x (%s): immediate %lld out of range", w,
             r->mnemonic, (long long)in.imm);
  uint32_t covered, e = encode(r, &in, &covered);
  FUZZ_CHECK(((e ^ w) & covered) == 0, "%08x (%s) re-encodes to %08x (covered bits %08x)", w,
             r->mnemonic, e, covered);
  check_disasm(&in, 0x1000);
}

static void check16(uint16_t h)
{
  if ((h & 3) == 3)
    return;
  isa_insn in;
  bool ok = isa_decode(h, &in);
  if (!ok) {
    FUZZ_CHECK(in.op == OP_illegal && in.len == 2, "illegal %04x: op %u len %u", h, in.op,
               in.len);
    /* A row that matches and has no constraint to fail would have decoded. */
    for (int c = 1; c < COP_COUNT; c++)
      FUZZ_CHECK((h & isa_crows[c].mask) != isa_crows[c].match || isa_crows[c].cons,
                 "%04x is illegal but %s matches", h, isa_crows[c].mnemonic);
    check_disasm(&in, 0x1000);
    return;
  }
  FUZZ_CHECK(in.cop > 0 && in.cop < COP_COUNT && in.len == 2 && in.raw == h,
             "%04x: cop %u len %u raw %x", h, in.cop, in.len, in.raw);
  const struct isa_row *c = &isa_crows[in.cop];
  FUZZ_CHECK((h & c->mask) == c->match, "%04x decodes to %s, whose match/mask it fails", h,
             c->mnemonic);
  FUZZ_CHECK(in.op == c->base, "%04x (%s) expands to %s, not its base %s", h, c->mnemonic,
             isa_rows[in.op].mnemonic, isa_rows[c->base].mnemonic);
  if (c->cons & C_NZ_RD)
    FUZZ_CHECK(bits(h, 11, 7) != 0, "%04x (%s): rd 0", h, c->mnemonic);
  if (c->cons & C_NOT_SP)
    FUZZ_CHECK(bits(h, 11, 7) != 2, "%04x (%s): rd sp", h, c->mnemonic);
  if (c->cons & C_NZ_RS2)
    FUZZ_CHECK(bits(h, 6, 2) != 0, "%04x (%s): rs2 0", h, c->mnemonic);
  if (c->cons & C_NZ_IMM)
    FUZZ_CHECK(in.imm != 0, "%04x (%s): immediate 0", h, c->mnemonic);
  check_fields(&in, "compressed");
  /* The expansion, as a 32-bit word, decodes to the same instruction. */
  const struct isa_row *b = &isa_rows[in.op];
  FUZZ_CHECK(imm_in_range(b->fmt, in.imm), "%04x (%s): expanded immediate %lld out of range", h,
             c->mnemonic, (long long)in.imm);
  uint32_t covered, w = encode(b, &in, &covered);
  isa_insn again;
  FUZZ_CHECK(isa_decode(w, &again), "%04x (%s) expands to %08x, which is illegal", h,
             c->mnemonic, w);
  FUZZ_CHECK(again.op == in.op && again.rd == in.rd && again.rs1 == in.rs1 &&
             again.rs2 == in.rs2 && again.imm == in.imm,
             "%04x (%s) expands to %08x, which decodes to %s %u,%u,%u,%lld (not %u,%u,%u,%lld)",
             h, c->mnemonic, w, isa_rows[again.op].mnemonic, again.rd, again.rs1, again.rs2,
             (long long)again.imm, in.rd, in.rs1, in.rs2, (long long)in.imm);
  check_disasm(&in, 0x1000);
}

/* Predecodes blocks of the page from many starting points. */
static void check_predecode(const uint8_t *data, size_t size, bool next_exec)
{
  static bool mapped;
  if (!mapped) {
    FUZZ_CHECK(mem_map_fixed(CODE, 2 * GUEST_PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, false,
                             "code") == 0, "cannot map the code pages");
    mapped = true;
  }
  mem_mprotect(CODE + GUEST_PAGE, GUEST_PAGE,
               PROT_READ | PROT_WRITE | (next_exec ? PROT_EXEC : 0));
  uint8_t *page = mem_g2h(CODE);
  size_t n = size < 2 * GUEST_PAGE ? size : 2 * GUEST_PAGE;
  memset(page, 0, 2 * GUEST_PAGE);
  memcpy(page, data, n);
  /* At most 96 starts spread over the first page, and its last parcels (a 32-bit word that
   * straddles the page end). */
  size_t used = n < GUEST_PAGE ? n : GUEST_PAGE;
  size_t step = (used / 96 + 1) & ~(size_t)1;
  if (step < 2)
    step = 2;
  static interp_op ops[INTERP_MAX_OPS + 1];
  static rv_cpu cpu;
  for (size_t off = 0; off < GUEST_PAGE; off += step) {
    if (off >= used && off < GUEST_PAGE - 8)
      off = GUEST_PAGE - 8;
    uint64_t pc = CODE + off, end = 0;
    unsigned insns = 0;
    unsigned k = interp_predecode(&cpu, pc, ops, &end, &insns);
    FUZZ_CHECK(k >= 1 && k <= INTERP_MAX_OPS + 1, "block at %#llx has %u ops",
               (unsigned long long)pc, k);
    FUZZ_CHECK(insns >= 1 && insns <= INTERP_MAX_OPS, "block at %#llx has %u instructions",
               (unsigned long long)pc, insns);
    FUZZ_CHECK(end > pc && end <= CODE + GUEST_PAGE + 2, "block at %#llx ends at %#llx",
               (unsigned long long)pc, (unsigned long long)end);
    for (unsigned i = 0; i < k; i++) {
      FUZZ_CHECK(ops[i].hid < H_COUNT, "op %u of the block at %#llx: handler %u", i,
                 (unsigned long long)pc, ops[i].hid);
      FUZZ_CHECK(ops[i].pc >= pc && ops[i].pc <= end, "op %u of the block at %#llx: pc %#llx",
                 i, (unsigned long long)pc, (unsigned long long)ops[i].pc);
    }
  }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc, (void)argv;
  if (mem_init() < 0)
    abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  bool next_exec = data[0] & 1;
  fuzz_in in = { data + 1, size - 1 };
  while (in.n >= 2) {
    uint32_t w = in.n >= 4 ? fuzz_u32(&in) : fuzz_u16(&in);
    check16((uint16_t)w);
    check16((uint16_t)(w >> 16));
    check32(w);
  }
  check_predecode(data + 1, size - 1, next_exec);
  return 0;
}

/* Decoder: instruction word -> isa_insn, driven by the rows of insn_table.h.
 *
 * A word is matched only against the rows that can apply to it: an index keyed by the bits
 * nearly every row fixes (32-bit: opcode[6:2], funct3, funct7; 16-bit: quadrant, bits 6:5 and
 * 15:10) lists, per key, the rows compatible with it, so a lookup scans a handful of rows
 * (at most 4 for the RV64GC table). The index is built from the table on first use. */
#include <pthread.h>
#include <stdlib.h>
#include "isa/isa.h"
#include "util/log.h"

/* Key of a 32-bit word: opcode[6:2] -> key[4:0], funct3 -> key[7:5], funct7 -> key[14:8].
 * It is a bit gather, so it also maps a row's mask and match into key space. */
#define K32_BITS 15
static inline uint32_t key32(uint32_t w) {
  return ((w >> 2) & 0x1f) | ((w >> 7) & 0xe0) | ((w >> 17) & 0x7f00);
}

/* Key of a 16-bit word: bits 1:0 -> key[1:0], 6:5 -> key[3:2], 15:10 -> key[9:4]. */
#define K16_BITS 10
static inline uint32_t key16(uint32_t w) {
  return (w & 3) | ((w >> 3) & 0xc) | ((w >> 6) & 0x3f0);
}

/* Rows per key, as offsets into a pool: bucket k is pool[start[k] .. start[k+1]). */
struct index {
  uint32_t *start;
  uint16_t *pool;
};
static struct index idx32, idx16;
static pthread_once_t idx_once = PTHREAD_ONCE_INIT;

/* Calls fn(key) for every key compatible with a row: its fixed key bits, any free ones. */
static void each_key(uint32_t kmatch, uint32_t kmask, uint32_t kbits,
                     void (*fn)(struct index *, uint32_t, uint16_t), struct index *ix,
                     uint16_t row) {
  uint32_t free_bits = ~kmask & ((1u << kbits) - 1), base = kmatch & kmask;
  /* Enumerates the subsets of free_bits (standard (s - 1) & free trick). */
  for (uint32_t s = free_bits;; s = (s - 1) & free_bits) {
    fn(ix, base | s, row);
    if (s == 0) break;
  }
}

static void count_key(struct index *ix, uint32_t k, uint16_t row) {
  (void)row;
  ix->start[k + 1]++;
}

static void fill_key(struct index *ix, uint32_t k, uint16_t row) {
  /* start[k] is used as the fill cursor and restored afterwards. */
  ix->pool[ix->start[k]++] = row;
}

static void build_one(struct index *ix, const struct isa_row *rows, int first, int count,
                      uint32_t (*key)(uint32_t), int kbits) {
  uint32_t nkeys = 1u << kbits;
  ix->start = calloc(nkeys + 1, sizeof *ix->start);
  if (!ix->start) log_fatal("out of memory building the decoder index");
  for (int r = first; r < count; r++)
    each_key(key(rows[r].match), key(rows[r].mask), kbits, count_key, ix, (uint16_t)r);
  for (uint32_t k = 0; k < nkeys; k++) ix->start[k + 1] += ix->start[k];
  ix->pool = malloc((ix->start[nkeys] + 1) * sizeof *ix->pool);
  if (!ix->pool) log_fatal("out of memory building the decoder index");
  for (int r = first; r < count; r++)
    each_key(key(rows[r].match), key(rows[r].mask), kbits, fill_key, ix, (uint16_t)r);
  /* Each start[k] now holds the old start[k + 1]: shift back. */
  for (uint32_t k = nkeys; k > 0; k--) ix->start[k] = ix->start[k - 1];
  ix->start[0] = 0;
}

static void build_index(void) {
  build_one(&idx32, isa_rows, 1, OP_COUNT, key32, K32_BITS);
  build_one(&idx16, isa_crows, 1, COP_COUNT, key16, K16_BITS);
}

static inline int64_t sext(uint64_t v, int bits) {
  return (int64_t)(v << (64 - bits)) >> (64 - bits);
}
static inline uint32_t bits(uint32_t w, int hi, int lo) {
  return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

/* Fields of a 32-bit word per row format. */
static void fields32(uint32_t w, int fmt, isa_insn *in) {
  uint8_t rd = bits(w, 11, 7), rs1 = bits(w, 19, 15), rs2 = bits(w, 24, 20);
  switch (fmt) {
  case FMT_R4:
    in->rs3 = bits(w, 31, 27);
    /* fall through */
  case FMT_R:
    in->rd = rd, in->rs1 = rs1, in->rs2 = rs2, in->rm = bits(w, 14, 12);
    break;
  case FMT_I:
    in->rd = rd, in->rs1 = rs1, in->imm = (int32_t)w >> 20;
    break;
  case FMT_SH5:
    in->rd = rd, in->rs1 = rs1, in->imm = bits(w, 24, 20);
    break;
  case FMT_SH6:
    in->rd = rd, in->rs1 = rs1, in->imm = bits(w, 25, 20);
    break;
  case FMT_S:
    in->rs1 = rs1, in->rs2 = rs2;
    in->imm = (int64_t)(((int32_t)w >> 25) * 32) | bits(w, 11, 7);
    break;
  case FMT_B:
    in->rs1 = rs1, in->rs2 = rs2;
    in->imm = sext(bits(w, 31, 31) << 12 | bits(w, 7, 7) << 11 | bits(w, 30, 25) << 5 |
                       bits(w, 11, 8) << 1, 13);
    break;
  case FMT_U:
    in->rd = rd, in->imm = (int32_t)(w & 0xfffff000u);
    break;
  case FMT_J:
    in->rd = rd;
    in->imm = sext(bits(w, 31, 31) << 20 | bits(w, 19, 12) << 12 | bits(w, 20, 20) << 11 |
                       bits(w, 30, 21) << 1, 21);
    break;
  case FMT_CSR:
    in->rd = rd, in->rs1 = rs1, in->imm = bits(w, 31, 20);
    break;
  case FMT_AMO:
    in->rd = rd, in->rs1 = rs1, in->rs2 = rs2, in->rm = bits(w, 26, 25);
    break;
  case FMT_FENCE:
    in->imm = bits(w, 31, 20);
    break;
  default:
    break;
  }
}

/* Fields of a compressed word, as those of the 32-bit instruction it expands to. */
static void fields16(uint32_t w, int cfmt, isa_insn *in) {
  uint8_t r = bits(w, 11, 7), r2 = bits(w, 6, 2);      /* full register fields */
  uint8_t rp1 = 8 + bits(w, 9, 7), rp2 = 8 + bits(w, 4, 2); /* x8..x15 */
  int64_t imm6 = sext(bits(w, 12, 12) << 5 | bits(w, 6, 2), 6);
  switch (cfmt) {
  case CF_CIW_ADDI4SPN:
    in->rd = rp2, in->rs1 = 2;
    in->imm = bits(w, 12, 11) << 4 | bits(w, 10, 7) << 6 | bits(w, 6, 6) << 2 | bits(w, 5, 5) << 3;
    break;
  case CF_CL_W:
  case CF_CL_D:
  case CF_CS_W:
  case CF_CS_D:
    if (cfmt == CF_CL_W || cfmt == CF_CL_D) in->rd = rp2;
    else in->rs2 = rp2;
    in->rs1 = rp1;
    in->imm = bits(w, 12, 10) << 3;
    if (cfmt == CF_CL_W || cfmt == CF_CS_W) in->imm |= bits(w, 6, 6) << 2 | bits(w, 5, 5) << 6;
    else in->imm |= bits(w, 6, 5) << 6;
    break;
  case CF_CI:
    in->rd = in->rs1 = r, in->imm = imm6;
    break;
  case CF_CI_LI:
    in->rd = r, in->imm = imm6;
    break;
  case CF_CI_ADDI16SP:
    in->rd = in->rs1 = 2;
    in->imm = sext(bits(w, 12, 12) << 9 | bits(w, 6, 6) << 4 | bits(w, 5, 5) << 6 |
                       bits(w, 4, 3) << 7 | bits(w, 2, 2) << 5, 10);
    break;
  case CF_CI_LUI:
    in->rd = r, in->imm = imm6 * 4096;
    break;
  case CF_CI_SLLI:
    in->rd = in->rs1 = r, in->imm = bits(w, 12, 12) << 5 | r2;
    break;
  case CF_CI_LWSP:
    in->rd = r, in->rs1 = 2;
    in->imm = bits(w, 12, 12) << 5 | bits(w, 6, 4) << 2 | bits(w, 3, 2) << 6;
    break;
  case CF_CI_LDSP:
    in->rd = r, in->rs1 = 2;
    in->imm = bits(w, 12, 12) << 5 | bits(w, 6, 5) << 3 | bits(w, 4, 2) << 6;
    break;
  case CF_CSS_SWSP:
    in->rs1 = 2, in->rs2 = r2, in->imm = bits(w, 12, 9) << 2 | bits(w, 8, 7) << 6;
    break;
  case CF_CSS_SDSP:
    in->rs1 = 2, in->rs2 = r2, in->imm = bits(w, 12, 10) << 3 | bits(w, 9, 7) << 6;
    break;
  case CF_CB_SHIFT:
    in->rd = in->rs1 = rp1, in->imm = bits(w, 12, 12) << 5 | r2;
    break;
  case CF_CB_ANDI:
    in->rd = in->rs1 = rp1, in->imm = imm6;
    break;
  case CF_CB_BRANCH:
    in->rs1 = rp1;
    in->imm = sext(bits(w, 12, 12) << 8 | bits(w, 11, 10) << 3 | bits(w, 6, 5) << 6 |
                       bits(w, 4, 3) << 1 | bits(w, 2, 2) << 5, 9);
    break;
  case CF_CA:
    in->rd = in->rs1 = rp1, in->rs2 = rp2;
    break;
  case CF_CJ:
    in->imm = sext(bits(w, 12, 12) << 11 | bits(w, 11, 11) << 4 | bits(w, 10, 9) << 8 |
                       bits(w, 8, 8) << 10 | bits(w, 7, 7) << 6 | bits(w, 6, 6) << 7 |
                       bits(w, 5, 3) << 1 | bits(w, 2, 2) << 5, 12);
    break;
  case CF_CR_JR:
    in->rs1 = r;
    break;
  case CF_CR_JALR:
    in->rd = 1, in->rs1 = r;
    break;
  case CF_CR_MV:
    in->rd = r, in->rs2 = r2;
    break;
  case CF_CR_ADD:
    in->rd = in->rs1 = r, in->rs2 = r2;
    break;
  default:
    break;
  }
}

/* The C_* conditions of a compressed row, on the word and its decoded immediate. */
static bool cons_hold(uint32_t w, uint32_t cons, int64_t imm) {
  uint32_t r = bits(w, 11, 7);
  if ((cons & C_NZ_RD) && r == 0) return false;
  if ((cons & C_NOT_SP) && r == 2) return false;
  if ((cons & C_NZ_RS2) && bits(w, 6, 2) == 0) return false;
  if ((cons & C_NZ_IMM) && imm == 0) return false;
  return true;
}

static bool illegal(uint32_t raw, int len, isa_insn *out) {
  *out = (isa_insn){.op = OP_illegal, .len = (uint8_t)len, .raw = raw};
  return false;
}

bool isa_decode(uint32_t word, isa_insn *out) {
  pthread_once(&idx_once, build_index);
  if (isa_length((uint16_t)word) == 2) {
    uint32_t w = word & 0xffff, k = key16(w);
    for (uint32_t i = idx16.start[k]; i < idx16.start[k + 1]; i++) {
      const struct isa_row *r = &isa_crows[idx16.pool[i]];
      if ((w & r->mask) != r->match) continue;
      *out = (isa_insn){.op = r->base, .cop = idx16.pool[i], .len = 2, .raw = w};
      fields16(w, r->fmt, out);
      if (cons_hold(w, r->cons, out->imm)) return true;
    }
    return illegal(w, 2, out);
  }
  uint32_t k = key32(word);
  for (uint32_t i = idx32.start[k]; i < idx32.start[k + 1]; i++) {
    const struct isa_row *r = &isa_rows[idx32.pool[i]];
    if ((word & r->mask) != r->match) continue;
    /* rm 5 and 6 are reserved encodings of every rounding-mode field */
    uint32_t rm = bits(word, 14, 12);
    if ((r->flags & F_RM) && (rm == 5 || rm == 6)) break;
    *out = (isa_insn){.op = idx32.pool[i], .len = 4, .raw = word};
    fields32(word, r->fmt, out);
    return true;
  }
  return illegal(word, 4, out);
}

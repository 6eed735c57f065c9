/* x86-64 encodings of the SSE and FMA3 register forms the FP translation needs beyond
 * x86_emit.c's scalar ones: packed moves and bit operations on whole xmm registers, and
 * the VEX-encoded fused multiply-adds. */
#include "jit/fp_internal.h"

/* [pfx] [REX.RB] 0f op modrm(xd, xs) */
static void rr(x86_buf *b, uint8_t pfx, uint8_t op, int xd, int xs) {
  if (pfx)
    x86_byte(b, pfx);
  if ((xd | xs) & 8)
    x86_byte(b, (uint8_t)(0x40 | (xd & 8) >> 1 | (xs & 8) >> 3));
  x86_byte(b, 0x0f);
  x86_byte(b, op);
  x86_byte(b, (uint8_t)(0xc0 | (xd & 7) << 3 | (xs & 7)));
}

void fpx_movapd(x86_buf *b, int xd, int xs) {
  if (xd != xs)
    rr(b, 0x66, 0x28, xd, xs);
}
void fpx_xorps(x86_buf *b, int xd, int xs) { rr(b, 0, 0x57, xd, xs); }
void fpx_orpd(x86_buf *b, int xd, int xs) { rr(b, 0x66, 0x56, xd, xs); }
void fpx_pcmpeqd(x86_buf *b, int xd, int xs) { rr(b, 0x66, 0x76, xd, xs); }

void fpx_psllq(x86_buf *b, int xd, uint8_t n) {   /* 66 0f 73 /6 ib */
  rr(b, 0x66, 0x73, 6, xd);
  x86_byte(b, n);
}

void fpx_fma231(x86_buf *b, bool dbl, uint8_t opc, int xd, int xv, int xm) {
  x86_byte(b, 0xc4);
  /* ~R ~X ~B, map 0f38 */
  x86_byte(b, (uint8_t)((xd & 8 ? 0 : 0x80) | 0x40 | (xm & 8 ? 0 : 0x20) | 0x02));
  /* W, ~vvvv, L=0, pp=66 */
  x86_byte(b, (uint8_t)((dbl ? 0x80 : 0) | (~xv & 15) << 3 | 0x01));
  x86_byte(b, opc);
  x86_byte(b, (uint8_t)(0xc0 | (xd & 7) << 3 | (xm & 7)));
}

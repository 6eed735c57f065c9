/* The architectural state of one guest hart (RV64GC user level), shared by every component. */
#ifndef RVX_CPU_H
#define RVX_CPU_H

#include <stdint.h>

/* fflags bits, as in fcsr. */
enum { FFLAG_NX = 1, FFLAG_UF = 2, FFLAG_OF = 4, FFLAG_DZ = 8, FFLAG_NV = 16 };

/* Integer register numbers the OS layer reads by name (psABI). */
enum { REG_ZERO = 0, REG_RA = 1, REG_SP = 2, REG_GP = 3, REG_TP = 4,
       REG_A0 = 10, REG_A1, REG_A2, REG_A3, REG_A4, REG_A5, REG_A6, REG_A7 };

/* x[32] is a write sink: the predecoder turns destination x0 into 32, so x[0] stays zero
 * without a check in every handler. */
#define CPU_XSINK 32

typedef struct rv_cpu {
  uint64_t x[33];
  uint64_t f[32];       /* raw bits; singles are NaN-boxed (upper 32 bits all ones) */
  uint64_t pc;          /* exact at syscalls and traps (set by the ops that may fault or call
                           out); stale while straight-line code runs */
  uint32_t fflags;      /* accrued exceptions, FFLAG_* */
  uint32_t frm;         /* dynamic rounding mode, 0..7 as written (5..7 make FP ops trap) */
  uint64_t instret;     /* instructions retired (counted per block) */
  /* LR/SC reservation */
  uint64_t lr_addr;
  uint64_t lr_value;
  uint64_t lr_version;  /* the granule version the lr saw (interp/lrsc.h) */
  int lr_valid;
  /* Set (by a host signal handler, or another thread) when something outside the instruction
   * stream needs this thread at a block boundary: a guest signal to deliver. The dispatcher
   * then calls os_async_stop (os.h) before entering the next block. */
  volatile int async_stop;
  /* statistics for --stats */
  uint64_t blocks_decoded;
} rv_cpu;

#endif

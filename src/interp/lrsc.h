/* LR/SC granule versions, shared by every engine that runs sc (the interpreter's
 * exec_amo.inc, --verify's copy of it, translated code): a successful sc advances its
 * granule's counter, so an sc whose lr saw an older count fails (exec_amo.inc says why). One
 * counter per cache line, so threads working on different locks do not fight over one line. */
#ifndef RVX_INTERP_LRSC_H
#define RVX_INTERP_LRSC_H

#include <stdint.h>

#define LR_GRANULES 1024
extern struct interp_lr_granule {
  uint64_t v;
  char pad[56];
} interp_lr_granules[LR_GRANULES];

/* The version counter of the granule holding guest address a. */
static inline uint64_t *lr_version(uint64_t a) {
  return &interp_lr_granules[((a >> 3) ^ (a >> 13)) & (LR_GRANULES - 1)].v;
}

#endif

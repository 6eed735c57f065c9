/* Interpreter: the user-level CSRs of RV64GC under Linux. fflags, frm and fcsr are views of
 * cpu->fflags and cpu->frm; cycle, time and instret are read-only counters (the encoding's top
 * two bits 11 mark a read-only CSR). Anything else is an illegal instruction. */
#include <time.h>
#include "interp/block.h"

enum {
  CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
  CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
};

bool interp_csr_read(rv_cpu *cpu, unsigned csr, uint64_t pending, uint64_t *val) {
  switch (csr) {
  case CSR_FFLAGS:
    *val = cpu->fflags & 0x1f;
    return true;
  case CSR_FRM:
    *val = cpu->frm & 7;
    return true;
  case CSR_FCSR:
    *val = (cpu->frm & 7) << 5 | (cpu->fflags & 0x1f);
    return true;
  case CSR_CYCLE:     /* no cycle model: one instruction, one cycle */
  case CSR_INSTRET:   /* the block's instructions from this one on have not retired yet */
    *val = cpu->instret - pending;
    return true;
  case CSR_TIME: {    /* a 10 MHz counter, the timebase QEMU's virt machine reports */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    *val = (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
    return true;
  }
  default:
    return false;
  }
}

bool interp_csr_writable(unsigned csr) {
  return csr == CSR_FFLAGS || csr == CSR_FRM || csr == CSR_FCSR;
}

bool interp_csr_write(rv_cpu *cpu, unsigned csr, uint64_t val) {
  switch (csr) {
  case CSR_FFLAGS:
    cpu->fflags = val & 0x1f;
    return true;
  case CSR_FRM:
    cpu->frm = val & 7;
    return true;
  case CSR_FCSR:
    cpu->fflags = val & 0x1f;
    cpu->frm = (val >> 5) & 7;
    return true;
  default:
    return false;
  }
}

/* Registers as gdb numbers them, the g/G/p/P encodings, the target description gdb reads
 * with qXfer:features:read (gdb's own riscv feature names, so its riscv code recognizes every
 * register), and signal numbers between Linux's and the protocol's (gdb's own numbering). */
#include <signal.h>
#include <string.h>

#include "gdb/gdb_internal.h"

/* Registers 0-32 are x0..x31 and pc, 33-64 f0..f31 (gdb's RISCV_FIRST_FP_REGNUM); gdb puts
 * its CSRs at 65 + the CSR number, so fflags (0x001), frm (0x002) and fcsr (0x003) are 66-68.
 * The g packet carries them in that order (gdb lays it out by register number). */
enum { R_PC = 32, R_F0 = 33, R_FFLAGS = 66, R_FRM = 67, R_FCSR = 68 };

const char gdb_target_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
  "<target version=\"1.0\">\n"
  "<architecture>riscv:rv64</architecture>\n"
  "<osabi>GNU/Linux</osabi>\n"
  "<feature name=\"org.gnu.gdb.riscv.cpu\">\n"
  "<reg name=\"zero\" bitsize=\"64\" type=\"int\" regnum=\"0\"/>\n"
  "<reg name=\"ra\" bitsize=\"64\" type=\"code_ptr\" regnum=\"1\"/>\n"
  "<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\" regnum=\"2\"/>\n"
  "<reg name=\"gp\" bitsize=\"64\" type=\"int\" regnum=\"3\"/>\n"
  "<reg name=\"tp\" bitsize=\"64\" type=\"int\" regnum=\"4\"/>\n"
  "<reg name=\"t0\" bitsize=\"64\" type=\"int\" regnum=\"5\"/>\n"
  "<reg name=\"t1\" bitsize=\"64\" type=\"int\" regnum=\"6\"/>\n"
  "<reg name=\"t2\" bitsize=\"64\" type=\"int\" regnum=\"7\"/>\n"
  "<reg name=\"fp\" bitsize=\"64\" type=\"data_ptr\" regnum=\"8\"/>\n"
  "<reg name=\"s1\" bitsize=\"64\" type=\"int\" regnum=\"9\"/>\n"
  "<reg name=\"a0\" bitsize=\"64\" type=\"int\" regnum=\"10\"/>\n"
  "<reg name=\"a1\" bitsize=\"64\" type=\"int\" regnum=\"11\"/>\n"
  "<reg name=\"a2\" bitsize=\"64\" type=\"int\" regnum=\"12\"/>\n"
  "<reg name=\"a3\" bitsize=\"64\" type=\"int\" regnum=\"13\"/>\n"
  "<reg name=\"a4\" bitsize=\"64\" type=\"int\" regnum=\"14\"/>\n"
  "<reg name=\"a5\" bitsize=\"64\" type=\"int\" regnum=\"15\"/>\n"
  "<reg name=\"a6\" bitsize=\"64\" type=\"int\" regnum=\"16\"/>\n"
  "<reg name=\"a7\" bitsize=\"64\" type=\"int\" regnum=\"17\"/>\n"
  "<reg name=\"s2\" bitsize=\"64\" type=\"int\" regnum=\"18\"/>\n"
  "<reg name=\"s3\" bitsize=\"64\" type=\"int\" regnum=\"19\"/>\n"
  "<reg name=\"s4\" bitsize=\"64\" type=\"int\" regnum=\"20\"/>\n"
  "<reg name=\"s5\" bitsize=\"64\" type=\"int\" regnum=\"21\"/>\n"
  "<reg name=\"s6\" bitsize=\"64\" type=\"int\" regnum=\"22\"/>\n"
  "<reg name=\"s7\" bitsize=\"64\" type=\"int\" regnum=\"23\"/>\n"
  "<reg name=\"s8\" bitsize=\"64\" type=\"int\" regnum=\"24\"/>\n"
  "<reg name=\"s9\" bitsize=\"64\" type=\"int\" regnum=\"25\"/>\n"
  "<reg name=\"s10\" bitsize=\"64\" type=\"int\" regnum=\"26\"/>\n"
  "<reg name=\"s11\" bitsize=\"64\" type=\"int\" regnum=\"27\"/>\n"
  "<reg name=\"t3\" bitsize=\"64\" type=\"int\" regnum=\"28\"/>\n"
  "<reg name=\"t4\" bitsize=\"64\" type=\"int\" regnum=\"29\"/>\n"
  "<reg name=\"t5\" bitsize=\"64\" type=\"int\" regnum=\"30\"/>\n"
  "<reg name=\"t6\" bitsize=\"64\" type=\"int\" regnum=\"31\"/>\n"
  "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/>\n"
  "</feature>\n"
  "<feature name=\"org.gnu.gdb.riscv.fpu\">\n"
  "<union id=\"riscv_double\"><field name=\"float\" type=\"ieee_single\"/><field name=\"double\" type=\"ieee_double\"/></union>\n"
  "<reg name=\"ft0\" bitsize=\"64\" type=\"riscv_double\" regnum=\"33\"/>\n"
  "<reg name=\"ft1\" bitsize=\"64\" type=\"riscv_double\" regnum=\"34\"/>\n"
  "<reg name=\"ft2\" bitsize=\"64\" type=\"riscv_double\" regnum=\"35\"/>\n"
  "<reg name=\"ft3\" bitsize=\"64\" type=\"riscv_double\" regnum=\"36\"/>\n"
  "<reg name=\"ft4\" bitsize=\"64\" type=\"riscv_double\" regnum=\"37\"/>\n"
  "<reg name=\"ft5\" bitsize=\"64\" type=\"riscv_double\" regnum=\"38\"/>\n"
  "<reg name=\"ft6\" bitsize=\"64\" type=\"riscv_double\" regnum=\"39\"/>\n"
  "<reg name=\"ft7\" bitsize=\"64\" type=\"riscv_double\" regnum=\"40\"/>\n"
  "<reg name=\"fs0\" bitsize=\"64\" type=\"riscv_double\" regnum=\"41\"/>\n"
  "<reg name=\"fs1\" bitsize=\"64\" type=\"riscv_double\" regnum=\"42\"/>\n"
  "<reg name=\"fa0\" bitsize=\"64\" type=\"riscv_double\" regnum=\"43\"/>\n"
  "<reg name=\"fa1\" bitsize=\"64\" type=\"riscv_double\" regnum=\"44\"/>\n"
  "<reg name=\"fa2\" bitsize=\"64\" type=\"riscv_double\" regnum=\"45\"/>\n"
  "<reg name=\"fa3\" bitsize=\"64\" type=\"riscv_double\" regnum=\"46\"/>\n"
  "<reg name=\"fa4\" bitsize=\"64\" type=\"riscv_double\" regnum=\"47\"/>\n"
  "<reg name=\"fa5\" bitsize=\"64\" type=\"riscv_double\" regnum=\"48\"/>\n"
  "<reg name=\"fa6\" bitsize=\"64\" type=\"riscv_double\" regnum=\"49\"/>\n"
  "<reg name=\"fa7\" bitsize=\"64\" type=\"riscv_double\" regnum=\"50\"/>\n"
  "<reg name=\"fs2\" bitsize=\"64\" type=\"riscv_double\" regnum=\"51\"/>\n"
  "<reg name=\"fs3\" bitsize=\"64\" type=\"riscv_double\" regnum=\"52\"/>\n"
  "<reg name=\"fs4\" bitsize=\"64\" type=\"riscv_double\" regnum=\"53\"/>\n"
  "<reg name=\"fs5\" bitsize=\"64\" type=\"riscv_double\" regnum=\"54\"/>\n"
  "<reg name=\"fs6\" bitsize=\"64\" type=\"riscv_double\" regnum=\"55\"/>\n"
  "<reg name=\"fs7\" bitsize=\"64\" type=\"riscv_double\" regnum=\"56\"/>\n"
  "<reg name=\"fs8\" bitsize=\"64\" type=\"riscv_double\" regnum=\"57\"/>\n"
  "<reg name=\"fs9\" bitsize=\"64\" type=\"riscv_double\" regnum=\"58\"/>\n"
  "<reg name=\"fs10\" bitsize=\"64\" type=\"riscv_double\" regnum=\"59\"/>\n"
  "<reg name=\"fs11\" bitsize=\"64\" type=\"riscv_double\" regnum=\"60\"/>\n"
  "<reg name=\"ft8\" bitsize=\"64\" type=\"riscv_double\" regnum=\"61\"/>\n"
  "<reg name=\"ft9\" bitsize=\"64\" type=\"riscv_double\" regnum=\"62\"/>\n"
  "<reg name=\"ft10\" bitsize=\"64\" type=\"riscv_double\" regnum=\"63\"/>\n"
  "<reg name=\"ft11\" bitsize=\"64\" type=\"riscv_double\" regnum=\"64\"/>\n"
  "<reg name=\"fflags\" bitsize=\"32\" type=\"int\" regnum=\"66\"/>\n"
  "<reg name=\"frm\" bitsize=\"32\" type=\"int\" regnum=\"67\"/>\n"
  "<reg name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\"/>\n"
  "</feature>\n"
  "</target>\n"
  ;

/* Width in bytes of register r, 0 if there is none. */
static unsigned reg_size(unsigned r) {
  if (r < R_F0 + 32)
    return 8;
  return r >= R_FFLAGS && r <= R_FCSR ? 4 : 0;
}

static uint64_t reg_value(const rv_cpu *cpu, unsigned r) {
  if (r < 32)
    return r ? cpu->x[r] : 0;
  if (r == R_PC)
    return cpu->pc;
  if (r < R_F0 + 32)
    return cpu->f[r - R_F0];
  if (r == R_FFLAGS)
    return cpu->fflags & 31;
  if (r == R_FRM)
    return cpu->frm & 7;
  return (cpu->fflags & 31) | (cpu->frm & 7) << 5;   /* fcsr */
}

char *gdb_reg_get(const rv_cpu *cpu, unsigned r, char *out) {
  unsigned n = reg_size(r);
  if (!n)
    return NULL;
  uint64_t v = reg_value(cpu, r);   /* little-endian: the low n bytes */
  return gdb_hex_bytes(out, &v, n);
}

bool gdb_reg_set(rv_cpu *cpu, unsigned r, const char *hex) {
  unsigned n = reg_size(r);
  uint64_t v = 0;
  if (!n || strlen(hex) < 2 * n || !gdb_unhex_bytes(hex, &v, n))
    return false;
  if (r < 32) {
    if (r)
      cpu->x[r] = v;
  } else if (r == R_PC) {
    cpu->pc = v;
  } else if (r < R_F0 + 32) {
    cpu->f[r - R_F0] = v;
  } else if (r == R_FFLAGS) {
    cpu->fflags = (uint32_t)v & 31;
  } else if (r == R_FRM) {
    cpu->frm = (uint32_t)v & 7;
  } else {
    cpu->fflags = (uint32_t)v & 31;
    cpu->frm = (uint32_t)(v >> 5) & 7;
  }
  return true;
}

char *gdb_regs_get(const rv_cpu *cpu, char *out) {
  for (unsigned r = 0; r <= R_FCSR; r++)
    if (reg_size(r))
      out = gdb_reg_get(cpu, r, out);
  return out;
}

bool gdb_regs_set(rv_cpu *cpu, const char *hex) {
  /* gdb may send fewer registers than g gave (the ones it knows): set what is there. */
  size_t have = strlen(hex);
  for (unsigned r = 0; r <= R_FCSR; r++) {
    unsigned n = reg_size(r);
    if (!n)
      continue;
    if (have < 2 * n)
      break;
    if (!gdb_reg_set(cpu, r, hex))
      return false;
    hex += 2 * n;
    have -= 2 * n;
  }
  return true;
}

/* Linux (asm-generic, as riscv64 has them) signal -> gdb's number (include/gdb/signals.def). */
static const unsigned char to_gdb[32] = {
  [SIGHUP] = 1, [SIGINT] = 2, [SIGQUIT] = 3, [SIGILL] = 4, [SIGTRAP] = 5, [SIGABRT] = 6,
  [SIGBUS] = 10, [SIGFPE] = 8, [SIGKILL] = 9, [SIGUSR1] = 30, [SIGSEGV] = 11, [SIGUSR2] = 31,
  [SIGPIPE] = 13, [SIGALRM] = 14, [SIGTERM] = 15, [SIGCHLD] = 20, [SIGCONT] = 19,
  [SIGSTOP] = 17, [SIGTSTP] = 18, [SIGTTIN] = 21, [SIGTTOU] = 22, [SIGURG] = 16,
  [SIGXCPU] = 24, [SIGXFSZ] = 25, [SIGVTALRM] = 26, [SIGPROF] = 27, [SIGWINCH] = 28,
  [SIGIO] = 23, [SIGPWR] = 32, [SIGSYS] = 12,
};
enum { GDB_SIG_UNKNOWN = 143, GDB_SIG_RT33 = 45, GDB_SIG_RT32 = 77, GDB_SIG_RT64 = 78 };

int gdb_sig_to_gdb(int sig) {
  if (sig > 0 && sig < 32)
    return to_gdb[sig] ? to_gdb[sig] : GDB_SIG_UNKNOWN;   /* SIGSTKFLT has no number */
  if (sig == 32)
    return GDB_SIG_RT32;
  if (sig >= 33 && sig <= 63)
    return GDB_SIG_RT33 + (sig - 33);
  if (sig == 64)
    return GDB_SIG_RT64;
  return sig == 0 ? 0 : GDB_SIG_UNKNOWN;
}

int gdb_sig_from_gdb(int g) {
  if (g <= 0)
    return 0;
  for (int s = 1; s < 32; s++)
    if (to_gdb[s] == g)
      return s;
  if (g == GDB_SIG_RT32)
    return 32;
  if (g >= GDB_SIG_RT33 && g < GDB_SIG_RT33 + 31)
    return 33 + (g - GDB_SIG_RT33);
  if (g == GDB_SIG_RT64)
    return 64;
  return 0;
}

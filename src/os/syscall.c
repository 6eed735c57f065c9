/* The syscall dispatcher: the table (syscall_table.h) indexed by riscv64 syscall number,
 * --strace around each call, restarts after signals, and the end of the process. */
#include "gdb/gdb.h"
#include "os/os.h"
#include "os/os_impl.h"
#include "os/signal.h"
#include "prof/prof.h"
#include "sandbox/sandbox.h"

#include <string.h>
#include <unistd.h>

#include "util/log.h"
#include "util/options.h"

static const os_sysdef table[OS_NR_MAX] = {
#define SYSCALL(nr, name, handler, fmt) [nr] = { #name, handler, fmt },
#include "os/syscall_table.h"
#undef SYSCALL
};

/* Every row must name a number below OS_NR_MAX and have at most 6 arguments. */
#define SYSCALL(nr, name, handler, fmt)                                          \
  _Static_assert((nr) >= 0 && (nr) < OS_NR_MAX, #name ": number out of range");  \
  _Static_assert(sizeof(fmt) >= 3 && sizeof(fmt) - 3 <= 6, #name ": bad format length");
#include "os/syscall_table.h"
#undef SYSCALL

const os_sysdef *os_sysdef_of(uint64_t nr)
{
  return nr < OS_NR_MAX && table[nr].fn ? &table[nr] : NULL;
}

/* The format characters a row may use (syscall_table.h). A bad row is rvx's own bug: found
 * at startup rather than by a confusing --strace line. */
static void check_table(void)
{
  for (unsigned nr = 0; nr < OS_NR_MAX; nr++) {
    const char *f = table[nr].fmt;
    if (!table[nr].fn)
      continue;
    if (!os_trace_fmt_ok(f))
      log_fatal("syscall table: bad format \"%s\" for %s", f, table[nr].name);
  }
}

void os_init(void)
{
  check_table();
  os_signal_init();
  os_proc_init();
}

#define NR_RT_SIGRETURN 139

void os_syscall(rv_cpu *cpu)
{
  /* Under gdb the thread counts as stopped while in the call, which may block. */
  bool under_gdb = gdb_on && gdb_syscall_enter(cpu);
  uint64_t nr = cpu->x[REG_A7];
  uint64_t a[6];
  for (int i = 0; i < 6; i++)
    a[i] = cpu->x[REG_A0 + i];
  const os_sysdef *def = os_sysdef_of(nr);
  int64_t ret;
  bool sbx = sbx_on || rvx_opts.net_none;
  if (!rvx_opts.strace) {
    if (!sbx || !sbx_syscall(cpu, nr, a, &ret))
      ret = def ? def->fn(cpu, a) : -ENOSYS;
  } else {
    os_trace t;
    os_trace_begin(&t, def, nr, a);
    if (def && def->fmt[0] == 'n')
      os_trace_end(&t, 0, false);   /* exit does not come back: log it first */
    if (!sbx || !sbx_syscall(cpu, nr, a, &ret))
      ret = def ? def->fn(cpu, a) : -ENOSYS;
    os_trace_end(&t, ret, true);
  }
  if (sbx)
    sbx_syscall_end();
  if (ret == -ENOSYS && log_on(LOG_UNIMP))
    log_unimp_syscall(nr, def ? def->name : NULL, cpu->pc);
  if (ret == -OS_ERESTART && nr != NR_RT_SIGRETURN) {
    /* A signal came before the host call could block, or the host kernel restarts the call
     * after it (SA_RESTART): the guest runs the ecall again once the handler returned, with
     * its arguments as they were (rt_sigreturn's result is a restored a0, never this). */
    cpu->pc -= 4;
    ret = (int64_t)a[0];
  }
  cpu->x[REG_A0] = (uint64_t)ret;
  if (under_gdb)
    gdb_syscall_exit(cpu);
}

_Noreturn void os_exit(int status)
{
  os_vfork_exit();
  prf_finish(true);
  gdb_exit(status);
  if (rvx_opts.stats)
    rvx_print_stats();
  _exit(status);
}

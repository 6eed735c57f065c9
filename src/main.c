/* rvx: runs a riscv64 Linux program. The options (util/cmdline.c), then the start: reserve
 * memory, load the ELF, build the stack, run; rvx ends with the guest's exit status (os_exit)
 * or dies of the signal that killed the guest (exc_die_by_signal). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "exc/exc.h"
#include "gdb/gdb.h"
#include "interp/interp.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "os/os.h"
#include "os/thread.h"
#include "prof/prof.h"
#include "sandbox/sandbox.h"
#include "util/binfmt.h"
#include "util/canary.h"
#include "util/cmdline.h"
#include "util/log.h"
#include "util/options.h"

extern char **environ;

static _Noreturn void bad_usage(const char *msg)
{
  fprintf(stderr, "rvx: %s (try 'rvx --help')\n", msg);
  exit(RVX_USAGE_STATUS);
}

/* Options: the environment first, the command line overrides it. */
static void parse_options(int argc, char **argv)
{
  char err[512];
  if (rvx_parse_env(environ, &rvx_opts, err, sizeof err) != 0)
    bad_usage(err);
  binfmt_argv(&argc, &argv);
  int what = rvx_parse_args(argc, argv, &rvx_opts, err, sizeof err);
  switch (what) {
  case RVX_ARGS_RUN:
    return;
  case RVX_ARGS_HELP:
    fputs(rvx_usage, stdout);
    exit(0);
  case RVX_ARGS_VERSION:
    fputs(rvx_version_line, stdout);
    exit(0);
  case RVX_ARGS_LOG_HELP:
    fputs(log_items_help, stdout);
    exit(0);
  case RVX_ARGS_BINFMT_INSTALL:
  case RVX_ARGS_BINFMT_UNINSTALL:
  case RVX_ARGS_BINFMT_STATUS:
    exit(binfmt_command(what));
  default:
    bad_usage(err);
  }
}

int main(int argc, char **argv)
{
  canary_init();
  parse_options(argc, argv);
  prf_init();
  static char self[PATH_MAX];
  ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
  if (sl > 0) {
    self[sl] = 0;
    rvx_opts.self_exe = self;
  }

  const char *path = rvx_opts.exe_path;
  /* The kernel named this process after rvx; Linux names it after the program (comm). */
  const char *slash = strrchr(path, '/');
  prctl(PR_SET_NAME, slash ? slash + 1 : path);

  int e = mem_init();
  if (e < 0)
    log_fatal("cannot reserve the guest address space: %s", strerror(-e));
  mem_set_limit(rvx_opts.max_memory);
  exc_init();

  const char *host_path = path;   /* where rvx finds it: path itself, or inside the sandbox */
  if (rvx_opts.sandbox) {
    const char *guest_path;
    int sst = sbx_init(&host_path, &guest_path);
    if (sst)
      exit(sst);
  }
  ld_image img;
  char err[512];
  int st = ld_load_elf(host_path, &img, err, sizeof err);
  if (st) {
    fprintf(stderr, "rvx: %s: %s\n", path, err);
    exit(st);   /* not return: main's frame holds a canary in the canary build */
  }
  char *real = realpath(host_path, NULL);
  rvx_opts.exe_real = real ? real : path;
  if (sbx_on)
    sbx_release_all();   /* the fds that found the program and its loader */

  uint64_t sp = ld_build_stack(&img, rvx_opts.guest_argc, rvx_opts.guest_argv,
                               rvx_opts.guest_envp, path);
  if (!sp) {
    fprintf(stderr, "rvx: %s: %s\n", path, strerror(errno));
    exit(126);
  }

  if (log_start(err, sizeof err))
    bad_usage(err);
  os_init();
  rv_cpu *cpu = &os_thread_first()->cpu;
  cpu->x[REG_SP] = sp;
  cpu->pc = img.entry;
  if (rvx_opts.gdb_port)
    gdb_start(rvx_opts.gdb_port);   /* waits for gdb; the guest starts stopped */
  if (sbx_on || rvx_opts.net_none)
    sbx_seccomp_install();
  exc_run(cpu);
}

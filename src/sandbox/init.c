/* Sandbox start-up and exec: the root opened, the working directory moved inside, the
 * program found inside the root; and the rule for what the guest may exec. */
#define _GNU_SOURCE
#include "sandbox/sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/options.h"

int sbx_resolve(int dirfd, const char *path, bool follow, char *out, size_t cap);

int sbx_init(const char **prog, const char **guest_prog)
{
  const char *dir = rvx_opts.sandbox;
  int e = sbx_root_open(dir);
  if (e) {
    if (e == -ENOSYS)
      fprintf(stderr, "rvx: --sandbox: this host kernel lacks openat2 RESOLVE_IN_ROOT "
                      "(Linux 5.6) or /proc is not mounted; refusing to run unconfined\n");
    else
      fprintf(stderr, "rvx: --sandbox %s: %s\n", dir, strerror(-e));
    return 126;
  }
  sbx_on = true;
  /* The rvx a guest exec starts runs in the guest's working directory: it needs DIR
   * absolute (rvx_option_words passes this). */
  rvx_opts.sandbox = sbx_root_host();
  /* Like chroot(8), but a working directory already inside DIR is kept. */
  char g[PATH_MAX];
  if (sbx_cwd_guest_path(g, sizeof g) && fchdir(sbx_root_fd)) {
    fprintf(stderr, "rvx: --sandbox %s: %s\n", dir, strerror(errno));
    return 126;
  }
  static char host[PATH_MAX];
  e = **prog ? sbx_resolve(AT_FDCWD, *prog, true, host, sizeof host) : -ENOENT;
  if (!e && sbx_fd_guest_path(atoi(host + 14), sbx_exe_guest, sizeof sbx_exe_guest))
    e = -ENOENT;
  if (e) {
    fprintf(stderr, "rvx: %s: %s (inside the sandbox %s)\n", *prog, strerror(-e), dir);
    return e == -ENOENT ? 127 : 126;
  }
  *prog = host;
  *guest_prog = sbx_exe_guest;
  return 0;
}

int sbx_exec_check(int fd, bool riscv, char *host, size_t cap)
{
  if (!riscv)
    return -EACCES;   /* a host program would run unconfined */
  /* Inside the root, named by its guest path: the next rvx looks it up there again. */
  int e = sbx_fd_guest_path(fd, host, cap);
  return e ? -EACCES : 0;
}

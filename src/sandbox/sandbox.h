/* Sandbox mode (--sandbox DIR, --net=none): the guest's "/" is DIR and no path it names can
 * resolve outside DIR; only riscv64 programs inside DIR can be exec'd; sockets can be
 * switched off; rvx confines itself with a seccomp filter. The rules and their reasons are
 * in docs/SECURITY.md ("Sandbox") and at the top of each file here. */
#ifndef RVX_SANDBOX_H
#define RVX_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/cpu.h"

/* True once sbx_init succeeded: every path syscall goes through this component. */
extern bool sbx_on;

/* Opens DIR (rvx_opts.sandbox) as the guest's root, moves the working directory inside it
 * (kept when already inside, else DIR itself), and resolves the guest program's path
 * *prog (a guest path, looked up inside DIR as chroot(8) would) into a host path rvx can
 * open (*prog is replaced; *guest_prog gets its absolute guest path). On failure prints
 * one line and returns the exit status (126/127). Call before the program is loaded. */
int sbx_init(const char **prog, const char **guest_prog);

/* Installs the seccomp filter (seccomp.c) once the guest is loaded: dies on failure. */
void sbx_seccomp_install(void);

/* The syscall hook: called by os_syscall before the handler in sandbox mode. Returns true
 * and sets *ret when the sandbox handled (or refused) the call itself; false to let the
 * handler run, after the call's path arguments were resolved inside the root (os_path then
 * returns them: sbx_path_of). */
bool sbx_syscall(rv_cpu *cpu, uint64_t nr, const uint64_t a[6], int64_t *ret);
/* After the handler (or the hook) ran: closes the fds the call's resolution opened. */
void sbx_syscall_end(void);

/* os_path in sandbox mode: the host path resolved for guest pointer g by sbx_syscall, or
 * -EACCES for a path argument the sandbox did not resolve (fail closed). */
int sbx_path_of(uint64_t g, const char **out);

/* ld_sysroot_path in sandbox mode: an absolute guest path (a PT_INTERP or a script's
 * interpreter), resolved inside the root following symlinks, as a host path valid until
 * sbx_syscall_end (or sbx_release_all). Never the host's file of that name. */
const char *sbx_host_path(const char *guest, char *buf, size_t cap);
/* Closes every fd resolution left open (main, after loading the program). */
void sbx_release_all(void);

/* exec (sys_exec.c): may the file open as fd, of the given kind, be exec'd in the sandbox?
 * 0 and its guest path in host[cap] (what the next rvx looks up inside the root), or
 * -EACCES for a host program or a file outside the root. */
int sbx_exec_check(int fd, bool riscv, char *host, size_t cap);

/* Sockets (net.c): socket() under --net=none, and unix socket addresses. */
bool sbx_net_none(void);

#endif

/* rvx as the kernel's interpreter for riscv64 programs (binfmt_misc): --install-binfmt,
 * --uninstall-binfmt, --binfmt-status, and the command line the kernel hands rvx then. */
#ifndef RVX_BINFMT_H
#define RVX_BINFMT_H

/* The entry's name under /proc/sys/fs/binfmt_misc. */
#define BINFMT_NAME "rvx-riscv64"

/* When the kernel started rvx for a program through a registration with the P flag
 * (preserve argv[0]: it says so in AT_FLAGS since Linux 5.12), its command line is
 * "rvx PATH ARGV0 ARGS..."; rewrites *argv to "rvx -0 ARGV0 -- PATH ARGS..." so that the
 * program sees its own argv[0] and nothing in it is taken for an rvx option. Otherwise (or
 * "rvx PATH ARGS...", the kernel's form without P) leaves argc and argv as they are. */
void binfmt_argv(int *argc, char ***argv);

/* Carries out RVX_ARGS_BINFMT_* (util/cmdline.h), reporting on stdout/stderr; returns rvx's
 * exit status: 0 done (status: rvx's registration is on), 1 failed (status: it is not). */
int binfmt_command(int what);

#endif

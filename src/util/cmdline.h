/* rvx's command line and RVX_* environment, parsed into struct rvx_options without side
 * effects: a usage error comes back as a message, never as an exit (tests/fuzz calls these). */
#ifndef RVX_CMDLINE_H
#define RVX_CMDLINE_H

#include <stddef.h>

#include "util/options.h"

/* Exit status of rvx for a usage error (bad option, option value or RVX_* variable). */
#define RVX_USAGE_STATUS 2

/* What rvx_parse_args found the command line asks for. */
enum {
  RVX_ARGS_USAGE = -1,   /* a usage error: err holds one line (without "rvx: " or newline) */
  RVX_ARGS_RUN = 0,      /* run the program: out->exe_path, guest_argc/argv/envp are set */
  RVX_ARGS_HELP = 1,     /* -h / --help: print rvx_usage */
  RVX_ARGS_VERSION = 2,  /* -V / --version: print rvx_version_line */
  RVX_ARGS_LOG_HELP = 3, /* -d help: print log_items_help */
  RVX_ARGS_BINFMT_INSTALL = 4,    /* --install-binfmt (util/binfmt.h) */
  RVX_ARGS_BINFMT_UNINSTALL = 5,  /* --uninstall-binfmt */
  RVX_ARGS_BINFMT_STATUS = 6,     /* --binfmt-status */
};

extern const char rvx_usage[];
extern const char rvx_version_line[];

/* Sets out's defaults, then applies the RVX_* variables of envp (NULL-terminated "NAME=VALUE"
 * strings; NULL: none): RVX_STRACE, RVX_STATS (0 or 1), RVX_ENGINE, RVX_JIT_THRESHOLD,
 * RVX_CODE_CACHE_SIZE, RVX_MAX_MEMORY, RVX_LD_PREFIX (an empty value counts as unset). Also
 * sets out->guest_envp = envp, the environment -E/-U edit. Returns 0, or RVX_ARGS_USAGE with
 * a one-line message in err (errlen > 0). Looks at the file system only for the default
 * sysroot (/usr/riscv64-linux-gnu, when RVX_LD_PREFIX is unset). */
int rvx_parse_env(char **envp, struct rvx_options *out, char *err, size_t errlen);

/* Applies argv[1..argc-1] to out (after rvx_parse_env): options up to the program name or
 * "--", then the program and its arguments. argv itself is not changed (-0 goes to
 * out->guest_argv, a copy); out->guest_envp becomes a new array (the old one with -E/-U
 * applied). Returns RVX_ARGS_*; for RVX_ARGS_USAGE, err holds the message. Call
 * rvx_args_free(out) to release what it allocated (also after an error). */
int rvx_parse_args(int argc, char **argv, struct rvx_options *out, char *err, size_t errlen);

/* Frees the arrays rvx_parse_args allocated in out (not the strings: they are argv's and
 * envp's); out's pointers to them become NULL. */
void rvx_args_free(struct rvx_options *out);

/* Parses SIZE: decimal digits with an optional K, M, G or T suffix (powers of 1024). False
 * if malformed or above UINT64_MAX. */
bool rvx_parse_size(const char *s, uint64_t *out);

#endif

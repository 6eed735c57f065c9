/* libFuzzer harness for the command-line and environment parser (util/cmdline.h). The input
 * is NUL-separated words: the environment (up to an empty word), then argv[1..]. Whatever
 * they are, the parser must return one of its answers (RVX_ARGS_*) without exiting; a usage error
 * comes with a one-line message that fits the error buffer (given at every size, exactly
 * allocated, so ASan sees a byte written past it); a run has the program among the words,
 * a NULL-terminated argv with argc entries and a NULL-terminated environment whose entries
 * all come from the input; rvx_args_free releases everything (LeakSanitizer checks). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/cmdline.h"

#define MAX_WORDS 64

/* True if s is one of the n words (the same pointer, or a suffix of one: -0 and "--opt=V"
 * values point into a word). */
static bool from_input(const char *s, char *const *words, int n)
{
  for (int i = 0; i < n; i++)
    if (s >= words[i] && s <= words[i] + strlen(words[i]))
      return true;
  return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  size_t errlen = data[0] % 97;   /* 0 .. 96: also the sizes that truncate */
  char *copy = malloc(size);      /* words live in one buffer, as the kernel lays argv out */
  memcpy(copy, data + 1, size - 1);
  copy[size - 1] = 0;
  char *env[MAX_WORDS + 1], *argv[MAX_WORDS + 2], *all[2 * MAX_WORDS + 2];
  int nenv = 0, argc = 1, nall = 0;
  argv[0] = "rvx";
  bool in_env = true;
  for (char *p = copy; p < copy + size - 1 || (p == copy && size > 1);) {
    size_t len = strlen(p);
    if (in_env && len == 0) {
      in_env = false;
    } else if (in_env && nenv < MAX_WORDS) {
      env[nenv++] = p;
      all[nall++] = p;
    } else if (!in_env && argc < MAX_WORDS + 1) {
      argv[argc++] = p;
      all[nall++] = p;
    }
    p += len + 1;
    if (p >= copy + size - 1)
      break;
  }
  env[nenv] = NULL;
  argv[argc] = NULL;
  all[nall++] = argv[0];

  struct rvx_options o;
  memset(&o, 0, sizeof o);
  char *err = malloc(errlen ? errlen : 1);
  int r = rvx_parse_env(env, &o, err, errlen);
  FUZZ_CHECK(r == 0 || r == RVX_ARGS_USAGE, "rvx_parse_env returned %d", r);
  if (r == 0)
    r = rvx_parse_args(argc, argv, &o, err, errlen);
  FUZZ_CHECK(r == RVX_ARGS_USAGE || r == RVX_ARGS_RUN || r == RVX_ARGS_HELP ||
             r == RVX_ARGS_VERSION || r == RVX_ARGS_LOG_HELP || r == RVX_ARGS_BINFMT_INSTALL ||
             r == RVX_ARGS_BINFMT_UNINSTALL || r == RVX_ARGS_BINFMT_STATUS,
             "rvx_parse_args returned %d", r);
  if (r == RVX_ARGS_USAGE && errlen) {
    FUZZ_CHECK(memchr(err, 0, errlen) != NULL, "the message is not terminated in %zu bytes",
               errlen);
    FUZZ_CHECK(!strchr(err, '\n'), "the message is not one line: %s", err);
    FUZZ_CHECK(errlen == 1 || err[0], "a usage error without a message");
  }
  if (r == RVX_ARGS_RUN) {
    FUZZ_CHECK(o.exe_path && from_input(o.exe_path, argv + 1, argc - 1),
               "the program is not one of the words");
    FUZZ_CHECK(o.guest_argc >= 1 && o.guest_argv && !o.guest_argv[o.guest_argc],
               "guest argv is not %d words and a NULL", o.guest_argc);
    for (int i = 0; i < o.guest_argc; i++)
      FUZZ_CHECK(o.guest_argv[i] && from_input(o.guest_argv[i], all, nall),
                 "guest argv[%d] does not come from the input", i);
    FUZZ_CHECK(o.guest_envp != NULL, "no guest environment");
    for (int i = 0; o.guest_envp[i]; i++)
      FUZZ_CHECK(from_input(o.guest_envp[i], all, nall) && i <= nenv + argc,
                 "guest envp[%d] does not come from the input", i);
  }
  rvx_args_free(&o);
  free(err);
  free(copy);
  return 0;
}

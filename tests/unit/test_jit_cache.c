/* Code cache and translator-table unit test: code written through the writable view runs
 * from the executable view, no page of the cache is writable and executable at once, a
 * flush reuses the space, a forked child gets its own copy, and the FP helper list matches
 * the instruction table. Prints PASS/FAIL lines in the suite format. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/code_cache.h"
#include "jit/x86_emit.h"

unsigned jit_fp_check(void);

static int failed;
static void expect(int ok, const char *name, const char *why) {
  if (ok) printf("PASS %s\n", name);
  else { printf("FAIL %s: %s\n", name, why); failed = 1; }
}

/* Emits "mov eax, v; ret" and returns its executable address. */
static int (*emit_const(int v))(void) {
  x86_buf b;
  uint8_t *w = cc_begin();
  x86_init(&b, w, 64);
  x86_mov_ri(&b, X86_RAX, (uint64_t)v);
  x86_ret(&b);
  cc_commit(x86_size(&b));
  return (int (*)(void))(void *)cc_w2x(w);
}

/* Whether any mapping in /proc/self/maps is both writable and executable. */
static int any_wx(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[512];
  int bad = 0;
  while (f && fgets(line, sizeof line, f)) {
    char perms[8];
    if (sscanf(line, "%*s %7s", perms) == 1 && perms[1] == 'w' && perms[2] == 'x')
      bad = 1;
  }
  if (f) fclose(f);
  return bad;
}

int main(void) {
  expect(cc_init(CC_MIN_SIZE, 4096), "jit-cache-init", "cc_init failed");
  int (*f)(void) = emit_const(42);
  expect(f() == 42, "jit-cache-run", "code written through the writable view did not run");
  expect(cc_contains_x((void *)f) && cc_x2w((uint8_t *)(void *)f) != (uint8_t *)(void *)f,
         "jit-cache-two-views", "the execute and write views are the same");
  expect(!any_wx(), "jit-cache-no-wx", "a mapping is writable and executable");
  size_t used = cc_used();
  cc_flush();
  expect(cc_used() == 0 && used > 0, "jit-cache-flush", "flush did not empty the cache");
  int (*g)(void) = emit_const(43);
  expect((void *)g == (void *)f && g() == 43, "jit-cache-reuse", "flushed space not reused");
  /* Room: a cache of CC_MIN_SIZE holds at most that much. */
  expect(cc_room(CC_MIN_SIZE - 16) && !cc_room(CC_MIN_SIZE + 16), "jit-cache-bound",
         "room does not match the size");
  /* A forked child writes into its cache; the parent's code stays as it was. */
  pid_t pid = fork();
  if (pid == 0) {
    cc_flush();
    int (*h)(void) = emit_const(7);
    _exit(h() == 7 ? 0 : 1);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  expect(WIFEXITED(st) && WEXITSTATUS(st) == 0 && g() == 43, "jit-cache-fork",
         "the child's translation changed the parent's code, or failed");
  unsigned op = jit_fp_check();
  expect(op == 0, "jit-fp-helpers", "an FP row of the table has no helper (or a wrong one)");
  return failed;
}

/* Prints what a program learns at startup: argv, envp, the auxiliary vector, and checks of the
 * initial stack layout. Lines starting "C " should match qemu-riscv64; "L " lines check
 * Linux's exact layout (qemu's differs); "R " lines are values qemu does not provide. */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;
extern const Elf64_Ehdr __ehdr_start;
extern char _start[];

static void check(const char *what, int ok)
{
  printf("L %s: %s\n", what, ok ? "ok" : "BAD");
}

int main(int argc, char **argv)
{
  printf("C argc=%d\n", argc);
  for (int i = 0; i < argc; i++)
    printf("C argv[%d]=%s\n", i, argv[i]);
  for (char **e = environ; *e; e++)
    printf("C env: %s\n", *e);
  static const struct { unsigned long type; const char *name; } show[] = {
    { AT_PAGESZ, "AT_PAGESZ" }, { AT_HWCAP, "AT_HWCAP" }, { AT_CLKTCK, "AT_CLKTCK" },
    { AT_SECURE, "AT_SECURE" }, { AT_UID, "AT_UID" }, { AT_EUID, "AT_EUID" },
    { AT_GID, "AT_GID" }, { AT_EGID, "AT_EGID" }, { AT_FLAGS, "AT_FLAGS" },
    { AT_BASE, "AT_BASE" }, { AT_PHENT, "AT_PHENT" }, { AT_PHNUM, "AT_PHNUM" },
  };
  for (size_t i = 0; i < sizeof show / sizeof show[0]; i++)
    printf("C %s=%#lx\n", show[i].name, getauxval(show[i].type));
  printf("C AT_ENTRY is _start: %s\n", getauxval(AT_ENTRY) == (unsigned long)_start ? "yes" : "no");
  printf("C AT_PHDR is the program headers: %s\n",
         getauxval(AT_PHDR) == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff ? "yes" : "no");
  const uint8_t *rnd = (const uint8_t *)getauxval(AT_RANDOM);
  int nonzero = 0;
  for (int i = 0; rnd && i < 16; i++)
    nonzero |= rnd[i];
  printf("C AT_RANDOM: %s\n", nonzero ? "nonzero" : "ZERO");
  const char *execfn = (const char *)getauxval(AT_EXECFN);
  printf("C AT_EXECFN=%s\n", execfn ? execfn : "(none)");
  printf("R AT_MINSIGSTKSZ=%lu\n", getauxval(AT_MINSIGSTKSZ));

  /* The layout, read off the stack itself. */
  uint64_t *sp = (uint64_t *)argv - 1;
  char **envp = argv + argc + 1;
  char **e = envp;
  while (*e)
    e++;
  uint64_t *auxv = (uint64_t *)(e + 1);
  uint64_t *a = auxv;
  while (a[0] != AT_NULL)
    a += 2;
  check("sp is 16-byte aligned", ((uintptr_t)sp & 15) == 0);
  check("argc at sp", sp[0] == (uint64_t)argc);
  check("environ follows argv", environ == envp);
  int nenv = (int)(e - envp);
  /* Strings: argv[0] first, each right after the one before, then envp, then execfn. */
  const char *s = argv[0];
  int contiguous = 1;
  for (int i = 0; i < argc; i++) {
    contiguous &= argv[i] == s;
    s += strlen(s) + 1;
  }
  for (int i = 0; i < nenv; i++) {
    contiguous &= envp[i] == s;
    s += strlen(s) + 1;
  }
  check("argv and envp strings contiguous, in order", contiguous);
  check("AT_EXECFN string right after them", execfn == s);
  s += strlen(s) + 1;
  uint64_t top_word;
  memcpy(&top_word, s, 8);
  check("a NULL word above AT_EXECFN ends the stack", top_word == 0 && ((uintptr_t)(s + 8) & 4095) == 0);
  check("AT_RANDOM right below argv[0]", rnd + 16 == (const uint8_t *)argv[0]);
  uintptr_t aux_end = (uintptr_t)(a + 2);
  check("only alignment between auxv and AT_RANDOM",
        (uintptr_t)rnd >= aux_end && (uintptr_t)rnd - aux_end < 16);
  check("auxv starts with AT_MINSIGSTKSZ, then AT_HWCAP", auxv[0] == AT_MINSIGSTKSZ && auxv[2] == AT_HWCAP);
  return 0;
}

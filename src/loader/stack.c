/* The initial process stack, laid out as Linux's exec does (fs/exec.c copy_strings and
 * fs/binfmt_elf.c create_elf_tables), from the top down:
 *
 *   GUEST_STACK_TOP ->  8-byte NULL end marker
 *                       execfn string (AT_EXECFN)
 *                       envp strings, then argv strings below them (argv[0] lowest)
 *                       16 random bytes (AT_RANDOM)
 *                       (padding so that sp is 16-aligned)
 *                       auxv pairs, ending with AT_NULL
 *                       NULL, envp[envc-1] .. envp[0]
 *                       NULL, argv[argc-1] .. argv[0]
 *   sp ->               argc
 */
#include "loader/loader.h"

#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "mem/mem.h"

#define PAGE UINT64_C(4096)

static void put_u64(uint64_t g, uint64_t v)
{
  memcpy(mem_g2h(g), &v, 8);
}

/* Copies a string just below *p; returns its guest address. */
static uint64_t push_str(uint64_t *p, const char *s)
{
  size_t n = strlen(s) + 1;
  *p -= n;
  memcpy(mem_g2h(*p), s, n);
  return *p;
}

static size_t count(char *const v[])
{
  size_t n = 0;
  while (v && v[n])
    n++;
  return n;
}

uint64_t ld_build_stack(const ld_image *img, int argc, char *const argv[], char *const envp[],
                        const char *execfn)
{
  size_t envc = count(envp);
  size_t nargs = argc > 0 ? (size_t)argc : 0;
  uint64_t size = mem_stack_size(), top = GUEST_STACK_TOP;

  /* Linux caps the strings at a quarter of the stack limit (E2BIG). */
  uint64_t strings = 8 + strlen(execfn) + 1;
  for (size_t i = 0; i < nargs; i++)
    strings += strlen(argv[i]) + 1;
  for (size_t i = 0; i < envc; i++)
    strings += strlen(envp[i]) + 1;
  uint64_t words = 1 + (nargs + 1) + (envc + 1) + 2 * 32;   /* generous for auxv */
  if (strings + words * 8 + 64 > size / 4) {
    errno = E2BIG;
    return 0;
  }
  int prot = img->stack_prot ? img->stack_prot : PROT_READ | PROT_WRITE;
  int e = mem_map_fixed(top - size, size, prot, false, "[stack]");
  if (e < 0) {
    errno = -e;
    return 0;
  }

  uint64_t p = top - 8;
  put_u64(p, 0);
  uint64_t execfn_g = push_str(&p, execfn);
  for (size_t i = envc; i-- > 0;)
    push_str(&p, envp[i]);
  for (size_t i = nargs; i-- > 0;)
    push_str(&p, argv[i]);
  uint64_t str = p;   /* argv[0]; every next string follows the one before */

  p -= 16;
  uint64_t random_g = p;
  uint8_t rnd[16];
  if (getrandom(rnd, sizeof rnd, GRND_NONBLOCK) != (ssize_t)sizeof rnd) {
    /* No entropy yet (early boot): anything non-constant will do for a stack canary. */
    uint64_t t = (uint64_t)getpid() * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)&rnd;
    memcpy(rnd, &t, 8);
    t = t * 0xbf58476d1ce4e5b9u + 1;
    memcpy(rnd + 8, &t, 8);
  }
  memcpy(mem_g2h(random_g), rnd, sizeof rnd);

  /* The auxiliary vector, in Linux's order for riscv64 (ARCH_DLINFO first). No vDSO, so no
   * AT_SYSINFO_EHDR; no cache geometry entries. */
  uint64_t aux[2 * 32];
  size_t na = 0;
#define AUX(type, val) (aux[na++] = (type), aux[na++] = (uint64_t)(val))
  AUX(AT_MINSIGSTKSZ, LD_MINSIGSTKSZ);
  AUX(AT_HWCAP, LD_HWCAP_IMAFDC);
  AUX(AT_PAGESZ, PAGE);
  AUX(AT_CLKTCK, 100);
  AUX(AT_PHDR, img->phdr);
  AUX(AT_PHENT, img->phent);
  AUX(AT_PHNUM, img->phnum);
  AUX(AT_BASE, img->base);
  AUX(AT_FLAGS, 0);
  AUX(AT_ENTRY, img->at_entry ? img->at_entry : img->entry);
  AUX(AT_UID, getuid());
  AUX(AT_EUID, geteuid());
  AUX(AT_GID, getgid());
  AUX(AT_EGID, getegid());
  AUX(AT_SECURE, getauxval(AT_SECURE));
  AUX(AT_RANDOM, random_g);
  AUX(AT_EXECFN, execfn_g);
  AUX(AT_NULL, 0);
#undef AUX

  uint64_t items = 1 + (nargs + 1) + (envc + 1);
  uint64_t sp = (p - na * 8 - items * 8) & ~UINT64_C(15);
  uint64_t w = sp;
  put_u64(w, nargs);
  w += 8;
  for (size_t i = 0; i < nargs; i++, w += 8) {
    put_u64(w, str);
    str += strlen(argv[i]) + 1;
  }
  put_u64(w, 0);
  w += 8;
  for (size_t i = 0; i < envc; i++, w += 8) {
    put_u64(w, str);
    str += strlen(envp[i]) + 1;
  }
  put_u64(w, 0);
  w += 8;
  memcpy(mem_g2h(w), aux, na * 8);
  return sp;
}

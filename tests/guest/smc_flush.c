/* Code that changes under the running program, made visible three ways: fence.i, the
 * riscv_flush_icache syscall (what __builtin___clear_cache calls), and unmapping the page and
 * mapping new code at the same address. Each version of a tiny function runs hot (thousands of
 * calls, so an engine that translates hot code has translated it) before it is rewritten; the
 * sums show which version ran. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_riscv_flush_icache
#define SYS_riscv_flush_icache 259
#endif

/* addi a0, a0, imm; ret */
static void write_fn(uint32_t *code, int imm)
{
  code[0] = ((uint32_t)(imm & 0xfff) << 20) | (10u << 15) | (10u << 7) | 0x13;
  code[1] = 0x00008067;
}

static long run(long (*f)(long))
{
  long s = 0;
  for (long i = 0; i < 20000; i++)
    s += f(i) - i;
  return s;
}

int main(void)
{
  uint32_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return 1;
  long (*f)(long) = (long (*)(long))(uintptr_t)p;
  for (int k = 1; k <= 3; k++) {
    write_fn(p, k);
    if (syscall(SYS_riscv_flush_icache, p, p + 2, 0) != 0)
      return 2;
    printf("riscv_flush_icache, version %d: %ld\n", k, run(f));
  }
  for (int k = 4; k <= 6; k++) {
    write_fn(p, k);
    __builtin___clear_cache((char *)p, (char *)(p + 2));
    printf("__builtin___clear_cache, version %d: %ld\n", k, run(f));
  }
  for (int k = 7; k <= 9; k++) {
    munmap(p, 4096);
    uint32_t *q = mmap(p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                       -1, 0);
    if (q != p)
      return 3;
    write_fn(q, k);
    mprotect(q, 4096, PROT_READ | PROT_EXEC);
    printf("munmap + mmap, version %d: %ld\n", k, run(f));
    mprotect(q, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
  }
  return 0;
}

/* Code the program writes at run time: generated into an mmap'ed page, run, rewritten and run
 * again after __builtin___clear_cache (the riscv_flush_icache syscall); a page unmapped and
 * mapped again with other code; mprotect from writable to executable. Each call must run the
 * code that is there now, never a stale decoding. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* addi a0, zero, imm; ret */
static void emit_return(uint32_t *p, int imm)
{
  p[0] = ((uint32_t)(imm & 0xfff) << 20) | (10u << 7) | 0x13u;
  p[1] = 0x00008067u;
}

typedef long (*fn)(void);

int main(void)
{
  size_t pg = 4096;
  uint32_t *code = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) {
    printf("mmap rwx failed\n");
    return 1;
  }
  emit_return(code, 42);
  __builtin___clear_cache((char *)code, (char *)(code + 2));
  printf("first %ld\n", ((fn)code)());
  for (int i = 0; i < 5; i++) {
    emit_return(code, 100 + i);
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    printf("rewritten %ld\n", ((fn)code)());
  }
  /* The raw syscall, flags 0 (all threads). */
  emit_return(code, 7);
  printf("flush syscall %ld\n", syscall(SYS_riscv_flush_icache, code, code + 2, 0));
  printf("after syscall %ld\n", ((fn)code)());

  /* Unmap, map again at the same place with different code. */
  void *at = code;
  munmap(code, pg);
  uint32_t *again = mmap(at, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                         -1, 0);
  emit_return(again, 55);
  mprotect(again, pg, PROT_READ | PROT_EXEC);
  printf("remapped same place %d: %ld\n", (void *)again == at, ((fn)again)());
  /* Writable again, new code, executable again. */
  mprotect(again, pg, PROT_READ | PROT_WRITE);
  emit_return(again, 66);
  mprotect(again, pg, PROT_READ | PROT_EXEC);
  printf("after mprotect cycle %ld\n", ((fn)again)());
  /* MAP_FIXED straight over executable code. */
  uint32_t *over = mmap(at, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  emit_return(over, 77);
  __builtin___clear_cache((char *)over, (char *)(over + 2));
  printf("fixed over code %ld\n", ((fn)over)());
  return 0;
}

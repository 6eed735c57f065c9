/* Self-modifying code under the translator: a function is rewritten (and fence.i issued)
 * after it has run hot enough to be translated, many times over, then code is replaced by
 * unmapping and mapping new code at the same address (no fence.i: munmap/mmap of code must
 * invalidate translations by themselves), then by mprotect'ing it writable and back. Each
 * version's results are printed; they must be the new code's. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

/* addi a0, a0, k; (a loop the translator chains to itself:) li t0, 3; 1: addi a0, a0, 1;
 * addi t0, t0, -1; bnez t0, 1b; ret */
static void write_fn(uint8_t *p, int k) {
  put32(p, 0x00050513u | (uint32_t)(k & 0xfff) << 20);
  put32(p + 4, 0x00300293u);        /* li t0, 3 */
  put32(p + 8, 0x00150513u);        /* addi a0, a0, 1 */
  put32(p + 12, 0xfff28293u);       /* addi t0, t0, -1 */
  put32(p + 16, 0xfe029ce3u);       /* bnez t0, -8 */
  put16(p + 20, 0x8082);            /* ret */
}

int main(void) {
  uint8_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return 2;
  long (*f)(long) = (long (*)(long))(void *)p;
  long total = 0;
  for (int k = 1; k <= 40; k++) {
    write_fn(p, k);
    __asm__ volatile("fence.i" ::: "memory");
    long s = 0;
    for (int i = 0; i < 300; i++) s += f(i);
    printf("fence.i version %d: %ld\n", k, s);
    total += s;
  }
  /* Replace the code by remapping the page, no fence.i. */
  for (int k = 50; k <= 55; k++) {
    munmap(p, 4096);
    uint8_t *q = mmap(p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (q != p) return 3;
    write_fn(p, k);
    mprotect(p, 4096, PROT_READ | PROT_EXEC);
    long s = 0;
    for (int i = 0; i < 300; i++) s += f(i);
    printf("remap version %d: %ld\n", k, s);
    /* make it writable again for the next round (mprotect of code invalidates too) */
    mprotect(p, 4096, PROT_READ | PROT_WRITE);
  }
  printf("total %ld\n", total);
  return 0;
}

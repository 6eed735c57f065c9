/* A static-PIE guest without libc (Debian's cross glibc has no static-PIE support): it
 * relocates itself (R_RISCV_RELATIVE) using its load address, checks the auxv entries that
 * depend on the load bias, then prints through pointers that needed the relocation. */
#include <elf.h>
#include <stdint.h>

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern Elf64_Dyn _DYNAMIC[] __attribute__((visibility("hidden")));

static const char *const words[] = { "static-pie", " ", "ok", "\n" };
static long counter = 41;
static long *const counter_p = &counter;

static long sys(long n, long a, long b, long c)
{
  register long a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

static __attribute__((noreturn)) void die(const char *msg, long len)
{
  sys(64, 2, (long)msg, len);
  sys(93, 1, 0, 0);
  __builtin_unreachable();
}

__attribute__((used, noreturn)) void pie_main(uint64_t *sp)
{
  uint64_t bias = (uint64_t)&__ehdr_start;   /* linked at 0 */
  uint64_t rela = 0, relasz = 0;
  for (Elf64_Dyn *d = _DYNAMIC; d->d_tag != DT_NULL; d++) {
    if (d->d_tag == DT_RELA)
      rela = d->d_un.d_ptr;
    if (d->d_tag == DT_RELASZ)
      relasz = d->d_un.d_val;
  }
  for (Elf64_Rela *r = (Elf64_Rela *)(bias + rela); relasz >= sizeof *r; r++, relasz -= sizeof *r)
    if (ELF64_R_TYPE(r->r_info) == R_RISCV_RELATIVE)
      *(uint64_t *)(bias + r->r_offset) = bias + (uint64_t)r->r_addend;
  if (bias == 0 || (bias & 4095))
    die("bad load bias\n", 14);
  /* auxv: past argc, argv, NULL, envp, NULL */
  uint64_t *p = sp + 1 + sp[0] + 1;
  while (*p)
    p++;
  uint64_t phdr = 0, entry = 0;
  for (p++; p[0] != AT_NULL; p += 2) {
    if (p[0] == AT_PHDR)
      phdr = p[1];
    if (p[0] == AT_ENTRY)
      entry = p[1];
  }
  if (phdr != bias + __ehdr_start.e_phoff)
    die("bad AT_PHDR\n", 12);
  if (entry != bias + __ehdr_start.e_entry)
    die("bad AT_ENTRY\n", 13);
  if (++*counter_p != 42)
    die("bad data\n", 9);
  for (int i = 0; i < 4; i++) {
    long n = 0;
    while (((const volatile char *)words[i])[n])   /* volatile: no strlen call */
      n++;
    sys(64, 1, (long)words[i], n);
  }
  sys(93, 0, 0, 0);
  __builtin_unreachable();
}

__asm__(".globl _start\n"
        "_start:\n"
        "  mv a0, sp\n"
        "  call pie_main\n");

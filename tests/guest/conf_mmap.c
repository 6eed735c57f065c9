/* Confinement: the memory calls aimed past the guest space (2^38, as on sv39 Linux): mmap
 * (fixed, hinted, huge lengths, file), mremap (moving or growing across 2^38), munmap,
 * mprotect, brk. Each gets sv39 Linux's answer and nothing is mapped at or above 2^38
 * afterwards (checked in /proc/self/maps). Prints one line per case, "FAIL ..." for a wrong
 * answer; exits 0 without. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TOP (UINT64_C(1) << 38)
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static int failures;

static void check(const char *what, long r, int want)
{
  int e = r < 0 && r > -4096 ? (int)-r : 0;
  printf("%s: %s\n", what, e ? strerror(e) : "ok");
  if (e != want) {
    printf("FAIL %s: got %s (%#lx), want %s\n", what, e ? strerror(e) : "success",
           (unsigned long)r, want ? strerror(want) : "success");
    failures++;
  }
}

/* Raw calls: -errno, no glibc in between. */
static long sys(long nr, long a, long b, long c, long d, long e, long f)
{
  register long a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
  register long a3 __asm__("a3") = d, a4 __asm__("a4") = e, a5 __asm__("a5") = f;
  register long a7 __asm__("a7") = nr;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
                   : "memory");
  return a0;
}
#define MMAP(a, l, p, f, fd) sys(SYS_mmap, (long)(a), (long)(l), p, f, fd, 0)

static void below(const char *what, long r, uint64_t len)
{
  int ok = r > 0 && (uint64_t)r + len <= TOP;
  printf("%s: %s\n", what, ok ? "below 2^38" : "wrong");
  if (!ok) {
    printf("FAIL %s: got %#lx\n", what, (unsigned long)r);
    failures++;
  }
  if (r > 0)
    munmap((void *)r, len);
}

int main(void)
{
  static const uint64_t outside[] = {TOP, TOP + 0x10000, UINT64_C(1) << 47,
                                     UINT64_C(1) << 63, UINT64_C(0xfffffffffffff000)};
  static const char *name[] = {"2^38", "2^38+64K", "2^47", "2^63", "-4096"};
  char what[128];
  int fd = open("/proc/self/exe", O_RDONLY);
  for (int i = 0; i < 5; i++) {
    uint64_t a = outside[i];
#define CASE(fmt, want, expr) \
    (snprintf(what, sizeof what, fmt " %s", name[i]), check(what, (expr), want))
    CASE("mmap MAP_FIXED at", ENOMEM, MMAP(a, 4096, RW, ANON | MAP_FIXED, -1));
    CASE("mmap MAP_FIXED_NOREPLACE at", ENOMEM, MMAP(a, 4096, RW, ANON | MAP_FIXED_NOREPLACE, -1));
    CASE("mmap file MAP_FIXED at", ENOMEM, MMAP(a, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd));
    CASE("mmap MAP_SHARED|MAP_FIXED at", ENOMEM,
         MMAP(a, 4096, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1));
    CASE("munmap at", EINVAL, sys(SYS_munmap, (long)a, 4096, 0, 0, 0, 0));
    CASE("mprotect at", ENOMEM, sys(SYS_mprotect, (long)a, 4096, PROT_READ, 0, 0, 0));
    snprintf(what, sizeof what, "mmap hint %s", name[i]);
    below(what, MMAP(a, 4096, RW, ANON, -1), 4096);
    void *p = mmap(NULL, 4096, RW, ANON, -1, 0);
    CASE("mremap MREMAP_FIXED to", EINVAL,
         sys(SYS_mremap, (long)p, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, (long)a, 0));
    CASE("mremap from", EFAULT, sys(SYS_mremap, (long)a, 4096, 8192, MREMAP_MAYMOVE, 0, 0));
    munmap(p, 4096);
    long cur = sys(SYS_brk, 0, 0, 0, 0, 0, 0);
    long got = sys(SYS_brk, (long)a, 0, 0, 0, 0, 0);
    snprintf(what, sizeof what, "brk to %s", name[i]);
    check(what, got == cur ? -ENOMEM : 0, ENOMEM);   /* a failed brk returns the old break */
  }
  /* Ranges that start inside and end outside. */
  check("mmap MAP_FIXED across 2^38", MMAP(TOP - 4096, 8192, RW, ANON | MAP_FIXED, -1), ENOMEM);
  check("mmap length 2^38", MMAP(0, TOP, RW, ANON, -1), ENOMEM);
  check("mmap length 2^63", MMAP(0, UINT64_C(1) << 63, RW, ANON, -1), ENOMEM);
  check("mmap length -4096", MMAP(0, -4096L, RW, ANON, -1), ENOMEM);
  check("munmap across 2^38", sys(SYS_munmap, (long)(TOP - 4096), 8192, 0, 0, 0, 0), EINVAL);
  long last = MMAP(TOP - 4096, 4096, RW, ANON | MAP_FIXED, -1);
  check("mmap MAP_FIXED of the last page", last, 0);
  check("mremap growing the last page in place",
        sys(SYS_mremap, last, 4096, 8192, 0, 0, 0), ENOMEM);
  long moved = sys(SYS_mremap, last, 4096, 8192, MREMAP_MAYMOVE, 0, 0);
  below("mremap growing the last page, may move", moved, 8192);
  long p = MMAP(0, 4096, RW, ANON, -1);
  check("mremap MREMAP_FIXED across 2^38",
        sys(SYS_mremap, p, 4096, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, (long)(TOP - 4096), 0),
        EINVAL);
  check("brk to -1", sys(SYS_brk, -1L, 0, 0, 0, 0, 0) == sys(SYS_brk, 0, 0, 0, 0, 0, 0)
                         ? -ENOMEM : 0, ENOMEM);

  /* Nothing at or above 2^38 in the maps. */
  FILE *f = fopen("/proc/self/maps", "r");
  char line[512];
  int lines = 0, high = 0;
  while (f && fgets(line, sizeof line, f)) {
    unsigned long long lo, hi;
    lines++;
    if (sscanf(line, "%llx-%llx", &lo, &hi) == 2 && hi > TOP)
      high++, printf("mapped above 2^38: %s", line);
  }
  printf("maps: %d lines, %d above 2^38\n", lines, high);
  if (!lines || high)
    failures++, printf("FAIL maps\n");
  printf("%d failures\n", failures);
  return failures != 0;
}

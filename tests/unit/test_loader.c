/* Unit tests of guest memory (mmap family, brk, pointer checks), the ELF loader and the initial
 * stack, run on the host against librvx.a. Prints "PASS name" / "FAIL name: reason" lines.
 *   test_loader STATIC_ELF PIE_ELF     the tests
 *   test_loader fault MODE             dies the way the fault handler makes it (for the suite)
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exc/exc.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "mem/vma.h"

static int failures;
static char why[512];
static bool ok;

/* Inside a test: record the first failed check with its line. */
#define CHECK(cond)                                                              \
  do {                                                                           \
    if (ok && !(cond)) {                                                         \
      ok = false;                                                                \
      snprintf(why, sizeof why, "line %d: %s", __LINE__, #cond);                 \
    }                                                                            \
  } while (0)
#define CHECK_EQ(a, b)                                                           \
  do {                                                                           \
    long long va_ = (long long)(a), vb_ = (long long)(b);                        \
    if (ok && va_ != vb_) {                                                      \
      ok = false;                                                                \
      snprintf(why, sizeof why, "line %d: %s = %lld (0x%llx), want %lld", __LINE__, #a, \
               va_, (unsigned long long)va_, vb_);                               \
    }                                                                            \
  } while (0)

static void begin(void) { ok = true; why[0] = 0; }
static void end(const char *name)
{
  if (ok) {
    printf("PASS %s\n", name);
  } else {
    printf("FAIL %s: %s\n", name, why);
    failures++;
  }
}

#define P 4096u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

/* True if writing (or reading) host address h kills a child with SIGSEGV. */
static bool host_faults(volatile uint8_t *h, bool write)
{
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    signal(SIGSEGV, SIG_DFL);
    if (write)
      *h = 1;
    else
      (void)*h;
    _exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

static void test_mmap_basic(void)
{
  begin();
  int64_t a = mem_mmap(0, 3 * P, RW, ANON, -1, 0);
  CHECK(a > 0 && (a & (P - 1)) == 0);
  CHECK((uint64_t)a + 3 * P <= GUEST_STACK_TOP);
  CHECK_EQ(mem_prot_at((uint64_t)a), RW);
  CHECK_EQ(mem_prot_at((uint64_t)a + 3 * P - 1), RW);
  memset(mem_g2h((uint64_t)a), 0x5a, 3 * P);
  int64_t b = mem_mmap(0, P, PROT_READ, ANON, -1, 0);
  CHECK(b > 0 && b < a);            /* top-down */
  CHECK_EQ(mem_prot_at((uint64_t)b), PROT_READ);
  CHECK(host_faults(mem_g2h((uint64_t)b), true));
  CHECK(!host_faults(mem_g2h((uint64_t)b), false));
  int64_t c = mem_mmap(0, 1, PROT_NONE, ANON, -1, 0);   /* length rounds up */
  CHECK(c > 0 && c == b - (int64_t)P);
  CHECK_EQ(mem_prot_at((uint64_t)c), PROT_NONE);
  CHECK(host_faults(mem_g2h((uint64_t)c), false));
  CHECK_EQ(mem_munmap((uint64_t)a, 3 * P), 0);
  CHECK_EQ(mem_munmap((uint64_t)b, P), 0);
  CHECK_EQ(mem_munmap((uint64_t)c, P), 0);
  CHECK_EQ(mem_prot_at((uint64_t)a), -1);
  CHECK(host_faults(mem_g2h((uint64_t)a), false));
  end("mem: anonymous mmap top-down, protections real on the host, munmap");
}

static void test_mmap_errors(void)
{
  begin();
  CHECK_EQ(mem_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
  CHECK_EQ(mem_mmap(0, P, RW, ANON, -1, 100), -EINVAL);
  CHECK_EQ(mem_mmap(0, P, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);          /* no type */
  CHECK_EQ(mem_mmap(0, P, RW, MAP_ANONYMOUS | 0xf, -1, 0), -EINVAL);
  CHECK_EQ(mem_mmap(0, P, 0x100, ANON, -1, 0), -EINVAL);
  CHECK_EQ(mem_mmap(0, GUEST_SIZE + 1, RW, ANON, -1, 0), -ENOMEM);
  CHECK_EQ(mem_mmap(0, UINT64_MAX, RW, ANON, -1, 0), -ENOMEM);
  CHECK_EQ(mem_mmap(0x10000001, P, RW, ANON | MAP_FIXED, -1, 0), -EINVAL);
  CHECK_EQ(mem_mmap(GUEST_SIZE - P, 2 * P, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
  CHECK_EQ(mem_mmap(GUEST_SIZE, P, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
  CHECK_EQ(mem_mmap(UINT64_MAX - P + 1, 2 * P, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
  CHECK_EQ(mem_mmap(0, P, RW, ANON | MAP_FIXED, -1, 0), -EPERM);
  CHECK_EQ(mem_mmap(0, P, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | 0x40, -1, 0), -EOPNOTSUPP);
  CHECK_EQ(mem_mmap(0, P, RW, MAP_PRIVATE, 12345, 0), -EBADF);
  /* A hint outside the space is ignored, not obeyed. */
  int64_t a = mem_mmap(GUEST_SIZE + 0x1000, P, RW, ANON, -1, 0);
  CHECK(a > 0 && (uint64_t)a < GUEST_SIZE);
  mem_munmap((uint64_t)a, P);
  CHECK_EQ(mem_munmap(0x10000001, P), -EINVAL);
  CHECK_EQ(mem_munmap(0x10000000, 0), -EINVAL);
  CHECK_EQ(mem_munmap(GUEST_SIZE - P, 2 * P), -EINVAL);
  CHECK_EQ(mem_munmap(0x10000000, P), 0);   /* nothing there: fine */
  end("mem: mmap/munmap argument errors (EINVAL, ENOMEM, EPERM, EOPNOTSUPP, EBADF)");
}

static void test_fixed(void)
{
  begin();
  uint64_t g = 0x40000000;
  CHECK_EQ(mem_mmap(g, 4 * P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)g);
  memset(mem_g2h(g), 7, 4 * P);
  CHECK_EQ(mem_mmap(g + P, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
  CHECK_EQ(*(uint8_t *)mem_g2h(g + P), 7);
  CHECK_EQ(mem_mmap(g + P, P, PROT_READ, ANON | MAP_FIXED, -1, 0), (int64_t)(g + P));
  CHECK_EQ(*(uint8_t *)mem_g2h(g + P), 0);     /* replaced by fresh zero pages */
  CHECK_EQ(*(uint8_t *)mem_g2h(g), 7);
  CHECK_EQ(*(uint8_t *)mem_g2h(g + 2 * P), 7);
  CHECK_EQ(mem_prot_at(g + P), PROT_READ);
  CHECK_EQ(mem_prot_at(g + 2 * P), RW);
  /* A free hint is taken as is; a busy one is not. */
  CHECK_EQ(mem_mmap(g + 8 * P, P, RW, ANON, -1, 0), (int64_t)(g + 8 * P));
  int64_t h = mem_mmap(g + 8 * P, P, RW, ANON, -1, 0);
  CHECK(h > 0 && (uint64_t)h != g + 8 * P);
  CHECK_EQ(mem_mmap(g + 10 * P + 5, P, RW, ANON, -1, 0), (int64_t)(g + 11 * P));
  CHECK_EQ(mem_mmap(g + 12 * P, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), (int64_t)(g + 12 * P));
  mem_munmap((uint64_t)h, P);
  CHECK_EQ(mem_munmap(g, 16 * P), 0);
  CHECK(mem_range_free(g, 16 * P));
  end("mem: MAP_FIXED replaces, MAP_FIXED_NOREPLACE says EEXIST, hints");
}

static size_t vmas_in(uint64_t s, uint64_t e)
{
  size_t n = 0;
  for (size_t i = vma_lower(s); i < vma_n && vma_tab[i].start < e; i++)
    n++;
  return n;
}

static void test_split_merge(void)
{
  begin();
  uint64_t g = 0x50000000;
  CHECK_EQ(mem_mmap(g, 8 * P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)g);
  CHECK_EQ(vmas_in(g, g + 8 * P), 1);
  CHECK_EQ(mem_mprotect(g + 2 * P, 2 * P, PROT_READ), 0);
  CHECK_EQ(vmas_in(g, g + 8 * P), 3);
  CHECK_EQ(mem_prot_at(g + P), RW);
  CHECK_EQ(mem_prot_at(g + 2 * P), PROT_READ);
  CHECK_EQ(mem_prot_at(g + 3 * P), PROT_READ);
  CHECK_EQ(mem_prot_at(g + 4 * P), RW);
  CHECK(host_faults(mem_g2h(g + 3 * P), true));
  CHECK(!host_faults(mem_g2h(g + 4 * P), true));
  CHECK_EQ(mem_mprotect(g + 2 * P, 2 * P, RW), 0);
  CHECK_EQ(vmas_in(g, g + 8 * P), 1);            /* merged back */
  CHECK_EQ(mem_munmap(g + 3 * P, P), 0);
  CHECK_EQ(vmas_in(g, g + 8 * P), 2);
  CHECK_EQ(mem_prot_at(g + 3 * P), -1);
  /* Across the hole: the part before it changes, then ENOMEM (as Linux). */
  CHECK_EQ(mem_mprotect(g + 2 * P, 3 * P, PROT_READ), -ENOMEM);
  CHECK_EQ(mem_prot_at(g + 2 * P), PROT_READ);
  CHECK_EQ(mem_prot_at(g + 4 * P), RW);
  CHECK_EQ(mem_mprotect(g + 3 * P, P, PROT_READ), -ENOMEM);
  CHECK_EQ(mem_mprotect(g + 1, P, PROT_READ), -EINVAL);
  CHECK_EQ(mem_mprotect(g, P, 0x1000), -EINVAL);
  CHECK_EQ(mem_mprotect(g, 0, PROT_READ), 0);
  CHECK_EQ(mem_mprotect(GUEST_SIZE - P, 2 * P, PROT_READ), -ENOMEM);
  CHECK_EQ(mem_munmap(g, 8 * P), 0);
  CHECK_EQ(vmas_in(g, g + 8 * P), 0);
  end("mem: mprotect splits and merges VMAs, ENOMEM on holes, munmap punches holes");
}

static void test_guest_ptr(void)
{
  begin();
  uint64_t g = 0x60000000;
  CHECK_EQ(mem_mmap(g, 2 * P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)g);
  CHECK_EQ(mem_mmap(g + 2 * P, P, PROT_READ, ANON | MAP_FIXED, -1, 0), (int64_t)(g + 2 * P));
  CHECK(mem_guest_ptr(g, 2 * P, PROT_WRITE) == mem_g2h(g));
  CHECK(mem_guest_ptr(g + P, 2 * P, PROT_READ) == mem_g2h(g + P));   /* spans two VMAs */
  CHECK(mem_guest_ptr(g + P, 2 * P, PROT_WRITE) == NULL);
  CHECK(mem_guest_ptr(g + 2 * P, P + 1, PROT_READ) == NULL);          /* runs off the end */
  CHECK(mem_guest_ptr(g - 1, 2, PROT_READ) == NULL);
  CHECK(mem_guest_ptr(0, 0, PROT_READ) == mem_g2h(0));
  CHECK(mem_guest_ptr(GUEST_SIZE, 0, PROT_READ) != NULL);
  CHECK(mem_guest_ptr(GUEST_SIZE + 1, 0, PROT_READ) == NULL);
  CHECK(mem_guest_ptr(g, UINT64_MAX, PROT_READ) == NULL);
  CHECK(mem_guest_ptr(UINT64_MAX - 2, 8, PROT_READ) == NULL);
  /* strlen across the VMA boundary, and one that never ends before the hole. */
  memset(mem_g2h(g), 'x', 2 * P);
  CHECK_EQ(mem_guest_strlen(g + P, 10000), P);            /* NUL in the read-only page */
  CHECK_EQ(mem_guest_strlen(g + 2 * P - 3, 10000), 3);
  CHECK_EQ(mem_mprotect(g + 2 * P, P, RW), 0);
  memset(mem_g2h(g + 2 * P), 'y', P);
  CHECK_EQ(mem_mprotect(g + 2 * P, P, PROT_READ), 0);
  CHECK_EQ(mem_guest_strlen(g + P, 10000), -1);           /* runs into the hole */
  ((char *)mem_g2h(g))[100] = 0;
  CHECK_EQ(mem_guest_strlen(g, 10000), 100);
  CHECK_EQ(mem_guest_strlen(g, 50), -1);
  CHECK_EQ(mem_guest_strlen(g, 101), 100);
  CHECK_EQ(mem_guest_strlen(g, 100), -1);
  CHECK_EQ(mem_guest_strlen(GUEST_SIZE + 5, 10), -1);
  CHECK_EQ(mem_guest_strlen(g + 3 * P, 10), -1);
  mem_munmap(g, 3 * P);
  end("mem: mem_guest_ptr / mem_guest_strlen check every byte's protection");
}

/* The OS layer's copies to and from guest memory (os_get/os_put) are checked, then done
 * outside the map's lock: a range another guest thread unmapped in between must make the copy
 * return -EFAULT, not fault rvx. The copy is run here on a range unmapped after the check. */
static void test_guarded_copy(void)
{
  begin();
  exc_init();   /* the host fault handler, which knows the copy's fix-up */
  uint64_t g = 0x61000000;
  char buf[64] = "guest bytes";
  CHECK_EQ(mem_mmap(g, 2 * P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)g);
  CHECK_EQ(mem_copy_guarded(mem_g2h(g + P - 8), buf, 16), 0);          /* across the pages */
  char back[64] = {0};
  CHECK_EQ(mem_copy_guarded(back, mem_g2h(g + P - 8), 16), 0);
  CHECK(memcmp(back, buf, 16) == 0);
  CHECK_EQ(mem_munmap(g + P, P), 0);
  CHECK_EQ(mem_copy_guarded(mem_g2h(g + P - 8), buf, 16), -EFAULT);    /* runs into it */
  CHECK_EQ(mem_copy_guarded(back, mem_g2h(g + P), 1), -EFAULT);
  CHECK_EQ(mem_copy_guarded(back, mem_g2h(g), 16), 0);                 /* still fine */
  CHECK_EQ(mem_munmap(g, P), 0);
  CHECK_EQ(mem_copy_guarded(back, mem_g2h(g), 0), 0);
  CHECK_EQ(mem_copy_guarded(mem_g2h(g), buf, 8), -EFAULT);
  end("mem: a guest copy whose range was unmapped after the check returns -EFAULT");
}

static void test_mremap(void)
{
  begin();
  uint64_t g = 0x70000000;
  CHECK_EQ(mem_mmap(g, 2 * P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)g);
  memset(mem_g2h(g), 0x11, 2 * P);
  CHECK_EQ(mem_mremap(g, 2 * P, 4 * P, 0, 0), (int64_t)g);      /* grows in place */
  CHECK_EQ(mem_prot_at(g + 3 * P), RW);
  CHECK_EQ(*(uint8_t *)mem_g2h(g + P), 0x11);
  CHECK_EQ(*(uint8_t *)mem_g2h(g + 3 * P), 0);
  CHECK_EQ(vmas_in(g, g + 4 * P), 1);
  CHECK_EQ(mem_mmap(g + 4 * P, P, PROT_READ, ANON | MAP_FIXED, -1, 0), (int64_t)(g + 4 * P));
  CHECK_EQ(mem_mremap(g, 4 * P, 8 * P, 0, 0), -ENOMEM);         /* blocked, may not move */
  int64_t n = mem_mremap(g, 4 * P, 8 * P, MREMAP_MAYMOVE, 0);
  CHECK(n > 0 && (uint64_t)n != g);
  CHECK_EQ(mem_prot_at(g), -1);
  CHECK_EQ(mem_prot_at((uint64_t)n + 7 * P), RW);
  CHECK_EQ(*(uint8_t *)mem_g2h((uint64_t)n + P), 0x11);
  CHECK_EQ(mem_mremap((uint64_t)n, 8 * P, 2 * P, 0, 0), n);     /* shrink */
  CHECK_EQ(mem_prot_at((uint64_t)n + 2 * P), -1);
  uint64_t to = 0x78000000;
  CHECK_EQ(mem_mremap((uint64_t)n, 2 * P, 3 * P, MREMAP_MAYMOVE | MREMAP_FIXED, to), (int64_t)to);
  CHECK_EQ(*(uint8_t *)mem_g2h(to + P), 0x11);
  CHECK_EQ(mem_prot_at((uint64_t)n), -1);
  CHECK_EQ(mem_mremap(to, P, P, MREMAP_FIXED, to + 8 * P), -EINVAL);   /* FIXED needs MAYMOVE */
  CHECK_EQ(mem_mremap(to, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, to + P), -EINVAL);
  CHECK_EQ(mem_mremap(to + 1, P, P, 0, 0), -EINVAL);
  CHECK_EQ(mem_mremap(to, P, 0, 0, 0), -EINVAL);
  CHECK_EQ(mem_mremap(to + 16 * P, P, 2 * P, MREMAP_MAYMOVE, 0), -EFAULT);
  CHECK_EQ(mem_mremap(to, 4 * P, 8 * P, MREMAP_MAYMOVE, 0), -EFAULT);  /* beyond the VMA */
  CHECK_EQ(mem_mremap(to, P, P, 0x100, 0), -EINVAL);
  mem_munmap(to, 3 * P);
  mem_munmap(g + 4 * P, P);
  end("mem: mremap grows in place, moves, shrinks, MREMAP_FIXED, errors");
}

static void test_madvise(void)
{
  begin();
  uint64_t g = 0x80000000;
  CHECK_EQ(mem_mmap(g, 2 * P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)g);
  memset(mem_g2h(g), 0x22, 2 * P);
  CHECK_EQ(mem_madvise(g, P, MADV_DONTNEED), 0);
  CHECK_EQ(*(uint8_t *)mem_g2h(g), 0);
  CHECK_EQ(*(uint8_t *)mem_g2h(g + P), 0x22);
  CHECK_EQ(mem_madvise(g, 2 * P, MADV_WILLNEED), 0);
  CHECK_EQ(mem_madvise(g, P, 9999), -EINVAL);
  CHECK_EQ(mem_madvise(g + 1, P, MADV_NORMAL), -EINVAL);
  CHECK_EQ(mem_madvise(g, 3 * P, MADV_DONTNEED), -ENOMEM);
  CHECK_EQ(*(uint8_t *)mem_g2h(g + P), 0);   /* the mapped part was still advised */
  CHECK_EQ(mem_madvise(g + 8 * P, P, MADV_NORMAL), -ENOMEM);
  mem_munmap(g, 2 * P);
  end("mem: madvise MADV_DONTNEED zeroes private anonymous memory; errors");
}

static void test_file_mmap(void)
{
  begin();
  char path[] = "/tmp/rvx-test-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  unlink(path);
  char buf[2 * P];
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = (char)(i * 7);
  CHECK(write(fd, buf, sizeof buf) == (ssize_t)sizeof buf);
  int64_t a = mem_mmap(0, 2 * P, PROT_READ, MAP_PRIVATE, fd, 0);
  CHECK(a > 0);
  CHECK(memcmp(mem_g2h((uint64_t)a), buf, sizeof buf) == 0);
  int64_t b = mem_mmap(0, P, RW, MAP_PRIVATE, fd, P);   /* offset */
  CHECK(b > 0 && memcmp(mem_g2h((uint64_t)b), buf + P, P) == 0);
  ((char *)mem_g2h((uint64_t)b))[0] = 'Q';              /* private: the file is untouched */
  char c;
  CHECK(pread(fd, &c, 1, P) == 1 && c == buf[P]);
  int64_t s = mem_mmap(0, P, RW, MAP_SHARED, fd, 0);
  CHECK(s > 0);
  ((char *)mem_g2h((uint64_t)s))[5] = 'S';
  CHECK(pread(fd, &c, 1, 5) == 1 && c == 'S');
  /* A failed file mapping over existing memory leaves it alone. */
  uint64_t g = 0x90000000;
  CHECK_EQ(mem_mmap(g, P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)g);
  *(char *)mem_g2h(g) = 'k';
  int wfd = open("/dev/null", O_WRONLY);
  CHECK_EQ(mem_mmap(g, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, wfd, 0), -EACCES);
  CHECK_EQ(*(char *)mem_g2h(g), 'k');
  CHECK_EQ(mem_prot_at(g), RW);
  /* mprotect to writable on a shared read-only file mapping: the host says EACCES. */
  int rfd = open("/etc/passwd", O_RDONLY);
  int64_t r = mem_mmap(0, P, PROT_READ, MAP_SHARED, rfd, 0);
  CHECK(r > 0);
  CHECK_EQ(mem_mprotect((uint64_t)r, P, RW), -EACCES);
  CHECK_EQ(mem_prot_at((uint64_t)r), PROT_READ);
  close(wfd);
  close(rfd);
  close(fd);
  mem_munmap((uint64_t)a, 2 * P);
  mem_munmap((uint64_t)b, P);
  mem_munmap((uint64_t)s, P);
  mem_munmap((uint64_t)r, P);
  mem_munmap(g, P);
  end("mem: file mmap private/shared/offset; failures leave old mappings; EACCES");
}

static void test_brk(void)
{
  begin();
  uint64_t start = 0xa0000123;
  mem_set_brk_start(start);
  uint64_t b0 = (uint64_t)mem_brk(0);
  CHECK_EQ(b0, 0xa0001000);
  CHECK_EQ(mem_brk(b0 + 100), (int64_t)(b0 + 100));
  CHECK_EQ(mem_prot_at(b0), RW);
  *(char *)mem_g2h(b0 + 99) = 1;
  CHECK_EQ(mem_brk(b0 + 3 * P), (int64_t)(b0 + 3 * P));
  CHECK_EQ(mem_prot_at(b0 + 2 * P), RW);
  CHECK_EQ(mem_prot_at(b0 + 3 * P), -1);
  CHECK_EQ(mem_brk(b0 - P), (int64_t)(b0 + 3 * P));   /* below the start: refused */
  CHECK_EQ(mem_brk(b0 + P), (int64_t)(b0 + P));       /* shrink unmaps */
  CHECK_EQ(mem_prot_at(b0 + P), -1);
  CHECK_EQ(mem_prot_at(b0), RW);
  /* Something in the way: the break stays. */
  CHECK_EQ(mem_mmap(b0 + 10 * P, P, RW, ANON | MAP_FIXED, -1, 0), (int64_t)(b0 + 10 * P));
  CHECK_EQ(mem_brk(b0 + 20 * P), (int64_t)(b0 + P));
  CHECK_EQ(mem_brk(b0 + 9 * P + 1), (int64_t)(b0 + P));   /* needs a page of room above */
  CHECK_EQ(mem_brk(b0 + 9 * P), (int64_t)(b0 + 9 * P));
  CHECK_EQ(mem_brk(GUEST_SIZE + P), (int64_t)(b0 + 9 * P));
  CHECK_EQ(mem_brk(b0), (int64_t)b0);
  CHECK_EQ(mem_prot_at(b0), -1);
  mem_munmap(b0 + 10 * P, P);
  end("mem: brk grows, shrinks, refuses below start and over mappings");
}

/* Reads the whole file. */
static uint8_t *slurp(const char *path, size_t *len)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return NULL;
  struct stat st;
  fstat(fd, &st);
  uint8_t *b = malloc((size_t)st.st_size);
  if (read(fd, b, (size_t)st.st_size) != st.st_size) {
    free(b);
    b = NULL;
  }
  close(fd);
  *len = (size_t)st.st_size;
  return b;
}

static void test_load(const char *path, bool pie)
{
  begin();
  size_t flen;
  uint8_t *file = slurp(path, &flen);
  CHECK(file != NULL);
  if (!file) {
    end(pie ? "loader: static-PIE" : "loader: static");
    return;
  }
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
  const Elf64_Phdr *ph = (const Elf64_Phdr *)(file + eh->e_phoff);
  ld_image img;
  char err[256] = "";
  int st = ld_load_elf(path, &img, err, sizeof err);
  CHECK_EQ(st, 0);
  if (st)
    snprintf(why, sizeof why, "ld_load_elf: %s", err);
  uint64_t bias = img.load_bias;
  if (pie) {
    CHECK_EQ(eh->e_type, ET_DYN);
    CHECK(bias != 0 && bias % P == 0);
    CHECK(bias >= (GUEST_SIZE / 3 * 2) - (1 << 20) && bias <= GUEST_SIZE / 3 * 2);
  } else {
    CHECK_EQ(bias, 0);
  }
  CHECK_EQ(img.entry, eh->e_entry + bias);
  CHECK_EQ(img.phnum, eh->e_phnum);
  CHECK_EQ(img.phent, sizeof(Elf64_Phdr));
  CHECK(img.phdr != 0);
  if (!st && img.phdr)
    CHECK(memcmp(mem_g2h(img.phdr), ph, eh->e_phnum * sizeof *ph) == 0);
  uint64_t hi = 0;
  for (int i = 0; i < eh->e_phnum && !st; i++) {
    if (ph[i].p_type != PT_LOAD)
      continue;
    uint64_t v = ph[i].p_vaddr + bias;
    CHECK(memcmp(mem_g2h(v), file + ph[i].p_offset, ph[i].p_filesz) == 0);
    for (uint64_t k = ph[i].p_filesz; k < ph[i].p_memsz; k++)
      if (((uint8_t *)mem_g2h(v))[k]) {
        CHECK(!"bss is zero");
        break;
      }
    int want = (ph[i].p_flags & PF_R ? PROT_READ : 0) | (ph[i].p_flags & PF_W ? PROT_WRITE : 0) |
               (ph[i].p_flags & PF_X ? PROT_EXEC : 0);
    CHECK_EQ(mem_prot_at(v), want);
    CHECK_EQ(mem_prot_at(v + ph[i].p_memsz - 1), want);
    if (v + ph[i].p_memsz > hi)
      hi = v + ph[i].p_memsz;
  }
  CHECK_EQ(img.brk_start, hi);
  CHECK_EQ(mem_brk(0), (int64_t)((hi + P - 1) & ~(uint64_t)(P - 1)));
  CHECK_EQ(mem_prot_at(img.entry) & PROT_EXEC, PROT_EXEC);
  free(file);
  end(pie ? "loader: static-PIE segments, bias, bss, protections, AT_PHDR"
          : "loader: static segments, bss, protections, AT_PHDR, brk");
}

static uint64_t rd(uint64_t g)
{
  uint64_t v;
  memcpy(&v, mem_g2h(g), 8);
  return v;
}

static void test_stack(void)
{
  begin();
  ld_image img = { .entry = 0x10abc, .phdr = 0x10040, .phnum = 7, .phent = 56,
                   .stack_prot = RW };
  char *argv[] = { "prog", "", "third arg", NULL };
  char *envp[] = { "A=1", "LONGER=some value", NULL };
  uint64_t sp = ld_build_stack(&img, 3, argv, envp, "/path/to/prog");
  CHECK(sp != 0);
  CHECK_EQ(sp % 16, 0);
  CHECK(sp < GUEST_STACK_TOP && sp > GUEST_STACK_TOP - 8192);
  CHECK_EQ(mem_prot_at(GUEST_STACK_TOP - mem_stack_size()), RW);
  CHECK_EQ(mem_prot_at(GUEST_STACK_TOP), -1);
  CHECK_EQ(rd(sp), 3);
  for (int i = 0; i < 3; i++)
    CHECK(strcmp(mem_g2h(rd(sp + 8 + 8 * (uint64_t)i)), argv[i]) == 0);
  CHECK_EQ(rd(sp + 32), 0);
  CHECK(strcmp(mem_g2h(rd(sp + 40)), envp[0]) == 0);
  CHECK(strcmp(mem_g2h(rd(sp + 48)), envp[1]) == 0);
  CHECK_EQ(rd(sp + 56), 0);
  /* Strings: argv[0] lowest, contiguous, then envp, execfn, and the NULL word on top. */
  uint64_t s0 = rd(sp + 8);
  CHECK_EQ(rd(sp + 16), s0 + 5);
  CHECK_EQ(rd(sp + 24), s0 + 6);
  CHECK_EQ(rd(sp + 40), s0 + 16);
  CHECK_EQ(rd(GUEST_STACK_TOP - 8), 0);
  uint64_t execfn = GUEST_STACK_TOP - 8 - 14;
  CHECK(strcmp(mem_g2h(execfn), "/path/to/prog") == 0);
  CHECK_EQ(rd(sp + 48) + strlen(envp[1]) + 1, execfn);
  uint64_t want[][2] = {
    { AT_PAGESZ, 4096 }, { AT_HWCAP, 0x112d }, { AT_CLKTCK, 100 }, { AT_PHDR, 0x10040 },
    { AT_PHENT, 56 }, { AT_PHNUM, 7 }, { AT_BASE, 0 }, { AT_FLAGS, 0 }, { AT_ENTRY, 0x10abc },
    { AT_UID, getuid() }, { AT_EUID, geteuid() }, { AT_GID, getgid() },
    { AT_EGID, getegid() }, { AT_SECURE, 0 }, { AT_EXECFN, execfn },
    { AT_MINSIGSTKSZ, 1088 },
  };
  size_t nwant = sizeof want / sizeof want[0], found = 0;
  uint64_t a = sp + 64, random_at = 0;
  for (int k = 0; k < 40; k++, a += 16) {
    uint64_t t = rd(a), v = rd(a + 8);
    if (t == AT_NULL)
      break;
    if (t == AT_RANDOM)
      random_at = v;
    for (size_t j = 0; j < nwant; j++)
      if (want[j][0] == t) {
        CHECK_EQ(v, want[j][1]);
        found++;
      }
  }
  CHECK_EQ(rd(a), AT_NULL);
  CHECK_EQ(found, nwant);
  CHECK_EQ(random_at, s0 - 16);   /* the random bytes sit right below the strings */
  CHECK(random_at >= a + 16 && random_at - (a + 16) < 16);   /* only alignment between */
  CHECK(rd(random_at) != 0 || rd(random_at + 8) != 0);
  /* Arguments over a quarter of the stack limit: E2BIG, as Linux's execve. */
  size_t big = mem_stack_size() / 4 + 10;
  char *huge = malloc(big);
  memset(huge, 'a', big - 1);
  huge[big - 1] = 0;
  char *bargv[] = { huge, NULL };
  errno = 0;
  CHECK_EQ(ld_build_stack(&img, 1, bargv, envp, "x"), 0);
  CHECK_EQ(errno, E2BIG);
  free(huge);
  end("loader: initial stack layout, argv/envp/auxv, AT_RANDOM, AT_EXECFN, E2BIG");
}

static void test_maps(const char *exe)
{
  begin();
  int64_t b = mem_brk(0);
  CHECK(mem_brk((uint64_t)b + 10) == b + 10);
  size_t need = mem_format_maps(NULL, 0);
  char *buf = malloc(need + 1);
  CHECK_EQ(mem_format_maps(buf, need + 1), need);
  CHECK_EQ(strlen(buf), need);
  char *real = realpath(exe, NULL), want[600];
  /* The text segment of a static binary at 0x10000, named by its absolute path at column 73. */
  char *line = strstr(buf, "00010000-");
  CHECK(line != NULL);
  if (line) {
    CHECK(strncmp(line + 17, " r-xp 00000000 ", 15) == 0);
    CHECK(strncmp(line + 73, real, strlen(real)) == 0);
    CHECK_EQ(line[73 + strlen(real)], '\n');
  }
  snprintf(want, sizeof want, "%08llx-%08llx rw-p 00000000 00:00 0", (unsigned long long)
           (GUEST_STACK_TOP - mem_stack_size()), (unsigned long long)GUEST_STACK_TOP);
  line = strstr(buf, want);
  CHECK(line != NULL);
  if (line)
    CHECK(strncmp(line + 73, "[stack]\n", 8) == 0);
  snprintf(want, sizeof want, "%08llx-%08llx rw-p 00000000 00:00 0", (unsigned long long)b,
           (unsigned long long)b + P);
  line = strstr(buf, want);
  CHECK(line != NULL);
  if (line)
    CHECK(strncmp(line + 73, "[heap]\n", 7) == 0);
  char small[10];
  CHECK_EQ(mem_format_maps(small, sizeof small), need);
  CHECK_EQ(strlen(small), 9);
  mem_brk((uint64_t)b);
  if (!ok)
    fprintf(stderr, "%s", buf);
  free(real);
  free(buf);
  end("mem: /proc/self/maps text (paths, [stack], [heap], column 73)");
}

/* The fault handler, seen from outside: run by the suite, which checks status and stderr. */
static int fault_mode(const char *mode)
{
  if (mem_init() < 0)
    return 2;
  exc_init();
  static rv_cpu cpu;
  cpu.pc = 0x1234;
  if (strcmp(mode, "maperr") == 0) {
    exc_cpu = &cpu;
    *(volatile uint8_t *)mem_g2h(0x5000) = 1;
  } else if (strcmp(mode, "accerr") == 0) {
    mem_mmap(0x20000, P, PROT_READ, ANON | MAP_FIXED, -1, 0);
    exc_cpu = &cpu;
    *(volatile uint8_t *)mem_g2h(0x20010) = 1;
  } else if (strcmp(mode, "guard") == 0) {
    exc_cpu = &cpu;
    *(volatile uint64_t *)mem_g2h(GUEST_SIZE - 4) = 1;   /* straddles into the guard */
  } else if (strcmp(mode, "internal") == 0) {
    exc_cpu = &cpu;
    *(volatile uint8_t *)(uintptr_t)16 = 1;              /* a bug in rvx, not the guest */
  } else if (strcmp(mode, "stackoverflow") == 0) {
    exc_cpu = &cpu;
    /* A host stack overflow must still reach the handler (the alternate stack). */
    volatile char big[1 << 16];
    big[0] = 1;
    return fault_mode(mode) + big[0];
  } else if (strcmp(mode, "trap") == 0) {
    cpu.pc = 0x10078;
    exc_guest_trap(&cpu, SIGILL, ILL_ILLOPC, 0x10078);
  }
  return 3;
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 3 && strcmp(argv[1], "fault") == 0)
    return fault_mode(argv[2]);
  if (argc != 3) {
    fprintf(stderr, "usage: test_loader STATIC_ELF PIE_ELF | fault MODE\n");
    return 2;
  }
  if (mem_init() < 0) {
    printf("FAIL mem_init\n");
    return 1;
  }
  test_mmap_basic();
  test_mmap_errors();
  test_fixed();
  test_split_merge();
  test_guest_ptr();
  test_guarded_copy();
  test_mremap();
  test_madvise();
  test_file_mmap();
  test_brk();
  test_load(argv[1], false);
  test_stack();
  test_maps(argv[1]);
  /* A second address space for the static-PIE (the stack and brk of the first are set). */
  test_load(argv[2], true);
  return failures ? 1 : 0;
}

/* Guest memory syscalls end to end: each line is "name: ok" or "name: BAD (detail)", and the
 * output must be the same under rvx and qemu-riscv64 (tests/suites/40-loader.sh). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define P 4096

static int bad;

static void check(const char *name, int ok, long detail)
{
  if (ok)
    printf("%s: ok\n", name);
  else
    printf("%s: BAD (%ld, errno %d)\n", name, detail, errno);
  bad |= !ok;
}

int main(void)
{
  char *a = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check("mmap anonymous", a != MAP_FAILED && ((uintptr_t)a & (P - 1)) == 0, (long)a);
  memset(a, 0x5a, 4 * P);
  check("munmap middle page", munmap(a + P, P) == 0, 0);
  char *b = mmap(a + P, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  check("hole can be refilled with MAP_FIXED_NOREPLACE", b == a + P && b[0] == 0, (long)b);
  errno = 0;
  char *c = mmap(a, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  check("MAP_FIXED_NOREPLACE over a mapping: EEXIST", c == MAP_FAILED && errno == EEXIST, (long)c);
  check("mprotect read-only", mprotect(a, P, PROT_READ) == 0 && a[0] == 0x5a, 0);
  errno = 0;
  check("mprotect unaligned: EINVAL", mprotect(a + 1, P, PROT_READ) < 0 && errno == EINVAL, 0);
  munmap(a + 3 * P, P);
  errno = 0;
  check("mprotect over a hole: ENOMEM", mprotect(a + 2 * P, 2 * P, PROT_READ) < 0 && errno == ENOMEM, 0);
  errno = 0;
  check("mmap length 0: EINVAL", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL, 0);
  errno = 0;
  check("mmap without MAP_PRIVATE/SHARED: EINVAL", mmap(NULL, P, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL, 0);
  errno = 0;
  check("munmap unaligned: EINVAL", munmap(a + 1, P) < 0 && errno == EINVAL, 0);

  /* mremap: grow (moving if need be) keeps the contents. */
  char *m = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int i = 0; i < 2 * P; i++)
    m[i] = (char)i;
  char *n = mremap(m, 2 * P, 64 * P, MREMAP_MAYMOVE);
  int same = n != MAP_FAILED;
  for (int i = 0; same && i < 2 * P; i++)
    same = n[i] == (char)i;
  check("mremap grow keeps contents", same && n[64 * P - 1] == 0, (long)n);
  char *s = mremap(n, 64 * P, P, 0);
  check("mremap shrink in place", s == n && s[5] == 5, (long)s);
  errno = 0;
  check("mremap of unmapped memory: EFAULT", mremap(a + 3 * P, P, 2 * P, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT, 0);

  /* madvise(MADV_DONTNEED) zeroes private anonymous pages. */
  memset(s, 7, P);
  check("madvise DONTNEED zeroes", madvise(s, P, MADV_DONTNEED) == 0 && s[100] == 0, s[100]);

  /* brk */
  char *b0 = sbrk(0);
  char *b1 = sbrk(3 * P);
  check("sbrk grows", b1 == b0 && sbrk(0) == b0 + 3 * P, (long)((char *)sbrk(0) - b0));
  memset(b1, 1, 3 * P);
  check("sbrk shrinks", sbrk(-(3 * P)) != (void *)-1 && sbrk(0) == b0, 0);

  /* Files: private mappings see the file, shared ones write it. */
  char path[] = "/tmp/rvx-mman-XXXXXX";
  int fd = mkstemp(path);
  unlink(path);
  char buf[2 * P];
  for (int i = 0; i < 2 * P; i++)
    buf[i] = (char)(i * 3);
  check("write file", write(fd, buf, sizeof buf) == (ssize_t)sizeof buf, 0);
  char *f = mmap(NULL, P, PROT_READ, MAP_PRIVATE, fd, P);
  check("file mmap at an offset", f != MAP_FAILED && memcmp(f, buf + P, P) == 0, (long)f);
  char *w = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  w[10] = 'W';
  char got = 0;
  check("shared file mapping writes the file", pread(fd, &got, 1, 10) == 1 && got == 'W', got);
  check("private mapping of it sees the write (same page cache)", f[0] == buf[P], f[0]);
  errno = 0;
  check("file mmap at an unaligned offset: EINVAL", mmap(NULL, P, PROT_READ, MAP_PRIVATE, fd, 5) == MAP_FAILED && errno == EINVAL, 0);
  errno = 0;
  check("mmap of a bad fd: EBADF", mmap(NULL, P, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED && errno == EBADF, 0);
  close(fd);

  /* Lots of small mappings, unmapped in a scattered order. */
  char *many[200];
  int ok = 1;
  for (int i = 0; i < 200; i++) {
    many[i] = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ok &= many[i] != MAP_FAILED;
    if (ok)
      many[i][0] = (char)i;
  }
  for (int i = 0; i < 200; i += 2)
    ok &= munmap(many[i], P) == 0;
  for (int i = 1; i < 200; i += 2)
    ok &= many[i][0] == (char)i;
  check("200 mappings made and half unmapped", ok, 0);
  void *big = malloc(64 << 20);
  check("malloc of 64 MiB (an mmap)", big != NULL, 0);
  free(big);
  return bad;
}

/* Checks guest pointers handed to syscalls: only guest memory the guest may access with the
 * needed protection ever reaches the host kernel or rvx's own copies (EFAULT otherwise). */
#include "os/os_impl.h"

#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>

#include "loader/loader.h"
#include "mem/mem.h"
#include "sandbox/sandbox.h"

void *os_obj(uint64_t g, uint64_t len, int prot)
{
  if (len == 0)
    return g <= GUEST_SIZE ? mem_g2h(g) : NULL;
  return mem_guest_ptr(g, len, prot);
}

int64_t os_put(uint64_t g, const void *src, uint64_t len)
{
  void *h = os_obj(g, len, PROT_WRITE);
  if (!h)
    return -EFAULT;
  return mem_copy_guarded(h, src, len);
}

int64_t os_get(void *dst, uint64_t g, uint64_t len)
{
  const void *h = os_obj(g, len, PROT_READ);
  if (!h)
    return -EFAULT;
  return mem_copy_guarded(dst, h, len);
}

void *os_buf(uint64_t g, uint64_t *len, int prot)
{
  if (*len == 0)
    return g <= GUEST_SIZE ? mem_g2h(g) : NULL;
  void *h = mem_guest_ptr(g, *len, prot);
  if (h)
    return h;
  /* A range reaching past the guest space fails as a whole (Linux's access_ok). */
  if (g >= GUEST_SIZE || *len > GUEST_SIZE - g)
    return NULL;
  /* Slow path: the prefix of whole pages (the first one partial) that allow prot. */
  uint64_t ok = 0;
  while (ok < *len) {
    uint64_t a = g + ok;
    uint64_t chunk = GUEST_PAGE - (a & (GUEST_PAGE - 1));
    if (chunk > *len - ok)
      chunk = *len - ok;
    if (!mem_guest_ptr(a, chunk, prot))
      break;
    ok += chunk;
  }
  if (ok == 0)
    return NULL;
  *len = ok;
  return mem_guest_ptr(g, ok, prot);
}

int os_str(uint64_t g, size_t max, const char **out)
{
  ssize_t n = mem_guest_strlen(g, max + 1);
  if (n >= 0 && (size_t)n <= max) {
    *out = mem_g2h(g);
    return 0;
  }
  /* No NUL within max+1 readable bytes, or unreadable: tell which. */
  if (mem_guest_ptr(g, max + 1, PROT_READ))
    return -ENAMETOOLONG;
  return -EFAULT;
}

/* Paths (their copy, and the sysroot-translated one) live in a few buffers per thread, used
 * in turn, so that the two paths of one call (renameat2, linkat) stay valid together; one
 * call never needs more. */
#define PATH_BUFS 6
static _Thread_local char path_buf[PATH_BUFS][PATH_MAX];
static _Thread_local unsigned path_next;

int os_path(uint64_t g, const char **out)
{
  if (sbx_on)
    return sbx_path_of(g, out);   /* resolved inside the sandbox's root, or EACCES */
  ssize_t n = mem_guest_strlen(g, PATH_MAX);
  if (n < 0 || n > PATH_MAX - 1)
    return os_str(g, PATH_MAX - 1, out);   /* the error Linux gives */
  /* A copy: rvx compares and rewrites the path (sysroot, /proc/self/exe), and another guest
   * thread may change or unmap the string meanwhile. */
  char *copy = path_buf[path_next++ % PATH_BUFS];
  if (mem_copy_guarded(copy, mem_g2h(g), (size_t)n) < 0)
    return -EFAULT;
  copy[n] = 0;
  *out = copy;
  if (*copy == '/') {
    char *buf = path_buf[path_next++ % PATH_BUFS];
    *out = ld_sysroot_path(copy, buf, PATH_MAX);
  }
  return 0;
}

int os_iovec(uint64_t g, int64_t cnt, int prot, struct iovec *out)
{
  if (cnt < 0 || cnt > G_UIO_MAXIOV)
    return -EINVAL;
  const uint8_t *src = os_obj(g, (uint64_t)cnt * sizeof(struct g_iovec), PROT_READ);
  if (!src)
    return -EFAULT;
  int n = 0;
  uint64_t total = 0;
  for (int64_t i = 0; i < cnt; i++) {
    struct g_iovec gv;
    memcpy(&gv, src + i * sizeof gv, sizeof gv);
    if ((int64_t)gv.len < 0)
      return -EINVAL;
    uint64_t len = gv.len;
    void *h = os_buf(gv.base, &len, prot);
    if (!h) {
      if (total == 0 || gv.base >= GUEST_SIZE)
        return -EFAULT;
      break;
    }
    out[n].iov_base = h;
    out[n].iov_len = len;
    n++;
    total += len;
    if (len != gv.len)
      break;
  }
  return n;
}

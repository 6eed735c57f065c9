/* Sockets in sandbox mode and under --net=none.
 * - --net=none: socket() fails with EACCES for every family (as a seccomp or LSM denial
 *   would). socketpair() stays: an AF_UNIX pair has no name and reaches nothing outside the
 *   process tree, and programs use it as a pipe.
 * - --sandbox: a unix socket path in bind, connect and sendto is resolved inside the root
 *   (bind does not follow a final symlink, connect and sendto do); the host call gets
 *   "/proc/self/fd/P/name" (bind) or "/proc/self/fd/T" (connect). Abstract addresses (a
 *   leading NUL) name host-wide sockets outside any directory (X11, D-Bus...): refused with
 *   EACCES; autobind (an address of the family alone) stays. sendmsg/sendmmsg with a unix
 *   address: refused with EACCES (not translated yet); without an address they pass.
 *   getsockname/getpeername show the guest's path for an address rvx bound or connected in
 *   this process (or its parent before fork). */
#define _GNU_SOURCE
#include "sandbox/sandbox_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "os/guest_abi.h"
#include "os/guest_net.h"
#include "os/os_impl.h"
#include "os/signal.h"
#include "util/options.h"

int sbx_resolve(int dirfd, const char *path, bool follow, char *out, size_t cap);

enum {
  NR_socket = 198, NR_bind = 200, NR_connect = 203, NR_getsockname = 204,
  NR_getpeername = 205, NR_sendto = 206, NR_sendmsg = 211, NR_sendmmsg = 269,
};

#define SUN_MAX ((int)sizeof(((struct sockaddr_un *)0)->sun_path))

bool sbx_net_none(void)
{
  return rvx_opts.net_none;
}

/* Host names of bound or connected paths and what the guest called them. */
#define NAMES 32
static struct { char host[SUN_MAX + 1], guest[SUN_MAX + 1]; } names[NAMES];
static unsigned next_name;
static pthread_mutex_t names_lock = PTHREAD_MUTEX_INITIALIZER;

static void remember(const char *host, const char *guest)
{
  pthread_mutex_lock(&names_lock);
  unsigned i = next_name++ % NAMES;
  strcpy(names[i].host, host);
  strcpy(names[i].guest, guest);
  pthread_mutex_unlock(&names_lock);
}

/* The guest's name for host: true if known (copied to out). */
static bool recall(const char *host, char *out)
{
  bool found = false;
  pthread_mutex_lock(&names_lock);
  for (unsigned i = 0; i < NAMES && !found; i++)
    if (names[i].host[0] && strcmp(names[i].host, host) == 0) {
      strcpy(out, names[i].guest);
      found = true;
    }
  pthread_mutex_unlock(&names_lock);
  return found;
}

/* A guest sockaddr (g, len): 1 and its host form in *sun (*hlen) when it is a unix path;
 * 0 when the handler may pass it as it is; -errno to refuse. */
static int unix_addr(uint64_t g, uint64_t len, bool follow, struct sockaddr_un *sun,
                     socklen_t *hlen, char *guest)
{
  if (!g || len < sizeof(sa_family_t) + 1 || len > sizeof(struct sockaddr_un))
    return 0;   /* the kernel's own answer: EINVAL, EFAULT, autobind */
  const uint8_t *h = os_obj(g, len, PROT_READ);
  if (!h)
    return 0;
  sa_family_t fam;
  memcpy(&fam, h, sizeof fam);
  if (fam != AF_UNIX)
    return 0;
  size_t n = len - sizeof fam;
  char path[SUN_MAX + 1];
  memcpy(path, h + sizeof fam, n);
  path[n] = 0;
  if (path[0] == 0)
    return -EACCES;   /* abstract: host-wide */
  strcpy(guest, path);
  memset(sun, 0, sizeof *sun);
  sun->sun_family = AF_UNIX;
  char host[PATH_MAX];
  int e = sbx_resolve(AT_FDCWD, path, follow, host, sizeof host);
  if (e)
    return e;
  if (strlen(host) >= (size_t)SUN_MAX)
    return -ENAMETOOLONG;   /* the name got too long for sun_path on the way */
  strcpy(sun->sun_path, host);
  *hlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(host) + 1);
  return 1;
}

/* getsockname/getpeername: the guest's path instead of rvx's /proc/self/fd form. */
static bool name_call(uint64_t nr, const uint64_t a[6], int64_t *ret)
{
  struct sockaddr_un sun;
  socklen_t len = sizeof sun;
  long r = syscall(nr == NR_getsockname ? SYS_getsockname : SYS_getpeername, (int)a[0],
                   &sun, &len);
  if (r < 0 || sun.sun_family != AF_UNIX || len <= offsetof(struct sockaddr_un, sun_path) ||
      strncmp(sun.sun_path, "/proc/self/fd/", 14) != 0)
    return false;   /* the handler asks again and copies out in Linux's order */
  char guest[SUN_MAX + 1];
  if (!recall(sun.sun_path, guest)) {
    const char *slash = strrchr(sun.sun_path, '/');
    strcpy(guest, slash + 1);   /* unknown here: the name within its directory */
  }
  strcpy(sun.sun_path, guest);
  len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(guest) + 1);
  int32_t glen;
  if (os_get(&glen, a[2], 4)) {
    *ret = -EFAULT;
    return true;
  }
  if (glen < 0) {
    *ret = -EINVAL;
    return true;
  }
  size_t n = (size_t)glen < len ? (size_t)glen : len;
  int32_t full = (int32_t)len;
  *ret = (os_put(a[1], &sun, n) || os_put(a[2], &full, 4)) ? -EFAULT : 0;
  return true;
}

/* Whether a sendmsg header carries a unix address (refused: not translated). */
static bool msg_has_unix_name(uint64_t gmsg)
{
  const struct g_msghdr *m = os_obj(gmsg, sizeof *m, PROT_READ);
  if (!m || !m->msg_name || m->msg_namelen < (int32_t)sizeof(sa_family_t))
    return false;
  const sa_family_t *f = os_obj(m->msg_name, sizeof *f, PROT_READ);
  return f && *f == AF_UNIX && m->msg_namelen > (int32_t)sizeof(sa_family_t);
}

bool sbx_net_call(uint64_t nr, const uint64_t a[6], int64_t *ret)
{
  if (nr == NR_socket && rvx_opts.net_none) {
    *ret = -EACCES;
    return true;
  }
  if (!sbx_on)
    return false;
  struct sockaddr_un sun;
  socklen_t hlen;
  char guest[SUN_MAX + 1];
  int k;
  switch (nr) {
  case NR_bind:
  case NR_connect:
    k = unix_addr(a[1], a[2], nr == NR_connect, &sun, &hlen, guest);
    if (k == 0)
      return false;
    if (k < 0) {
      *ret = k;
      return true;
    }
    if (nr == NR_bind)
      *ret = os_ret(syscall(SYS_bind, (int)a[0], &sun, hlen));
    else
      *ret = os_ret(os_safe_syscall(SYS_connect, (int)a[0], &sun, hlen));
    if (*ret == 0)
      remember(sun.sun_path, guest);
    return true;
  case NR_sendto: {
    k = unix_addr(a[4], a[5], true, &sun, &hlen, guest);
    if (k == 0)
      return false;
    if (k < 0) {
      *ret = k;
      return true;
    }
    uint64_t len = a[2];
    void *buf = os_buf(a[1], &len, PROT_READ);
    if (!buf && len) {
      *ret = -EFAULT;
      return true;
    }
    *ret = os_ret(os_safe_syscall(SYS_sendto, (int)a[0], buf, len, (int)a[3], &sun, hlen));
    return true;
  }
  case NR_sendmsg:
    if (msg_has_unix_name(a[1])) {
      *ret = -EACCES;
      return true;
    }
    return false;
  case NR_sendmmsg:
    for (uint64_t i = 0; i < (unsigned)a[2] && i < 1024; i++)
      if (msg_has_unix_name(a[1] + i * sizeof(struct g_mmsghdr))) {
        *ret = -EACCES;
        return true;
      }
    return false;
  case NR_getsockname:
  case NR_getpeername:
    return name_call(nr, a, ret);
  }
  return false;
}

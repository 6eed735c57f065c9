/* Process and identity syscalls: ids, rseq, process groups, resource limits, prctl,
 * capabilities, personality. (exit and the per-thread bookkeeping: thread.c.) */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/os.h"
#include "os/thread.h"

/* Limits kept by rvx instead of the host: the guest's address-space limits must not shrink
 * rvx's own reservation. Set up lazily from the host's values. */
static struct g_rlimit kept_limits[G_RLIM_NLIMITS];
static bool kept_valid[G_RLIM_NLIMITS];

static bool kept_by_rvx(int res)
{
  return res == G_RLIMIT_AS || res == G_RLIMIT_DATA;
}

int64_t os_sys_rseq(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu, (void)a;
  return -ENOSYS;
}

#define ID_CALL(name)                                       \
  int64_t os_sys_##name(rv_cpu *cpu, const uint64_t a[6])   \
  {                                                         \
    (void)cpu, (void)a;                                     \
    return (int64_t)name();                                 \
  }
ID_CALL(getpid)
ID_CALL(getppid)
ID_CALL(gettid)
ID_CALL(getuid)
ID_CALL(geteuid)
ID_CALL(getgid)
ID_CALL(getegid)
#undef ID_CALL

static int64_t three_ids(const uint64_t a[6], unsigned r, unsigned e, unsigned s)
{
  uint32_t ids[3] = {r, e, s};
  for (int i = 0; i < 3; i++)
    if (os_put(a[i], &ids[i], 4))
      return -EFAULT;
  return 0;
}

int64_t os_sys_getresuid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uid_t r, e, s;
  getresuid(&r, &e, &s);
  return three_ids(a, r, e, s);
}

int64_t os_sys_getresgid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  gid_t r, e, s;
  getresgid(&r, &e, &s);
  return three_ids(a, r, e, s);
}

int64_t os_sys_getgroups(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int size = (int)a[0];
  if (size < 0 || size > 65536)
    return -EINVAL;
  void *h = os_obj(a[1], (uint64_t)size * 4, PROT_WRITE);
  if (!h)
    return -EFAULT;
  return os_ret(syscall(SYS_getgroups, size, h));
}

int64_t os_sys_setpgid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(setpgid((pid_t)a[0], (pid_t)a[1]));
}

int64_t os_sys_getpgid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(getpgid((pid_t)a[0]));
}

int64_t os_sys_getsid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(getsid((pid_t)a[0]));
}

int64_t os_sys_setsid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu, (void)a;
  return os_ret(setsid());
}

/* prlimit64(pid, resource, new, old), the model for getrlimit/setrlimit too. */
static int64_t do_prlimit(int pid, unsigned res, uint64_t gnew, uint64_t gold)
{
  if (res >= G_RLIM_NLIMITS)
    return -EINVAL;
  struct g_rlimit nl = {0, 0}, ol;
  void *hold = NULL;
  if (gnew) {
    if (os_get(&nl, gnew, sizeof nl))
      return -EFAULT;
  }
  if (gold && !(hold = os_obj(gold, sizeof ol, PROT_WRITE)))
    return -EFAULT;
  bool self = pid == 0 || pid == getpid();
  if (self && kept_by_rvx((int)res)) {
    if (!kept_valid[res]) {
      struct rlimit hl;
      getrlimit((int)res, &hl);
      kept_limits[res] = (struct g_rlimit){hl.rlim_cur, hl.rlim_max};
      kept_valid[res] = true;
    }
    ol = kept_limits[res];
    if (gnew) {
      if (nl.rlim_cur > nl.rlim_max)
        return -EINVAL;
      if (nl.rlim_max > ol.rlim_max && geteuid() != 0)
        return -EPERM;
      kept_limits[res] = nl;
    }
  } else {
    struct rlimit hn = {nl.rlim_cur, nl.rlim_max}, ho;
    int64_t r = os_ret(syscall(SYS_prlimit64, pid, res, gnew ? &hn : NULL, &ho));
    if (r < 0)
      return r;
    ol = (struct g_rlimit){ho.rlim_cur, ho.rlim_max};
  }
  if (hold)
    memcpy(hold, &ol, sizeof ol);
  return 0;
}

int64_t os_sys_prlimit64(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return do_prlimit((int)a[0], (unsigned)a[1], a[2], a[3]);
}

int64_t os_sys_getrlimit(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  if (!a[1])
    return -EFAULT;
  return do_prlimit(0, (unsigned)a[0], 0, a[1]);
}

int64_t os_sys_setrlimit(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  if (!a[1])
    return -EFAULT;
  return do_prlimit(0, (unsigned)a[0], a[1], 0);
}

int64_t os_sys_getrusage(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct rusage ru;
  int64_t r = os_ret(getrusage((int)a[0], &ru));
  if (r < 0)
    return r;
  return os_put(a[1], &ru, sizeof ru);   /* same layout (conv.c) */
}

/* prctl: only options whose arguments rvx understands; the rest get EINVAL as an unknown
 * option would. */
int64_t os_sys_prctl(rv_cpu *cpu, const uint64_t a[6])
{
  int opt = (int)a[0];
  switch (opt) {
  case PR_SET_NAME: {
    char name[16] = {0};
    for (int i = 0; i < 15; i++) {
      const char *c = os_obj(a[1] + (uint64_t)i, 1, PROT_READ);
      if (!c)
        return -EFAULT;
      if (!(name[i] = *c))
        break;
    }
    return os_ret(prctl(PR_SET_NAME, name));
  }
  case PR_GET_NAME: {
    char name[16];
    int64_t r = os_ret(prctl(PR_GET_NAME, name));
    void *h = os_obj(a[1], sizeof name, PROT_WRITE);
    if (r == 0 && !h)
      return -EFAULT;
    if (r == 0)
      memcpy(h, name, sizeof name);
    return r;
  }
  case PR_GET_PDEATHSIG: {
    int sig;
    int64_t r = os_ret(prctl(PR_GET_PDEATHSIG, &sig));
    void *h = os_obj(a[1], 4, PROT_WRITE);
    if (r == 0 && !h)
      return -EFAULT;
    if (r == 0)
      memcpy(h, &sig, 4);
    return r;
  }
  case PR_GET_CHILD_SUBREAPER: {
    int v;
    int64_t r = os_ret(prctl(PR_GET_CHILD_SUBREAPER, &v));
    if (r == 0 && os_put(a[1], &v, 4))
      return -EFAULT;
    return r;
  }
  case PR_GET_TID_ADDRESS:
    return os_put(a[1], &os_thread_of(cpu)->clear_child_tid, 8);
  case PR_SET_CHILD_SUBREAPER:
  case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
  case PR_GET_NO_NEW_PRIVS: case PR_SET_NO_NEW_PRIVS: case PR_GET_TIMERSLACK:
  case PR_SET_TIMERSLACK: case PR_GET_KEEPCAPS: case PR_SET_KEEPCAPS:
    return os_ret(prctl(opt, (unsigned long)a[1], (unsigned long)a[2], (unsigned long)a[3],
                        (unsigned long)a[4]));
  default:
    return -EINVAL;
  }
}

/* capget/capset: struct __user_cap_header_struct {u32 version; int pid} and 1 (version 1)
 * or 2 (versions 2, 3) struct __user_cap_data_struct {u32 effective, permitted,
 * inheritable}: the same on both architectures. An unknown version makes the kernel write
 * its preferred one back into the header, which the guest then sees too. */
#define CAP_V1 0x19980330u
static int cap_words(uint32_t version)
{
  return version == CAP_V1 ? 1 : (version == 0x20071026u || version == 0x20080522u) ? 2 : 0;
}

static int64_t cap_call(long nr, const uint64_t a[6])
{
  uint32_t hdr[2];
  const void *gh = os_obj(a[0], sizeof hdr, PROT_READ);
  if (!gh)
    return -EFAULT;
  memcpy(hdr, gh, sizeof hdr);
  uint32_t asked = hdr[0];
  uint32_t data[6] = {0};
  int n = cap_words(hdr[0]);
  if (nr == SYS_capset && n) {
    const void *gd = os_obj(a[1], (uint64_t)n * 12, PROT_READ);
    if (!gd)
      return -EFAULT;
    memcpy(data, gd, (size_t)n * 12);
  }
  if (nr == SYS_capget && n && a[1] && !os_obj(a[1], (uint64_t)n * 12, PROT_WRITE))
    return -EFAULT;
  /* With no data pointer a bad version is a query (0); with one it is EINVAL. */
  int64_t r = os_ret(syscall(nr, hdr, a[1] ? data : NULL));
  if (hdr[0] != asked && os_put(a[0], hdr, 4))   /* the version the kernel prefers */
    return -EFAULT;
  if (r == 0 && nr == SYS_capget && n && a[1])
    os_put(a[1], data, (uint64_t)n * 12);
  return r;
}

int64_t os_sys_capget(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return cap_call(SYS_capget, a);
}

int64_t os_sys_capset(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return cap_call(SYS_capset, a);
}

/* The persona is the host process's: its flags (ADDR_NO_RANDOMIZE...) act on the next exec,
 * which is rvx's own, as the guest meant. */
int64_t os_sys_personality(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_personality, (unsigned long)(uint32_t)a[0]));
}

/* The set*id family: the raw syscalls act on the calling thread alone, as the guest's own
 * raw calls do; the guest's libc makes every thread call them (setxid broadcast). */
#define ID_SET(name, n)                                                        \
  int64_t os_sys_##name(rv_cpu *cpu, const uint64_t a[6])                      \
  {                                                                            \
    (void)cpu;                                                                 \
    return os_ret(syscall(SYS_##name, (unsigned)a[0], (unsigned)a[1], (unsigned)a[2])); \
  }
ID_SET(setregid, 2)
ID_SET(setgid, 1)
ID_SET(setreuid, 2)
ID_SET(setuid, 1)
ID_SET(setresuid, 3)
ID_SET(setresgid, 3)
ID_SET(setfsuid, 1)
ID_SET(setfsgid, 1)
#undef ID_SET

#define NGROUPS_MAX_ 65536
int64_t os_sys_setgroups(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int64_t n = (int64_t)(int)a[0];
  if (n < 0 || n > NGROUPS_MAX_)
    return -EINVAL;
  const void *h = os_obj(a[1], (uint64_t)n * 4, PROT_READ);
  if (!h)
    return -EFAULT;
  return os_ret(syscall(SYS_setgroups, (int)n, h));
}

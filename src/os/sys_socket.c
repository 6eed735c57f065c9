/* Sockets: creation, addresses, connections, sendto/recvfrom and shutdown. Guest fds are host
 * fds, and riscv64's socket constants and structs equal x86-64's (asserted below), so a call
 * goes to the host kernel with its guest pointers made host pointers (sock_ptr): the
 * kernel then checks the arguments, faults and stores results exactly as Linux does, in
 * Linux's order. rvx's own part is the family filter. Below: messages, then options. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <linux/filter.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mem/mem.h"
#include "os/guest_net.h"
#include "os/signal.h"

/* Everything in guest_net.h's lists is passed to the host unchanged: prove the values agree. */
#define HOST_SAME(name, value) _Static_assert((name) == (value), #name " differs on the host");
G_NET_ALL(HOST_SAME)
_Static_assert(sizeof(struct sockaddr_storage) == G_SOCKADDR_MAX, "sockaddr_storage");
_Static_assert(sizeof(socklen_t) == 4, "socklen_t");

/* Linux caps one transfer at INT_MAX rounded down to a page (MAX_RW_COUNT). */
#define MAX_RW 0x7ffff000u

/* Refused by every x86-64 kernel (non-canonical), for any length. */
#define HOST_BAD_PTR ((void *)(UINT64_C(1) << 63))

/* The host pointer to hand the host kernel for guest pointer g, which the kernel accesses for
 * at most len bytes: NULL for NULL; the host address when [g, g+len) lies inside the guest
 * space, so the kernel itself faults (EFAULT) on what is not mapped or not writable for the
 * guest (the host mappings carry the guest's protections), at the point Linux would; else an
 * address every host kernel refuses, which fails where Linux's range check fails. Nothing
 * outside the guest region is ever reachable. */
static void *sock_ptr(uint64_t g, uint64_t len)
{
  if (g == 0)
    return NULL;
  if (g < GUEST_SIZE && len <= GUEST_SIZE - g)
    return mem_g2h(g);
  return HOST_BAD_PTR;
}

/* A socket address the kernel reads (addrlen bytes, 0..128, else EINVAL) or writes (at most
 * 128 bytes, whatever the guest's length says). */
static void *addr_ptr(uint64_t g)
{
  return sock_ptr(g, G_SOCKADDR_MAX);
}

/* The families offered: the ones whose messages and options rvx knows to mean the same to the
 * host kernel (netlink messages are fixed-layout and pointer-free). */
static bool family_ok(int family)
{
  return family == G_AF_UNIX || family == G_AF_INET || family == G_AF_INET6 ||
         family == G_AF_NETLINK;
}

/* Linux's check of the flags in a socket type, done before anything else. */
static bool type_flags_ok(int type)
{
  return !(type & ~(G_SOCK_TYPE_MASK | G_SOCK_NONBLOCK | G_SOCK_CLOEXEC));
}

/* socket(domain, type, protocol) */
int64_t os_sys_socket(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int family = (int)a[0], type = (int)a[1];
  if (!type_flags_ok(type))
    return -EINVAL;
  if (!family_ok(family))
    return -EAFNOSUPPORT;
  return os_ret(syscall(SYS_socket, family, type, (int)a[2]));
}

/* socketpair(domain, type, protocol, sv): Linux stores the two (reserved) fds before it
 * creates the sockets, so a bad sv fails with EFAULT ahead of a bad family. */
int64_t os_sys_socketpair(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int family = (int)a[0], type = (int)a[1];
  if (!type_flags_ok(type))
    return -EINVAL;
  if (!family_ok(family))
    return os_obj(a[3], 2 * sizeof(int), PROT_WRITE) ? -EAFNOSUPPORT : -EFAULT;
  return os_ret(syscall(SYS_socketpair, family, type, (int)a[2], sock_ptr(a[3], 8)));
}

/* bind and connect: (fd, addr, addrlen). */
int64_t os_sys_bind(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_bind, (int)a[0], addr_ptr(a[1]), (int)a[2]));
}

int64_t os_sys_connect(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(os_safe_syscall(SYS_connect, (int)a[0], addr_ptr(a[1]), (int)a[2]));
}

int64_t os_sys_listen(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_listen, (int)a[0], (int)a[1]));
}

/* accept4(fd, addr, addrlen, flags): the flags are the same on both sides (asserted above). */
int64_t os_sys_accept4(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(os_safe_syscall(SYS_accept4, (int)a[0], addr_ptr(a[1]), sock_ptr(a[2], 4), (int)a[3]));
}

int64_t os_sys_accept(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(os_safe_syscall(SYS_accept4, (int)a[0], addr_ptr(a[1]), sock_ptr(a[2], 4), 0));
}

/* getsockname / getpeername(fd, addr, addrlen) */
int64_t os_sys_getsockname(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_getsockname, (int)a[0], addr_ptr(a[1]), sock_ptr(a[2], 4)));
}

int64_t os_sys_getpeername(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_getpeername, (int)a[0], addr_ptr(a[1]), sock_ptr(a[2], 4)));
}

int64_t os_sys_shutdown(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_shutdown, (int)a[0], (int)a[1]));
}

/* sendto(fd, buf, len, flags, addr, addrlen) and recvfrom(fd, buf, len, flags, addr, addrlen):
 * the kernel uses at most MAX_RW bytes of buf. */
int64_t os_sys_sendto(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t n = a[2] < MAX_RW ? a[2] : MAX_RW;
  return os_ret(os_safe_syscall(SYS_sendto, (int)a[0], sock_ptr(a[1], n), (size_t)a[2], (unsigned)a[3],
                        addr_ptr(a[4]), (int)a[5]));
}

int64_t os_sys_recvfrom(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t n = a[2] < MAX_RW ? a[2] : MAX_RW;
  return os_ret(os_safe_syscall(SYS_recvfrom, (int)a[0], sock_ptr(a[1], n), (size_t)a[2],
                        (unsigned)a[3], addr_ptr(a[4]), sock_ptr(a[5], 4)));
}

/* ---- messages ----
 * sendmsg, recvmsg, sendmmsg, recvmmsg. Each guest msghdr is copied into a host one whose
 * pointers (name, iovec bases, control buffer) are host pointers into guest memory
 * (sock_ptr), and the host kernel does the rest with Linux's own checks and order. The control
 * buffer keeps its bytes: cmsghdr and every control message the kernel knows (SCM_RIGHTS fds,
 * which are host fds, SCM_CREDENTIALS, timestamps, packet info) have the same layout on
 * riscv64 and x86-64, so the kernel reads and writes the guest's buffer in place, with its own
 * MSG_CTRUNC and fd-installing rules. What the kernel stores in a msghdr (msg_namelen,
 * msg_flags, msg_controllen, msg_len) is copied back to the guest's. */

/* Reads the guest msghdr at g: false when it is not readable (Linux: EFAULT). */
static bool read_msghdr(uint64_t g, struct g_msghdr *out)
{
  const void *p = os_obj(g, sizeof *out, PROT_READ);
  if (p)
    memcpy(out, p, sizeof *out);
  return p != NULL;
}

/* The guest iovec array of gm, if the host msghdr will carry a translated copy of it: NULL
 * when there is none to translate (empty, longer than the kernel allows, or unreadable). */
static const struct g_iovec *guest_iov(const struct g_msghdr *gm)
{
  if (gm->msg_iovlen == 0 || gm->msg_iovlen > G_UIO_MAXIOV)
    return NULL;
  return os_obj(gm->msg_iov, gm->msg_iovlen * sizeof(struct g_iovec), PROT_READ);
}

/* Fills *h from the guest msghdr gm whose iovec array is gv (guest_iov(gm), looked up once:
 * iov has room for gm->msg_iovlen entries when gv is not NULL). What the kernel refuses stays
 * refusable: too many iovecs (EMSGSIZE), an unreadable array (EFAULT), negative lengths. */
static void host_msghdr(const struct g_msghdr *gm, const struct g_iovec *gv, struct msghdr *h,
                        struct iovec *iov)
{
  memset(h, 0, sizeof *h);
  h->msg_name = sock_ptr(gm->msg_name, G_SOCKADDR_MAX);
  h->msg_namelen = (socklen_t)gm->msg_namelen;
  h->msg_iovlen = (size_t)gm->msg_iovlen;
  if (gv) {
    for (uint64_t i = 0; i < gm->msg_iovlen; i++) {
      struct g_iovec v;
      memcpy(&v, &gv[i], sizeof v);
      /* The kernel moves at most MAX_RW bytes in all, so never more of one buffer. */
      iov[i].iov_base = sock_ptr(v.base, v.len < MAX_RW ? v.len : MAX_RW);
      iov[i].iov_len = (size_t)v.len;
    }
    h->msg_iov = iov;
  } else {
    h->msg_iov = gm->msg_iovlen ? HOST_BAD_PTR : NULL;
  }
  h->msg_control = sock_ptr(gm->msg_control, gm->msg_controllen);
  h->msg_controllen = (size_t)gm->msg_controllen;
  h->msg_flags = gm->msg_flags;
}

/* A msghdr Linux could not even read: the kernel's own copy of it fails with EFAULT. */
static void unreadable_msghdr(struct msghdr *h)
{
  memset(h, 0, sizeof *h);
  h->msg_iov = HOST_BAD_PTR;
  h->msg_iovlen = 1;
}

/* After a receive: what the kernel stored in host msghdr h goes to the guest msghdr at g, as
 * Linux stores it (msg_namelen only when there is a name buffer). 0 or -EFAULT. */
static int64_t store_msghdr(uint64_t g, const struct g_msghdr *gm, const struct msghdr *h)
{
  int32_t namelen = (int32_t)h->msg_namelen, flags = h->msg_flags;
  uint64_t clen = h->msg_controllen;
  if ((gm->msg_name && os_put(g + offsetof(struct g_msghdr, msg_namelen), &namelen, 4)) ||
      os_put(g + offsetof(struct g_msghdr, msg_flags), &flags, 4) ||
      os_put(g + offsetof(struct g_msghdr, msg_controllen), &clen, 8))
    return -EFAULT;
  return 0;
}

/* sendmsg / recvmsg(fd, msg, flags) */
static int64_t one_msg(long nr, const uint64_t a[6], bool recv)
{
  struct g_msghdr gm;
  if (!read_msghdr(a[1], &gm))
    return os_ret(os_safe_syscall(nr, (int)a[0], HOST_BAD_PTR, (unsigned)a[2]));
  struct msghdr h;
  struct iovec iov[G_UIO_MAXIOV];
  host_msghdr(&gm, guest_iov(&gm), &h, iov);
  int64_t r = os_ret(os_safe_syscall(nr, (int)a[0], &h, (unsigned)a[2]));
  if (r >= 0 && recv) {
    int64_t e = store_msghdr(a[1], &gm, &h);
    if (e)
      return e;
  }
  return r;
}

int64_t os_sys_sendmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return one_msg(SYS_sendmsg, a, false);
}

int64_t os_sys_recvmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return one_msg(SYS_recvmsg, a, true);
}

/* Small batches are translated on the stack. */
#define SMALL_MSGS 8
#define SMALL_IOVS 64

/* sendmmsg(fd, vec, vlen, flags) / recvmmsg(fd, vec, vlen, flags, timeout): the guest entries
 * become a host mmsghdr array and one host call does the batch, with the kernel's rules for
 * partial batches, MSG_WAITFORONE and the timeout (read and updated in guest memory). Entries
 * are taken up to the first unreadable one, which stays in the batch as one the kernel fails
 * with EFAULT, as Linux fails there. At most G_UIO_MAXIOV entries per call (Linux's bound for
 * sendmmsg; a longer recvmmsg returns after that many, like one cut short by its timeout). */
static int64_t many_msgs(long nr, const uint64_t a[6], bool recv)
{
  uint64_t vec = a[1];
  unsigned vlen = (unsigned)a[2];
  unsigned n = vlen < G_UIO_MAXIOV ? vlen : G_UIO_MAXIOV;
  struct entry {
    struct g_msghdr gm;
    const struct g_iovec *gv;
  } small_e[SMALL_MSGS];
  struct mmsghdr small_h[SMALL_MSGS];
  struct iovec small_iov[SMALL_IOVS];
  struct entry *e = n <= SMALL_MSGS ? small_e : malloc(n * sizeof *e);
  struct mmsghdr *hm = n <= SMALL_MSGS ? small_h : malloc(n * sizeof *hm);
  struct iovec *iov = small_iov;
  int64_t r = -ENOMEM;
  if (!e || !hm)
    goto out;
  unsigned k = 0;
  uint64_t niov = 0;
  for (; k < n && read_msghdr(vec + (uint64_t)k * sizeof(struct g_mmsghdr), &e[k].gm); k++) {
    e[k].gv = guest_iov(&e[k].gm);
    niov += e[k].gv ? e[k].gm.msg_iovlen : 0;
  }
  if (niov > SMALL_IOVS && !(iov = malloc(niov * sizeof *iov)))
    goto out;
  uint64_t used = 0;
  for (unsigned i = 0; i < k; i++) {
    host_msghdr(&e[i].gm, e[i].gv, &hm[i].msg_hdr, iov + used);
    used += e[i].gv ? e[i].gm.msg_iovlen : 0;
    hm[i].msg_len = 0;
  }
  unsigned hn = k;
  if (k < n) {
    unreadable_msghdr(&hm[k].msg_hdr);
    hn = k + 1;
  }
  r = os_ret(os_safe_syscall(nr, (int)a[0], hn ? hm : NULL, hn, (unsigned)a[3],
                     recv ? sock_ptr(a[4], sizeof(struct g_timespec)) : NULL));
  for (int64_t i = 0; i < r; i++) {
    uint64_t g = vec + (uint64_t)i * sizeof(struct g_mmsghdr);
    if (os_put(g + offsetof(struct g_mmsghdr, msg_len), &hm[i].msg_len, 4) ||
        (recv && store_msghdr(g, &e[i].gm, &hm[i].msg_hdr))) {
      r = i ? i : -EFAULT;
      break;
    }
  }
out:
  if (e != small_e)
    free(e);
  if (hm != small_h)
    free(hm);
  if (iov != small_iov)
    free(iov);
  return r;
}

int64_t os_sys_sendmmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return many_msgs(SYS_sendmmsg, a, false);
}

int64_t os_sys_recvmmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return many_msgs(SYS_recvmmsg, a, true);
}

/* ---- options ----
 * setsockopt and getsockopt, driven by a table: for each (level, option) the layout of its
 * value in guest memory. An option is passed to the host only when rvx knows its value means
 * the same there: every kind but OPT_FPROG (a struct holding a guest pointer, rebuilt) has the
 * same bytes on riscv64 and x86-64, asserted below. Options not in the table may hold
 * pointers or unknown layouts, so they fail: ENOPROTOOPT (EOPNOTSUPP below a Unix socket, as
 * Linux answers for a level the family has no options at). */
enum opt_kind {
  OPT_NONE,      /* not offered */
  OPT_INT,       /* an int (a few IP options also take a byte) */
  OPT_TIMEVAL,   /* struct timeval */
  OPT_LINGER,    /* struct linger */
  OPT_UCRED,     /* struct ucred */
  OPT_BYTES,     /* a pointer-free struct, array or string of the same layout on both */
  OPT_FPROG,     /* struct sock_fprog: its filter pointer is a guest address */
};

/* The most the kernel reads or writes of a value of each kind (it never goes past the
 * caller's length): a long length on a small value must not fail the range check Linux does
 * not make either. */
static const uint64_t kind_size[] = {
  [OPT_NONE] = 0,
  [OPT_INT] = sizeof(int),
  [OPT_TIMEVAL] = sizeof(struct g_timeval),
  [OPT_LINGER] = sizeof(struct g_linger),
  [OPT_UCRED] = sizeof(struct g_ucred),
  [OPT_BYTES] = UINT64_MAX,
  [OPT_FPROG] = sizeof(struct g_sock_fprog),
};

_Static_assert(sizeof(int) == 4, "int");
_Static_assert(sizeof(struct timeval) == sizeof(struct g_timeval), "timeval");
_Static_assert(sizeof(struct linger) == sizeof(struct g_linger), "linger");
_Static_assert(offsetof(struct linger, l_linger) == offsetof(struct g_linger, l_linger), "linger");
_Static_assert(sizeof(struct ucred) == sizeof(struct g_ucred), "ucred");
_Static_assert(offsetof(struct ucred, gid) == offsetof(struct g_ucred, gid), "ucred");
_Static_assert(sizeof(struct sock_fprog) == sizeof(struct g_sock_fprog), "sock_fprog");
_Static_assert(sizeof(struct sock_filter) == sizeof(struct g_sock_filter), "sock_filter");

#define I OPT_INT
#define B OPT_BYTES
static const uint8_t so_opts[] = {
  [G_SO_DEBUG] = I, [G_SO_REUSEADDR] = I, [G_SO_TYPE] = I, [G_SO_ERROR] = I,
  [G_SO_DONTROUTE] = I, [G_SO_BROADCAST] = I, [G_SO_SNDBUF] = I, [G_SO_RCVBUF] = I,
  [G_SO_KEEPALIVE] = I, [G_SO_OOBINLINE] = I, [G_SO_NO_CHECK] = I, [G_SO_PRIORITY] = I,
  [G_SO_LINGER] = OPT_LINGER, [G_SO_BSDCOMPAT] = I, [G_SO_REUSEPORT] = I,
  [G_SO_PASSCRED] = I, [G_SO_PEERCRED] = OPT_UCRED, [G_SO_RCVLOWAT] = I, [G_SO_SNDLOWAT] = I,
  [G_SO_RCVTIMEO] = OPT_TIMEVAL, [G_SO_SNDTIMEO] = OPT_TIMEVAL, [G_SO_BINDTODEVICE] = B,
  [G_SO_ATTACH_FILTER] = OPT_FPROG, [G_SO_DETACH_FILTER] = I, [G_SO_PEERNAME] = B,
  [G_SO_TIMESTAMP] = I, [G_SO_ACCEPTCONN] = I, [G_SO_PEERSEC] = B, [G_SO_SNDBUFFORCE] = I,
  [G_SO_RCVBUFFORCE] = I, [G_SO_PASSSEC] = I, [G_SO_TIMESTAMPNS] = I, [G_SO_MARK] = I,
  [G_SO_TIMESTAMPING] = B, [G_SO_PROTOCOL] = I, [G_SO_DOMAIN] = I, [G_SO_RXQ_OVFL] = I,
  [G_SO_WIFI_STATUS] = I, [G_SO_PEEK_OFF] = I, [G_SO_NOFCS] = I, [G_SO_LOCK_FILTER] = I,
  [G_SO_SELECT_ERR_QUEUE] = I, [G_SO_BUSY_POLL] = I, [G_SO_MAX_PACING_RATE] = B,
  [G_SO_BPF_EXTENSIONS] = I, [G_SO_INCOMING_CPU] = I, [G_SO_ATTACH_BPF] = I,
  [G_SO_ATTACH_REUSEPORT_CBPF] = OPT_FPROG, [G_SO_ATTACH_REUSEPORT_EBPF] = I,
  [G_SO_CNX_ADVICE] = I, [G_SO_MEMINFO] = B, [G_SO_INCOMING_NAPI_ID] = I, [G_SO_COOKIE] = B,
  [G_SO_PEERGROUPS] = B, [G_SO_ZEROCOPY] = I, [G_SO_TXTIME] = B, [G_SO_BINDTOIFINDEX] = I,
  [G_SO_TIMESTAMP_NEW] = I, [G_SO_TIMESTAMPNS_NEW] = I, [G_SO_TIMESTAMPING_NEW] = B,
  [G_SO_RCVTIMEO_NEW] = OPT_TIMEVAL, [G_SO_SNDTIMEO_NEW] = OPT_TIMEVAL,
  [G_SO_DETACH_REUSEPORT_BPF] = I, [G_SO_PREFER_BUSY_POLL] = I, [G_SO_BUSY_POLL_BUDGET] = I,
  [G_SO_NETNS_COOKIE] = B, [G_SO_BUF_LOCK] = I, [G_SO_RESERVE_MEM] = I, [G_SO_TXREHASH] = I,
  [G_SO_RCVMARK] = I,
};

static const uint8_t tcp_opts[] = {
  [G_TCP_NODELAY] = I, [G_TCP_MAXSEG] = I, [G_TCP_CORK] = I, [G_TCP_KEEPIDLE] = I,
  [G_TCP_KEEPINTVL] = I, [G_TCP_KEEPCNT] = I, [G_TCP_SYNCNT] = I, [G_TCP_LINGER2] = I,
  [G_TCP_DEFER_ACCEPT] = I, [G_TCP_WINDOW_CLAMP] = I, [G_TCP_INFO] = B, [G_TCP_QUICKACK] = I,
  [G_TCP_CONGESTION] = B, [G_TCP_MD5SIG] = B, [G_TCP_THIN_LINEAR_TIMEOUTS] = I,
  [G_TCP_THIN_DUPACK] = I, [G_TCP_USER_TIMEOUT] = I, [G_TCP_REPAIR] = I,
  [G_TCP_REPAIR_QUEUE] = I, [G_TCP_QUEUE_SEQ] = I, [G_TCP_REPAIR_OPTIONS] = B,
  [G_TCP_FASTOPEN] = I, [G_TCP_TIMESTAMP] = I, [G_TCP_NOTSENT_LOWAT] = I, [G_TCP_CC_INFO] = B,
  [G_TCP_SAVE_SYN] = I, [G_TCP_SAVED_SYN] = B, [G_TCP_REPAIR_WINDOW] = B,
  [G_TCP_FASTOPEN_CONNECT] = I, [G_TCP_ULP] = B, [G_TCP_MD5SIG_EXT] = B,
  [G_TCP_FASTOPEN_KEY] = B, [G_TCP_FASTOPEN_NO_COOKIE] = I, [G_TCP_INQ] = I,
  [G_TCP_TX_DELAY] = I,
  /* TCP_ZEROCOPY_RECEIVE carries an address: not offered. */
};

static const uint8_t udp_opts[] = {
  [G_UDP_CORK] = I, [G_UDP_ENCAP] = I, [G_UDP_NO_CHECK6_TX] = I, [G_UDP_NO_CHECK6_RX] = I,
  [G_UDP_SEGMENT] = I, [G_UDP_GRO] = I,
};

/* The multicast requests (ip_mreq*, group_req, group_filter...) hold addresses and ints only;
 * their sockaddr_storage members are 8-aligned on both sides. */
static const uint8_t ip_opts[] = {
  [G_IP_TOS] = I, [G_IP_TTL] = I, [G_IP_HDRINCL] = I, [G_IP_OPTIONS] = B, [G_IP_RECVOPTS] = I,
  [G_IP_RETOPTS] = I, [G_IP_PKTINFO] = I, [G_IP_PKTOPTIONS] = B, [G_IP_MTU_DISCOVER] = I,
  [G_IP_RECVERR] = I, [G_IP_RECVTTL] = I, [G_IP_RECVTOS] = I, [G_IP_MTU] = I,
  [G_IP_FREEBIND] = I, [G_IP_PASSSEC] = I, [G_IP_TRANSPARENT] = I, [G_IP_ORIGDSTADDR] = I,
  [G_IP_MINTTL] = I, [G_IP_NODEFRAG] = I, [G_IP_CHECKSUM] = I, [G_IP_BIND_ADDRESS_NO_PORT] = I,
  [G_IP_RECVFRAGSIZE] = I, [G_IP_RECVERR_RFC4884] = I, [G_IP_MULTICAST_IF] = B,
  [G_IP_MULTICAST_TTL] = I, [G_IP_MULTICAST_LOOP] = I, [G_IP_ADD_MEMBERSHIP] = B,
  [G_IP_DROP_MEMBERSHIP] = B, [G_IP_UNBLOCK_SOURCE] = B, [G_IP_BLOCK_SOURCE] = B,
  [G_IP_ADD_SOURCE_MEMBERSHIP] = B, [G_IP_DROP_SOURCE_MEMBERSHIP] = B, [G_IP_MSFILTER] = B,
  [G_MCAST_JOIN_GROUP] = B, [G_MCAST_BLOCK_SOURCE] = B, [G_MCAST_UNBLOCK_SOURCE] = B,
  [G_MCAST_LEAVE_GROUP] = B, [G_MCAST_JOIN_SOURCE_GROUP] = B, [G_MCAST_LEAVE_SOURCE_GROUP] = B,
  [G_MCAST_MSFILTER] = B, [G_IP_MULTICAST_ALL] = I, [G_IP_UNICAST_IF] = I,
};

static const uint8_t ipv6_opts[] = {
  [G_IPV6_ADDRFORM] = I, [G_IPV6_2292PKTINFO] = I, [G_IPV6_2292HOPOPTS] = I,
  [G_IPV6_2292DSTOPTS] = I, [G_IPV6_2292RTHDR] = I, [G_IPV6_2292PKTOPTIONS] = B,
  [G_IPV6_CHECKSUM] = I, [G_IPV6_2292HOPLIMIT] = I, [G_IPV6_NEXTHOP] = B,
  [G_IPV6_UNICAST_HOPS] = I, [G_IPV6_MULTICAST_IF] = I, [G_IPV6_MULTICAST_HOPS] = I,
  [G_IPV6_MULTICAST_LOOP] = I, [G_IPV6_ADD_MEMBERSHIP] = B, [G_IPV6_DROP_MEMBERSHIP] = B,
  [G_IPV6_ROUTER_ALERT] = I, [G_IPV6_MTU_DISCOVER] = I, [G_IPV6_MTU] = I, [G_IPV6_RECVERR] = I,
  [G_IPV6_V6ONLY] = I, [G_IPV6_JOIN_ANYCAST] = B, [G_IPV6_LEAVE_ANYCAST] = B,
  [G_IPV6_MULTICAST_ALL] = I, [G_IPV6_ROUTER_ALERT_ISOLATE] = I, [G_IPV6_RECVERR_RFC4884] = I,
  [G_MCAST_JOIN_GROUP] = B, [G_MCAST_BLOCK_SOURCE] = B, [G_MCAST_UNBLOCK_SOURCE] = B,
  [G_MCAST_LEAVE_GROUP] = B, [G_MCAST_JOIN_SOURCE_GROUP] = B, [G_MCAST_LEAVE_SOURCE_GROUP] = B,
  [G_MCAST_MSFILTER] = B, [G_IPV6_RECVPKTINFO] = I, [G_IPV6_PKTINFO] = B,
  [G_IPV6_RECVHOPLIMIT] = I, [G_IPV6_HOPLIMIT] = I, [G_IPV6_RECVHOPOPTS] = I,
  [G_IPV6_HOPOPTS] = B, [G_IPV6_RTHDRDSTOPTS] = B, [G_IPV6_RECVRTHDR] = I, [G_IPV6_RTHDR] = B,
  [G_IPV6_RECVDSTOPTS] = I, [G_IPV6_DSTOPTS] = B, [G_IPV6_RECVPATHMTU] = I,
  [G_IPV6_PATHMTU] = B, [G_IPV6_DONTFRAG] = I, [G_IPV6_RECVTCLASS] = I, [G_IPV6_TCLASS] = I,
  [G_IPV6_AUTOFLOWLABEL] = I, [G_IPV6_ADDR_PREFERENCES] = I, [G_IPV6_MINHOPCOUNT] = I,
  [G_IPV6_ORIGDSTADDR] = I, [G_IPV6_TRANSPARENT] = I, [G_IPV6_UNICAST_IF] = I,
  [G_IPV6_RECVFRAGSIZE] = I, [G_IPV6_FREEBIND] = I,
};

static const uint8_t netlink_opts[] = {
  [G_NETLINK_ADD_MEMBERSHIP] = I, [G_NETLINK_DROP_MEMBERSHIP] = I, [G_NETLINK_PKTINFO] = I,
  [G_NETLINK_BROADCAST_ERROR] = I, [G_NETLINK_NO_ENOBUFS] = I, [G_NETLINK_LISTEN_ALL_NSID] = I,
  [G_NETLINK_LIST_MEMBERSHIPS] = B, [G_NETLINK_CAP_ACK] = I, [G_NETLINK_EXT_ACK] = I,
  [G_NETLINK_GET_STRICT_CHK] = I,
};
#undef I
#undef B

static const struct {
  int level;
  const uint8_t *kinds;
  unsigned count;
} levels[] = {
  {G_SOL_SOCKET, so_opts, sizeof so_opts},     {G_SOL_TCP, tcp_opts, sizeof tcp_opts},
  {G_SOL_UDP, udp_opts, sizeof udp_opts},       {G_SOL_IP, ip_opts, sizeof ip_opts},
  {G_SOL_IPV6, ipv6_opts, sizeof ipv6_opts},    {G_SOL_NETLINK, netlink_opts, sizeof netlink_opts},
};

static enum opt_kind kind_of(int level, int name)
{
  for (unsigned i = 0; i < sizeof levels / sizeof levels[0]; i++)
    if (levels[i].level == level)
      return name >= 0 && (unsigned)name < levels[i].count ? levels[i].kinds[name] : OPT_NONE;
  return OPT_NONE;
}

/* The error for an option rvx does not offer, after the checks Linux makes first: the fd
 * (EBADF, ENOTSOCK) and, for setsockopt, a negative length. */
static int64_t unknown_opt(int fd, int level, bool set, int optlen)
{
  int family = 0;
  socklen_t len = sizeof family;
  if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) < 0)
    return -errno;
  if (set && optlen < 0)
    return -EINVAL;
  if (level != G_SOL_SOCKET && family == G_AF_UNIX)
    return -EOPNOTSUPP;
  return -ENOPROTOOPT;
}

/* setsockopt(fd, level, optname, optval, optlen): the kernel reads at most optlen bytes of
 * optval in place. A filter program is rebuilt around a host pointer to its instructions. */
int64_t os_sys_setsockopt(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int fd = (int)a[0], level = (int)a[1], name = (int)a[2], optlen = (int)a[4];
  enum opt_kind kind = kind_of(level, name);
  if (kind == OPT_NONE)
    return unknown_opt(fd, level, true, optlen);
  uint64_t n = optlen > 0 ? (uint64_t)optlen : 0;
  void *val = sock_ptr(a[3], n < kind_size[kind] ? n : kind_size[kind]);
  struct sock_fprog prog;
  if (kind == OPT_FPROG && optlen == sizeof(struct g_sock_fprog)) {
    /* (any other length: the kernel's EINVAL, before it reads anything) */
    const void *p = os_obj(a[3], sizeof(struct g_sock_fprog), PROT_READ);
    if (p) {
      struct g_sock_fprog gp;
      memcpy(&gp, p, sizeof gp);
      prog.len = gp.len;
      prog.filter = sock_ptr(gp.filter, (uint64_t)gp.len * sizeof(struct g_sock_filter));
      val = &prog;
    } else {
      val = HOST_BAD_PTR;
    }
  }
  return os_ret(syscall(SYS_setsockopt, fd, level, name, val, optlen));
}

/* getsockopt(fd, level, optname, optval, optlen): the kernel gets its own copy of *optlen (so
 * the guest cannot grow it under the kernel's feet) and writes the value in place; the length
 * it stores goes back to the guest. SO_GET_FILTER counts in 8-byte filter blocks. */
int64_t os_sys_getsockopt(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int fd = (int)a[0], level = (int)a[1], name = (int)a[2];
  enum opt_kind kind = kind_of(level, name);
  if (kind == OPT_NONE)
    return unknown_opt(fd, level, false, 0);
  const void *pl = os_obj(a[4], 4, PROT_READ);
  if (!pl)
    return os_ret(syscall(SYS_getsockopt, fd, level, name, NULL, a[4] ? HOST_BAD_PTR : NULL));
  int32_t len, before;
  memcpy(&len, pl, 4);
  before = len;
  uint64_t n = len > 0 ? (uint64_t)len : 0;
  if (kind == OPT_FPROG)
    n *= sizeof(struct g_sock_filter);   /* SO_GET_FILTER: any number of blocks */
  else if (n > kind_size[kind])
    n = kind_size[kind];
  void *val = sock_ptr(a[3], n);
  int64_t r = os_ret(syscall(SYS_getsockopt, fd, level, name, val, &len));
  if ((r == 0 || len != before) && os_put(a[4], &len, 4))
    return -EFAULT;
  return r;
}

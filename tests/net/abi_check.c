/* Compile-only check of src/os/guest_net.h against the C library and kernel headers of the
 * compiler that builds it: every G_ constant equals the system's, every g_ struct has the
 * system struct's size and field offsets. 66-sockets compiles it with riscv64-linux-gnu-gcc
 * (the values are riscv64's) and with the host cc (x86-64 agrees, so nothing is translated). */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include "os/guest_abi.h"
#include "os/guest_net.h"

#define SAME_VALUE(name, value) \
  _Static_assert(G_##name == (name) && (value) == (name), #name " differs");
G_NET_ALL(SAME_VALUE)
_Static_assert(G_SOCK_TYPE_MASK == 0xf, "SOCK_TYPE_MASK");
_Static_assert(G_MSG_CMSG_COMPAT == 0x80000000u, "MSG_CMSG_COMPAT");
_Static_assert(G_SOCKADDR_MAX == sizeof(struct sockaddr_storage), "sockaddr_storage");

#define SAME_SIZE(h, g) _Static_assert(sizeof(h) == sizeof(g), #h " size differs");
#define SAME_OFF(h, hf, g, gf) \
  _Static_assert(offsetof(h, hf) == offsetof(g, gf), #h "." #hf " offset differs");

SAME_SIZE(struct sockaddr, struct g_sockaddr)
SAME_SIZE(struct sockaddr_storage, struct g_sockaddr_storage)
SAME_SIZE(struct sockaddr_in, struct g_sockaddr_in)
SAME_OFF(struct sockaddr_in, sin_port, struct g_sockaddr_in, sin_port)
SAME_OFF(struct sockaddr_in, sin_addr, struct g_sockaddr_in, sin_addr)
SAME_SIZE(struct sockaddr_in6, struct g_sockaddr_in6)
SAME_OFF(struct sockaddr_in6, sin6_flowinfo, struct g_sockaddr_in6, sin6_flowinfo)
SAME_OFF(struct sockaddr_in6, sin6_addr, struct g_sockaddr_in6, sin6_addr)
SAME_OFF(struct sockaddr_in6, sin6_scope_id, struct g_sockaddr_in6, sin6_scope_id)
SAME_SIZE(struct sockaddr_un, struct g_sockaddr_un)
SAME_OFF(struct sockaddr_un, sun_path, struct g_sockaddr_un, sun_path)
SAME_SIZE(struct sockaddr_nl, struct g_sockaddr_nl)
SAME_OFF(struct sockaddr_nl, nl_pid, struct g_sockaddr_nl, nl_pid)
SAME_OFF(struct sockaddr_nl, nl_groups, struct g_sockaddr_nl, nl_groups)
SAME_SIZE(struct msghdr, struct g_msghdr)
SAME_OFF(struct msghdr, msg_namelen, struct g_msghdr, msg_namelen)
SAME_OFF(struct msghdr, msg_iov, struct g_msghdr, msg_iov)
SAME_OFF(struct msghdr, msg_iovlen, struct g_msghdr, msg_iovlen)
SAME_OFF(struct msghdr, msg_control, struct g_msghdr, msg_control)
SAME_OFF(struct msghdr, msg_controllen, struct g_msghdr, msg_controllen)
SAME_OFF(struct msghdr, msg_flags, struct g_msghdr, msg_flags)
SAME_SIZE(struct mmsghdr, struct g_mmsghdr)
SAME_OFF(struct mmsghdr, msg_len, struct g_mmsghdr, msg_len)
SAME_SIZE(struct cmsghdr, struct g_cmsghdr)
SAME_OFF(struct cmsghdr, cmsg_level, struct g_cmsghdr, cmsg_level)
SAME_OFF(struct cmsghdr, cmsg_type, struct g_cmsghdr, cmsg_type)
_Static_assert(CMSG_ALIGN(13) == G_CMSG_ALIGN(13) && CMSG_LEN(0) == sizeof(struct g_cmsghdr),
               "cmsg alignment differs");
SAME_SIZE(struct linger, struct g_linger)
SAME_OFF(struct linger, l_linger, struct g_linger, l_linger)
SAME_SIZE(struct ucred, struct g_ucred)
SAME_OFF(struct ucred, uid, struct g_ucred, uid)
SAME_OFF(struct ucred, gid, struct g_ucred, gid)
SAME_SIZE(struct timeval, struct g_timeval)
SAME_SIZE(struct sock_filter, struct g_sock_filter)
SAME_OFF(struct sock_filter, k, struct g_sock_filter, k)
SAME_SIZE(struct sock_fprog, struct g_sock_fprog)
SAME_OFF(struct sock_fprog, filter, struct g_sock_fprog, filter)

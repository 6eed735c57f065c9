/* The riscv64 socket ABI as the guest sees it: address families, socket types, MSG_* flags,
 * option levels and names, and the structs the socket calls read and write (sockaddr
 * variants, msghdr, cmsghdr, mmsghdr, linger, ucred, sock_fprog). Values come from the
 * asm-generic headers riscv64 uses; tests/net/abi_check.c proves each against riscv64's own
 * headers (and x86-64's), and sys_socket.c asserts the host's equal them where passed through. */
#ifndef RVX_OS_GUEST_NET_H
#define RVX_OS_GUEST_NET_H

#include <stddef.h>
#include <stdint.h>

/* Every constant is listed once, as X(NAME, riscv64 value): the lists make the G_NAME enum
 * constants here, the host-equality asserts in sys_socket.c (x86-64 uses the same asm-generic
 * values, so they pass through unchanged) and the riscv64-header check of tests/net. */
/* families, types, socket-call flags */
#define G_NET_BASE(X) \
  X(AF_UNSPEC, 0) \
  X(AF_UNIX, 1) \
  X(AF_INET, 2) \
  X(AF_INET6, 10) \
  X(AF_NETLINK, 16) \
  X(SOCK_STREAM, 1) \
  X(SOCK_DGRAM, 2) \
  X(SOCK_RAW, 3) \
  X(SOCK_SEQPACKET, 5) \
  X(SOCK_NONBLOCK, 0x800) /* = O_NONBLOCK */ \
  X(SOCK_CLOEXEC, 0x80000) /* = O_CLOEXEC */ \
  X(SHUT_RD, 0) \
  X(SHUT_WR, 1) \
  X(SHUT_RDWR, 2)

/* send/recv flags */
#define G_NET_MSG(X) \
  X(MSG_OOB, 0x1) \
  X(MSG_PEEK, 0x2) \
  X(MSG_DONTROUTE, 0x4) \
  X(MSG_CTRUNC, 0x8) \
  X(MSG_PROXY, 0x10) \
  X(MSG_TRUNC, 0x20) \
  X(MSG_DONTWAIT, 0x40) \
  X(MSG_EOR, 0x80) \
  X(MSG_WAITALL, 0x100) \
  X(MSG_FIN, 0x200) \
  X(MSG_SYN, 0x400) \
  X(MSG_CONFIRM, 0x800) \
  X(MSG_RST, 0x1000) \
  X(MSG_ERRQUEUE, 0x2000) \
  X(MSG_NOSIGNAL, 0x4000) \
  X(MSG_MORE, 0x8000) \
  X(MSG_WAITFORONE, 0x10000) \
  X(MSG_BATCH, 0x40000) \
  X(MSG_ZEROCOPY, 0x4000000) \
  X(MSG_FASTOPEN, 0x20000000) \
  X(MSG_CMSG_CLOEXEC, 0x40000000)

/* option levels */
#define G_NET_LEVELS(X) \
  X(SOL_SOCKET, 1) \
  X(SOL_IP, 0) \
  X(SOL_TCP, 6) \
  X(SOL_UDP, 17) \
  X(SOL_IPV6, 41) \
  X(SOL_NETLINK, 270)

/* SOL_SOCKET options (asm-generic/socket.h; 64-bit time: the _OLD numbers) */
#define G_NET_SO(X) \
  X(SO_DEBUG, 1) \
  X(SO_REUSEADDR, 2) \
  X(SO_TYPE, 3) \
  X(SO_ERROR, 4) \
  X(SO_DONTROUTE, 5) \
  X(SO_BROADCAST, 6) \
  X(SO_SNDBUF, 7) \
  X(SO_RCVBUF, 8) \
  X(SO_KEEPALIVE, 9) \
  X(SO_OOBINLINE, 10) \
  X(SO_NO_CHECK, 11) \
  X(SO_PRIORITY, 12) \
  X(SO_LINGER, 13) \
  X(SO_BSDCOMPAT, 14) \
  X(SO_REUSEPORT, 15) \
  X(SO_PASSCRED, 16) \
  X(SO_PEERCRED, 17) \
  X(SO_RCVLOWAT, 18) \
  X(SO_SNDLOWAT, 19) \
  X(SO_RCVTIMEO, 20) /* SO_*TIMEO_OLD: a 16-byte timeval */ \
  X(SO_SNDTIMEO, 21) /* SO_*TIMEO_OLD: a 16-byte timeval */ \
  X(SO_BINDTODEVICE, 25) \
  X(SO_ATTACH_FILTER, 26) /* struct sock_fprog: holds a guest pointer */ \
  X(SO_DETACH_FILTER, 27) \
  X(SO_PEERNAME, 28) \
  X(SO_TIMESTAMP, 29) \
  X(SO_ACCEPTCONN, 30) \
  X(SO_PEERSEC, 31) \
  X(SO_SNDBUFFORCE, 32) \
  X(SO_RCVBUFFORCE, 33) \
  X(SO_PASSSEC, 34) \
  X(SO_TIMESTAMPNS, 35) \
  X(SO_MARK, 36) \
  X(SO_TIMESTAMPING, 37) \
  X(SO_PROTOCOL, 38) \
  X(SO_DOMAIN, 39) \
  X(SO_RXQ_OVFL, 40) \
  X(SO_WIFI_STATUS, 41) \
  X(SO_PEEK_OFF, 42) \
  X(SO_NOFCS, 43) \
  X(SO_LOCK_FILTER, 44) \
  X(SO_SELECT_ERR_QUEUE, 45) \
  X(SO_BUSY_POLL, 46) \
  X(SO_MAX_PACING_RATE, 47) \
  X(SO_BPF_EXTENSIONS, 48) \
  X(SO_INCOMING_CPU, 49) \
  X(SO_ATTACH_BPF, 50) \
  X(SO_ATTACH_REUSEPORT_CBPF, 51) /* struct sock_fprog too */ \
  X(SO_ATTACH_REUSEPORT_EBPF, 52) \
  X(SO_CNX_ADVICE, 53) \
  X(SO_MEMINFO, 55) \
  X(SO_INCOMING_NAPI_ID, 56) \
  X(SO_COOKIE, 57) \
  X(SO_PEERGROUPS, 59) \
  X(SO_ZEROCOPY, 60) \
  X(SO_TXTIME, 61) \
  X(SO_BINDTOIFINDEX, 62) \
  X(SO_TIMESTAMP_NEW, 63) \
  X(SO_TIMESTAMPNS_NEW, 64) \
  X(SO_TIMESTAMPING_NEW, 65) \
  X(SO_RCVTIMEO_NEW, 66) \
  X(SO_SNDTIMEO_NEW, 67) \
  X(SO_DETACH_REUSEPORT_BPF, 68) \
  X(SO_PREFER_BUSY_POLL, 69) \
  X(SO_BUSY_POLL_BUDGET, 70) \
  X(SO_NETNS_COOKIE, 71) \
  X(SO_BUF_LOCK, 72) \
  X(SO_RESERVE_MEM, 73) \
  X(SO_TXREHASH, 74) \
  X(SO_RCVMARK, 75) \
  X(SCM_RIGHTS, 1) \
  X(SCM_CREDENTIALS, 2)

/* IPPROTO_TCP options (linux/tcp.h) */
#define G_NET_TCP(X) \
  X(TCP_NODELAY, 1) \
  X(TCP_MAXSEG, 2) \
  X(TCP_CORK, 3) \
  X(TCP_KEEPIDLE, 4) \
  X(TCP_KEEPINTVL, 5) \
  X(TCP_KEEPCNT, 6) \
  X(TCP_SYNCNT, 7) \
  X(TCP_LINGER2, 8) \
  X(TCP_DEFER_ACCEPT, 9) \
  X(TCP_WINDOW_CLAMP, 10) \
  X(TCP_INFO, 11) \
  X(TCP_QUICKACK, 12) \
  X(TCP_CONGESTION, 13) \
  X(TCP_MD5SIG, 14) \
  X(TCP_THIN_LINEAR_TIMEOUTS, 16) \
  X(TCP_THIN_DUPACK, 17) \
  X(TCP_USER_TIMEOUT, 18) \
  X(TCP_REPAIR, 19) \
  X(TCP_REPAIR_QUEUE, 20) \
  X(TCP_QUEUE_SEQ, 21) \
  X(TCP_REPAIR_OPTIONS, 22) \
  X(TCP_FASTOPEN, 23) \
  X(TCP_TIMESTAMP, 24) \
  X(TCP_NOTSENT_LOWAT, 25) \
  X(TCP_CC_INFO, 26) \
  X(TCP_SAVE_SYN, 27) \
  X(TCP_SAVED_SYN, 28) \
  X(TCP_REPAIR_WINDOW, 29) \
  X(TCP_FASTOPEN_CONNECT, 30) \
  X(TCP_ULP, 31) \
  X(TCP_MD5SIG_EXT, 32) \
  X(TCP_FASTOPEN_KEY, 33) \
  X(TCP_FASTOPEN_NO_COOKIE, 34) \
  X(TCP_ZEROCOPY_RECEIVE, 35) /* holds an address: not offered */ \
  X(TCP_INQ, 36) \
  X(TCP_TX_DELAY, 37)

/* IPPROTO_UDP options (linux/udp.h) */
#define G_NET_UDP(X) \
  X(UDP_CORK, 1) \
  X(UDP_ENCAP, 100) \
  X(UDP_NO_CHECK6_TX, 101) \
  X(UDP_NO_CHECK6_RX, 102) \
  X(UDP_SEGMENT, 103) \
  X(UDP_GRO, 104)

/* IPPROTO_IP options (linux/in.h) */
#define G_NET_IP(X) \
  X(IP_TOS, 1) \
  X(IP_TTL, 2) \
  X(IP_HDRINCL, 3) \
  X(IP_OPTIONS, 4) \
  X(IP_RECVOPTS, 6) \
  X(IP_RETOPTS, 7) \
  X(IP_PKTINFO, 8) \
  X(IP_PKTOPTIONS, 9) \
  X(IP_MTU_DISCOVER, 10) \
  X(IP_RECVERR, 11) \
  X(IP_RECVTTL, 12) \
  X(IP_RECVTOS, 13) \
  X(IP_MTU, 14) \
  X(IP_FREEBIND, 15) \
  X(IP_PASSSEC, 18) \
  X(IP_TRANSPARENT, 19) \
  X(IP_ORIGDSTADDR, 20) \
  X(IP_MINTTL, 21) \
  X(IP_NODEFRAG, 22) \
  X(IP_CHECKSUM, 23) \
  X(IP_BIND_ADDRESS_NO_PORT, 24) \
  X(IP_RECVFRAGSIZE, 25) \
  X(IP_RECVERR_RFC4884, 26) \
  X(IP_MULTICAST_IF, 32) \
  X(IP_MULTICAST_TTL, 33) \
  X(IP_MULTICAST_LOOP, 34) \
  X(IP_ADD_MEMBERSHIP, 35) \
  X(IP_DROP_MEMBERSHIP, 36) \
  X(IP_UNBLOCK_SOURCE, 37) \
  X(IP_BLOCK_SOURCE, 38) \
  X(IP_ADD_SOURCE_MEMBERSHIP, 39) \
  X(IP_DROP_SOURCE_MEMBERSHIP, 40) \
  X(IP_MSFILTER, 41) \
  X(MCAST_JOIN_GROUP, 42) \
  X(MCAST_BLOCK_SOURCE, 43) \
  X(MCAST_UNBLOCK_SOURCE, 44) \
  X(MCAST_LEAVE_GROUP, 45) \
  X(MCAST_JOIN_SOURCE_GROUP, 46) \
  X(MCAST_LEAVE_SOURCE_GROUP, 47) \
  X(MCAST_MSFILTER, 48) \
  X(IP_MULTICAST_ALL, 49) \
  X(IP_UNICAST_IF, 50)

/* IPPROTO_IPV6 options (linux/in6.h, linux/ipv6.h) */
#define G_NET_IPV6(X) \
  X(IPV6_ADDRFORM, 1) \
  X(IPV6_2292PKTINFO, 2) \
  X(IPV6_2292HOPOPTS, 3) \
  X(IPV6_2292DSTOPTS, 4) \
  X(IPV6_2292RTHDR, 5) \
  X(IPV6_2292PKTOPTIONS, 6) \
  X(IPV6_CHECKSUM, 7) \
  X(IPV6_2292HOPLIMIT, 8) \
  X(IPV6_NEXTHOP, 9) \
  X(IPV6_UNICAST_HOPS, 16) \
  X(IPV6_MULTICAST_IF, 17) \
  X(IPV6_MULTICAST_HOPS, 18) \
  X(IPV6_MULTICAST_LOOP, 19) \
  X(IPV6_ADD_MEMBERSHIP, 20) \
  X(IPV6_DROP_MEMBERSHIP, 21) \
  X(IPV6_ROUTER_ALERT, 22) \
  X(IPV6_MTU_DISCOVER, 23) \
  X(IPV6_MTU, 24) \
  X(IPV6_RECVERR, 25) \
  X(IPV6_V6ONLY, 26) \
  X(IPV6_JOIN_ANYCAST, 27) \
  X(IPV6_LEAVE_ANYCAST, 28) \
  X(IPV6_MULTICAST_ALL, 29) \
  X(IPV6_ROUTER_ALERT_ISOLATE, 30) \
  X(IPV6_RECVERR_RFC4884, 31) \
  X(IPV6_RECVPKTINFO, 49) \
  X(IPV6_PKTINFO, 50) \
  X(IPV6_RECVHOPLIMIT, 51) \
  X(IPV6_HOPLIMIT, 52) \
  X(IPV6_RECVHOPOPTS, 53) \
  X(IPV6_HOPOPTS, 54) \
  X(IPV6_RTHDRDSTOPTS, 55) \
  X(IPV6_RECVRTHDR, 56) \
  X(IPV6_RTHDR, 57) \
  X(IPV6_RECVDSTOPTS, 58) \
  X(IPV6_DSTOPTS, 59) \
  X(IPV6_RECVPATHMTU, 60) \
  X(IPV6_PATHMTU, 61) \
  X(IPV6_DONTFRAG, 62) \
  X(IPV6_RECVTCLASS, 66) \
  X(IPV6_TCLASS, 67) \
  X(IPV6_AUTOFLOWLABEL, 70) \
  X(IPV6_ADDR_PREFERENCES, 72) \
  X(IPV6_MINHOPCOUNT, 73) \
  X(IPV6_ORIGDSTADDR, 74) \
  X(IPV6_TRANSPARENT, 75) \
  X(IPV6_UNICAST_IF, 76) \
  X(IPV6_RECVFRAGSIZE, 77) \
  X(IPV6_FREEBIND, 78)

/* SOL_NETLINK options (linux/netlink.h) */
#define G_NET_NETLINK(X) \
  X(NETLINK_ADD_MEMBERSHIP, 1) \
  X(NETLINK_DROP_MEMBERSHIP, 2) \
  X(NETLINK_PKTINFO, 3) \
  X(NETLINK_BROADCAST_ERROR, 4) \
  X(NETLINK_NO_ENOBUFS, 5) \
  X(NETLINK_LISTEN_ALL_NSID, 8) \
  X(NETLINK_LIST_MEMBERSHIPS, 9) \
  X(NETLINK_CAP_ACK, 10) \
  X(NETLINK_EXT_ACK, 11) \
  X(NETLINK_GET_STRICT_CHK, 12)

#define G_NET_ENUM(name, value) G_##name = value,
enum {
  G_NET_BASE(G_NET_ENUM)
  G_NET_MSG(G_NET_ENUM)
  G_NET_LEVELS(G_NET_ENUM)
  G_NET_SO(G_NET_ENUM)
  G_NET_TCP(G_NET_ENUM)
  G_NET_UDP(G_NET_ENUM)
  G_NET_IP(G_NET_ENUM)
  G_NET_IPV6(G_NET_ENUM)
  G_NET_NETLINK(G_NET_ENUM)
};
#undef G_NET_ENUM
#define G_NET_ALL(X) \
  G_NET_BASE(X) G_NET_MSG(X) G_NET_LEVELS(X) G_NET_SO(X) G_NET_TCP(X) \
  G_NET_UDP(X) G_NET_IP(X) G_NET_IPV6(X) G_NET_NETLINK(X)

#define G_SOCK_TYPE_MASK 0xf
#define G_MSG_CMSG_COMPAT 0x80000000u   /* a native call with it fails: EINVAL */

/* ---- addresses ---- */
struct g_sockaddr {
  uint16_t sa_family;
  char sa_data[14];
};
_Static_assert(sizeof(struct g_sockaddr) == 16, "sockaddr");

/* The kernel's bound on any address (bigger ones: EINVAL in, truncated out). */
struct g_sockaddr_storage {
  uint16_t ss_family;
  char data[118];
  uint64_t align;
};
_Static_assert(sizeof(struct g_sockaddr_storage) == 128, "sockaddr_storage");
#define G_SOCKADDR_MAX 128

struct g_sockaddr_in {
  uint16_t sin_family;
  uint16_t sin_port;                  /* network byte order */
  uint32_t sin_addr;
  uint8_t sin_zero[8];
};
_Static_assert(sizeof(struct g_sockaddr_in) == 16, "sockaddr_in");
_Static_assert(offsetof(struct g_sockaddr_in, sin_addr) == 4, "sockaddr_in.sin_addr");

struct g_sockaddr_in6 {
  uint16_t sin6_family;
  uint16_t sin6_port;
  uint32_t sin6_flowinfo;
  uint8_t sin6_addr[16];
  uint32_t sin6_scope_id;
};
_Static_assert(sizeof(struct g_sockaddr_in6) == 28, "sockaddr_in6");
_Static_assert(offsetof(struct g_sockaddr_in6, sin6_addr) == 8, "sockaddr_in6.sin6_addr");
_Static_assert(offsetof(struct g_sockaddr_in6, sin6_scope_id) == 24, "sockaddr_in6.scope_id");

/* sun_path[0] == 0: an abstract name (the length says where it ends). */
struct g_sockaddr_un {
  uint16_t sun_family;
  char sun_path[108];
};
_Static_assert(sizeof(struct g_sockaddr_un) == 110, "sockaddr_un");

struct g_sockaddr_nl {
  uint16_t nl_family;
  uint16_t nl_pad;
  uint32_t nl_pid;
  uint32_t nl_groups;
};
_Static_assert(sizeof(struct g_sockaddr_nl) == 12, "sockaddr_nl");

/* ---- messages ---- */
struct g_msghdr {
  uint64_t msg_name;                  /* guest address */
  int32_t msg_namelen;                /* the kernel reads it as an int */
  uint32_t pad0;
  uint64_t msg_iov;                   /* guest address of struct g_iovec[] */
  uint64_t msg_iovlen;
  uint64_t msg_control;               /* guest address */
  uint64_t msg_controllen;
  int32_t msg_flags;
  uint32_t pad1;
};
_Static_assert(sizeof(struct g_msghdr) == 56, "msghdr");
_Static_assert(offsetof(struct g_msghdr, msg_namelen) == 8, "msghdr.msg_namelen");
_Static_assert(offsetof(struct g_msghdr, msg_iov) == 16, "msghdr.msg_iov");
_Static_assert(offsetof(struct g_msghdr, msg_iovlen) == 24, "msghdr.msg_iovlen");
_Static_assert(offsetof(struct g_msghdr, msg_control) == 32, "msghdr.msg_control");
_Static_assert(offsetof(struct g_msghdr, msg_controllen) == 40, "msghdr.msg_controllen");
_Static_assert(offsetof(struct g_msghdr, msg_flags) == 48, "msghdr.msg_flags");

struct g_mmsghdr {
  struct g_msghdr msg_hdr;
  uint32_t msg_len;
  uint32_t pad;
};
_Static_assert(sizeof(struct g_mmsghdr) == 64, "mmsghdr");
_Static_assert(offsetof(struct g_mmsghdr, msg_len) == 56, "mmsghdr.msg_len");

/* A control message header; its data starts 8-byte aligned right after it, and the next
 * header follows at CMSG_ALIGN(cmsg_len). The data of every control message the kernel
 * knows has no pointers nor longs (fds, struct ucred, timevals, in_pktinfo...), so a whole
 * control buffer means the same to an LP64 x86-64 kernel. */
struct g_cmsghdr {
  uint64_t cmsg_len;                  /* header + data, unaligned */
  int32_t cmsg_level;
  int32_t cmsg_type;
};
_Static_assert(sizeof(struct g_cmsghdr) == 16, "cmsghdr");
#define G_CMSG_ALIGN(n) (((n) + 7) & ~(uint64_t)7)

/* ---- option values ---- */
struct g_linger {
  int32_t l_onoff;
  int32_t l_linger;
};
_Static_assert(sizeof(struct g_linger) == 8, "linger");

struct g_ucred {
  uint32_t pid;
  uint32_t uid;
  uint32_t gid;
};
_Static_assert(sizeof(struct g_ucred) == 12, "ucred");

/* SO_RCVTIMEO / SO_SNDTIMEO take struct g_timeval (guest_abi.h): 16 bytes. */

struct g_sock_filter {
  uint16_t code;
  uint8_t jt, jf;
  uint32_t k;
};
_Static_assert(sizeof(struct g_sock_filter) == 8, "sock_filter");

struct g_sock_fprog {
  uint16_t len;                       /* number of g_sock_filter */
  uint8_t pad[6];
  uint64_t filter;                    /* guest address */
};
_Static_assert(sizeof(struct g_sock_fprog) == 16, "sock_fprog");
_Static_assert(offsetof(struct g_sock_fprog, filter) == 8, "sock_fprog.filter");

#endif

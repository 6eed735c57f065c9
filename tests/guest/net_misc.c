/* Sockets inside one process, one section per run (net_misc SECTION DIR): UDP and Unix
 * echoes, fd and credential passing, control-message truncation, sendmmsg/recvmmsg, options,
 * addresses, shutdown, nonblocking connect, netlink, and the errors of bad arguments. The
 * output holds no ports, fd numbers or pids, so it is the same on every run and engine.
 * DIR is an empty scratch directory for Unix socket paths. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static const char *dir;

static long report(const char *what, long r)
{
  if (r < 0)
    printf("%s = -1 %s\n", what, strerrorname_np(errno));
  else
    printf("%s = %ld\n", what, r);
  errno = 0;
  return r;
}

/* T: the result is printed; F: a new fd, printed as "fd" (numbers may differ by engine). */
#define T(call) report(#call, (long)(call))
static int fd_report(const char *what, int r)
{
  if (r < 0)
    printf("%s = -1 %s\n", what, strerrorname_np(errno));
  else
    printf("%s = fd\n", what);
  errno = 0;
  return r;
}
#define F(call) fd_report(#call, (call))

static struct sockaddr_in lo4(int port)
{
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

static int port_of(int fd)
{
  struct sockaddr_in a;
  socklen_t len = sizeof a;
  getsockname(fd, (struct sockaddr *)&a, &len);
  return ntohs(a.sin_port);
}

/* A connected TCP pair over 127.0.0.1 (listener closed). */
static void tcp_pair(int *c, int *s)
{
  int l = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = lo4(0);
  bind(l, (struct sockaddr *)&a, sizeof a);
  listen(l, 4);
  a = lo4(port_of(l));
  *c = socket(AF_INET, SOCK_STREAM, 0);
  connect(*c, (struct sockaddr *)&a, sizeof a);
  *s = accept(l, NULL, NULL);
  close(l);
}

static void sec_udp(void)
{
  int a = F(socket(AF_INET, SOCK_DGRAM, 0));
  int b = F(socket(AF_INET, SOCK_DGRAM, 0));
  struct sockaddr_in sa = lo4(0);
  T(bind(a, (struct sockaddr *)&sa, sizeof sa));
  T(bind(b, (struct sockaddr *)&sa, sizeof sa));
  struct sockaddr_in to = lo4(port_of(b));
  T(sendto(a, "ping over udp", 13, 0, (struct sockaddr *)&to, sizeof to));
  char buf[64] = {0};
  struct sockaddr_in from;
  socklen_t flen = sizeof from;
  T(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen));
  printf("got [%s] flen %u from %s same-port %d\n", buf, flen, inet_ntoa(from.sin_addr),
         ntohs(from.sin_port) == port_of(a));
  /* Echo back; a short buffer truncates the datagram (MSG_TRUNC gives the real length). */
  T(sendto(b, buf, 13, 0, (struct sockaddr *)&from, flen));
  memset(buf, 0, sizeof buf);
  T(recv(a, buf, 4, MSG_PEEK));
  T(recv(a, buf, 4, MSG_TRUNC));
  printf("short [%s]\n", buf);
  T(recv(a, buf, 4, MSG_DONTWAIT));
  /* connect() fixes the peer: send/recv without addresses. */
  T(connect(a, (struct sockaddr *)&to, sizeof to));
  T(send(a, "connected", 9, 0));
  memset(buf, 0, sizeof buf);
  flen = 3;   /* a truncated address: 3 bytes copied, the full length returned */
  memset(&from, 0xee, sizeof from);
  T(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen));
  printf("[%s] flen %u family %d byte3 %#x\n", buf, flen, from.sin_family,
         ((unsigned char *)&from)[3]);
  T(sendto(a, "x", 1, 0, NULL, 0));
  T(recvfrom(b, buf, sizeof buf, 0, NULL, NULL));
  /* Zero-length datagram. */
  T(send(a, "", 0, 0));
  T(recv(b, buf, sizeof buf, 0));
  close(a);
  close(b);
}

static void unix_echo(int type, const struct sockaddr_un *addr, socklen_t alen, const char *tag)
{
  printf("-- %s\n", tag);
  int s = F(socket(AF_UNIX, type, 0));
  T(bind(s, (const struct sockaddr *)addr, alen));
  struct sockaddr_un got;
  socklen_t glen = sizeof got;
  T(getsockname(s, (struct sockaddr *)&got, &glen));
  printf("name len %u abstract %d same %d\n", glen, got.sun_path[0] == 0,
         glen == alen && memcmp(&got, addr, alen) == 0);
  char buf[64] = {0};
  if (type != SOCK_DGRAM) {
    T(listen(s, 1));
    int c = F(socket(AF_UNIX, type, 0));
    T(connect(c, (const struct sockaddr *)addr, alen));
    int a = F(accept(s, NULL, NULL));
    T(write(c, "unix stream", 11));
    T(read(a, buf, sizeof buf));
    T(write(a, buf, 11));
    memset(buf, 0, sizeof buf);
    T(read(c, buf, sizeof buf));
    printf("echo [%s]\n", buf);
    glen = sizeof got;
    T(getpeername(c, (struct sockaddr *)&got, &glen));
    printf("peer len %u same %d\n", glen, glen == alen && memcmp(&got, addr, alen) == 0);
    glen = sizeof got;
    T(getpeername(a, (struct sockaddr *)&got, &glen));   /* unnamed client: family only */
    printf("unnamed peer len %u\n", glen);
    close(a);
    close(c);
  } else {
    int c = F(socket(AF_UNIX, type, 0));
    T(sendto(c, "unix dgram", 10, 0, (const struct sockaddr *)addr, alen));
    struct sockaddr_un from;
    socklen_t flen = sizeof from;
    T(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen));
    printf("got [%s] from-len %u\n", buf, flen);
    T(connect(c, (const struct sockaddr *)addr, alen));
    T(send(c, "second", 6, 0));
    T(recv(s, buf, sizeof buf, 0));
    close(c);
  }
  close(s);
}

static void sec_unix(int type)
{
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  snprintf(a.sun_path, sizeof a.sun_path, "%s/sock%d", dir, type);
  socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1;
  unix_echo(type, &a, alen, "path");
  struct stat st;
  T(stat(a.sun_path, &st) == 0 && S_ISSOCK(st.st_mode));
  int s = socket(AF_UNIX, type, 0);
  T(bind(s, (struct sockaddr *)&a, alen));   /* the file stays: EADDRINUSE */
  close(s);
  unlink(a.sun_path);
  /* Abstract: a name unique to this process, length-delimited (no NUL). */
  struct sockaddr_un b = {.sun_family = AF_UNIX};
  int n = snprintf(b.sun_path + 1, sizeof b.sun_path - 1, "rvx-net-%d-%d", getpid(), type);
  unix_echo(type, &b, offsetof(struct sockaddr_un, sun_path) + 1 + n, "abstract");
  /* autobind: bind with the family only gets an abstract 5-hex-digit name */
  s = socket(AF_UNIX, type, 0);
  T(bind(s, (struct sockaddr *)&b, sizeof(sa_family_t)));
  socklen_t glen = sizeof b;
  T(getsockname(s, (struct sockaddr *)&b, &glen));
  printf("autobind len %u abstract %d\n", glen, b.sun_path[0] == 0);
  close(s);
}

/* Sends fds (count n) over u with one byte of data. */
static long send_fds(int u, const int *fds, int n)
{
  char data = 'F';
  struct iovec iov = {&data, 1};
  char cbuf[CMSG_SPACE(4 * sizeof(int))];
  memset(cbuf, 0, sizeof cbuf);
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                     .msg_controllen = CMSG_SPACE(n * sizeof(int))};
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(n * sizeof(int));
  memcpy(CMSG_DATA(c), fds, n * sizeof(int));
  return sendmsg(u, &m, 0);
}

static void sec_scm_rights(void)
{
  int sv[2], p[2];
  T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  T(pipe(p));
  T(send_fds(sv[0], &p[1], 1));
  char data = 0;
  struct iovec iov = {&data, 1};
  char cbuf[CMSG_SPACE(sizeof(int))];
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                     .msg_controllen = sizeof cbuf};
  T(recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC));
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  printf("data %c flags %#x controllen %zu level %d type %d len %zu\n", data, m.msg_flags,
         m.msg_controllen, c ? c->cmsg_level : -1, c ? c->cmsg_type : -1,
         c ? c->cmsg_len : 0);
  int nfd = -1;
  if (c)
    memcpy(&nfd, CMSG_DATA(c), sizeof nfd);
  printf("new fd differs %d cloexec %d\n", nfd != p[1], (fcntl(nfd, F_GETFD) & FD_CLOEXEC) != 0);
  /* The passed fd is the pipe's write end: what goes in comes out of p[0]. */
  T(write(nfd, "through", 7));
  char buf[16] = {0};
  T(read(p[0], buf, sizeof buf));
  printf("pipe [%s]\n", buf);
  close(nfd);
  /* MSG_CTRUNC: two fds, room for one. Linux installs the one that fits. */
  int two[2] = {p[0], p[1]};
  T(send_fds(sv[0], two, 2));
  m.msg_controllen = CMSG_SPACE(sizeof(int));
  T(recvmsg(sv[1], &m, 0));
  c = CMSG_FIRSTHDR(&m);
  printf("ctrunc %d controllen %zu len %zu\n", (m.msg_flags & MSG_CTRUNC) != 0, m.msg_controllen,
         c ? c->cmsg_len : 0);
  if (c) {
    memcpy(&nfd, CMSG_DATA(c), sizeof nfd);
    T(fcntl(nfd, F_GETFD) >= 0);
    close(nfd);
  }
  /* No control buffer at all: the fds are dropped, MSG_CTRUNC says so. */
  T(send_fds(sv[0], two, 2));
  m.msg_control = NULL;
  m.msg_controllen = 0;
  T(recvmsg(sv[1], &m, 0));
  printf("ctrunc %d controllen %zu\n", (m.msg_flags & MSG_CTRUNC) != 0, m.msg_controllen);
  /* A control buffer too small for even a header. */
  T(send_fds(sv[0], two, 1));
  m.msg_control = cbuf;
  m.msg_controllen = 8;
  T(recvmsg(sv[1], &m, 0));
  printf("ctrunc %d controllen %zu\n", (m.msg_flags & MSG_CTRUNC) != 0, m.msg_controllen);
  close(sv[0]);
  close(sv[1]);
  close(p[0]);
  close(p[1]);
}

/* Control messages the kernel refuses (qemu 7.2 drops an unknown type instead). */
static void sec_cmsg_errors(void)
{
  int sv[2];
  T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  char data = 'x';
  struct iovec iov = {&data, 1};
  char bad[CMSG_SPACE(sizeof(int))] = {0};
  struct msghdr bm = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = bad,
                      .msg_controllen = sizeof bad};
  struct cmsghdr *bc = CMSG_FIRSTHDR(&bm);
  bc->cmsg_level = SOL_SOCKET;
  bc->cmsg_type = SCM_RIGHTS;
  bc->cmsg_len = CMSG_LEN(sizeof(int));
  int badfd = 999;
  memcpy(CMSG_DATA(bc), &badfd, sizeof badfd);
  T(sendmsg(sv[0], &bm, 0));
  bc->cmsg_len = 200;
  T(sendmsg(sv[0], &bm, 0));
  bc->cmsg_len = CMSG_LEN(sizeof(int));
  bc->cmsg_type = 77;
  T(sendmsg(sv[0], &bm, 0));
  int fds[1] = {sv[0]};
  T(send_fds(sv[0], fds, 1));
  T(recv(sv[1], &data, 1, 0));
  T(send_fds(sv[0], fds, 0));
  close(sv[0]);
  close(sv[1]);
}

static void sec_scm_creds(void)
{
  int sv[2];
  T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
  int one = 1;
  T(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
  /* Without explicit credentials the kernel attaches the sender's. */
  T(send(sv[0], "c", 1, 0));
  char data;
  struct iovec iov = {&data, 1};
  char cbuf[CMSG_SPACE(sizeof(struct ucred))];
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                     .msg_controllen = sizeof cbuf};
  T(recvmsg(sv[1], &m, 0));
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  struct ucred u = {0};
  if (c && c->cmsg_type == SCM_CREDENTIALS)
    memcpy(&u, CMSG_DATA(c), sizeof u);
  printf("type %d len %zu pid-ok %d uid-ok %d gid-ok %d\n", c ? c->cmsg_type : -1,
         c ? c->cmsg_len : 0, u.pid == (pid_t)getpid(), u.uid == getuid(), u.gid == getgid());
  /* Explicit credentials: our own are accepted, a foreign pid is not. */
  struct msghdr s = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                     .msg_controllen = sizeof cbuf};
  c = CMSG_FIRSTHDR(&s);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_CREDENTIALS;
  c->cmsg_len = CMSG_LEN(sizeof u);
  u = (struct ucred){getpid(), getuid(), getgid()};
  memcpy(CMSG_DATA(c), &u, sizeof u);
  T(sendmsg(sv[0], &s, 0));
  m.msg_controllen = sizeof cbuf;
  T(recvmsg(sv[1], &m, 0));
  c = CMSG_FIRSTHDR(&m);
  memcpy(&u, CMSG_DATA(c), sizeof u);
  printf("explicit pid-ok %d\n", u.pid == (pid_t)getpid());
  c = CMSG_FIRSTHDR(&s);
  u.pid = 1;
  memcpy(CMSG_DATA(c), &u, sizeof u);
  if (getuid() != 0)
    T(sendmsg(sv[0], &s, 0));
  else
    printf("sendmsg(sv[0], &s, 0) = -1 EPERM\n");   /* root may claim any pid */
  /* SO_PEERCRED of a socketpair: our own. */
  struct ucred pc;
  socklen_t len = sizeof pc;
  T(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &pc, &len));
  printf("peercred len %u pid-ok %d uid-ok %d\n", len, pc.pid == getpid(), pc.uid == getuid());
  close(sv[0]);
  close(sv[1]);
}

/* A connected UDP pair a -> b, four outgoing messages "word" + "!" (two iovecs each) and five
 * receive slots of 15 bytes with room for the sender's address. */
static char mm_bufs[5][16];
static void mmsg_setup(int *pa, int *pb, struct mmsghdr *mm, struct mmsghdr *rm)
{
  static char *words[] = {"alpha", "beta", "gamma", "delta"};
  static struct iovec iov[4][2], riov[5];
  static struct sockaddr_in from[5];
  int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in sa = lo4(0);
  bind(b, (struct sockaddr *)&sa, sizeof sa);
  struct sockaddr_in to = lo4(port_of(b));
  T(connect(a, (struct sockaddr *)&to, sizeof to));
  memset(mm, 0, 4 * sizeof *mm);
  for (int i = 0; i < 4; i++) {
    iov[i][0] = (struct iovec){words[i], strlen(words[i])};
    iov[i][1] = (struct iovec){"!", 1};
    mm[i].msg_hdr.msg_iov = iov[i];
    mm[i].msg_hdr.msg_iovlen = 2;
    mm[i].msg_len = 999;
  }
  memset(rm, 0, 5 * sizeof *rm);
  memset(mm_bufs, 0, sizeof mm_bufs);
  for (int i = 0; i < 5; i++) {
    riov[i] = (struct iovec){mm_bufs[i], 15};
    rm[i].msg_hdr.msg_iov = &riov[i];
    rm[i].msg_hdr.msg_iovlen = 1;
    rm[i].msg_hdr.msg_name = &from[i];
    rm[i].msg_hdr.msg_namelen = sizeof from[i];
  }
  *pa = a;
  *pb = b;
}

static void sec_mmsg(void)
{
  int a, b;
  struct mmsghdr mm[4], rm[5];
  mmsg_setup(&a, &b, mm, rm);
  T(sendmmsg(a, mm, 4, 0));
  printf("lens %u %u %u %u\n", mm[0].msg_len, mm[1].msg_len, mm[2].msg_len, mm[3].msg_len);
  T(sendmmsg(a, mm, 0, 0));
  /* Four queued, five asked with MSG_WAITFORONE: only the first may block. */
  T(recvmmsg(b, rm, 5, MSG_WAITFORONE, NULL));
  for (int i = 0; i < 4; i++)
    printf("[%s] len %u namelen %u\n", mm_bufs[i], rm[i].msg_len, rm[i].msg_hdr.msg_namelen);
  /* Nothing queued, nonblocking: EAGAIN. */
  T(recvmmsg(b, rm, 2, MSG_DONTWAIT, NULL));
  close(a);
  close(b);
}

/* recvmmsg's timeout (checked only between datagrams) and entries that fail part way (qemu
 * 7.2 ignores the timeout, so this is compared with the host's Linux only). */
static void sec_mmsg_edge(void)
{
  int a, b;
  struct mmsghdr mm[4], rm[5];
  mmsg_setup(&a, &b, mm, rm);
  /* A timeout: after the first datagram the time is up (zero), so one comes back. */
  T(sendmmsg(a, mm, 3, 0));
  struct timespec ts = {0, 0};
  T(recvmmsg(b, rm, 5, 0, &ts));
  printf("ts %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
  ts = (struct timespec){5, 0};
  T(recvmmsg(b, rm, 2, 0, &ts));
  printf("ts left ok %d\n", ts.tv_sec <= 5 && ts.tv_sec >= 3);
  ts = (struct timespec){0, 1000000000};
  T(recvmmsg(b, rm, 2, 0, &ts));
  ts = (struct timespec){-1, 0};
  T(recvmmsg(b, rm, 2, 0, &ts));
  T(recvmmsg(b, rm, 2, 0, (struct timespec *)8));
  /* An entry with a bad msghdr part way: the ones before it count. */
  T(sendmmsg(a, mm, 2, 0));
  rm[1].msg_hdr.msg_iov = (struct iovec *)8;
  T(recvmmsg(b, rm, 2, MSG_DONTWAIT, NULL));
  T(recvmmsg(b, rm, 1, MSG_DONTWAIT, NULL));   /* the error of entry 1, kept for later */
  mm[1].msg_hdr.msg_iov = (struct iovec *)8;
  T(sendmmsg(a, mm, 3, 0));
  T(sendmmsg(a, &mm[1], 2, 0));
  close(a);
  close(b);
}

static void show_int_opt(int fd, int level, int name, const char *tag)
{
  int v = -1;
  socklen_t len = sizeof v;
  int r = getsockopt(fd, level, name, &v, &len);
  if (r < 0)
    printf("get %s = -1 %s\n", tag, strerrorname_np(errno));
  else
    printf("get %s = %d (len %u)\n", tag, v, len);
}

#define SET_INT(fd, level, name, val)                                     \
  do {                                                                    \
    int v_ = (val);                                                       \
    T(setsockopt(fd, level, name, &v_, sizeof v_));                       \
    show_int_opt(fd, level, name, #name);                                 \
  } while (0)

static void sec_sockopt(void)
{
  int c, s;
  tcp_pair(&c, &s);
  show_int_opt(c, SOL_SOCKET, SO_TYPE, "SO_TYPE");
  show_int_opt(c, SOL_SOCKET, SO_DOMAIN, "SO_DOMAIN");
  show_int_opt(c, SOL_SOCKET, SO_PROTOCOL, "SO_PROTOCOL");
  show_int_opt(c, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN");
  show_int_opt(c, SOL_SOCKET, SO_ERROR, "SO_ERROR");
  SET_INT(c, SOL_SOCKET, SO_REUSEADDR, 1);
  SET_INT(c, SOL_SOCKET, SO_REUSEPORT, 1);
  SET_INT(c, SOL_SOCKET, SO_KEEPALIVE, 1);
  SET_INT(c, SOL_SOCKET, SO_RCVBUF, 4096);
  SET_INT(c, SOL_SOCKET, SO_SNDBUF, 8192);
  SET_INT(c, SOL_SOCKET, SO_OOBINLINE, 1);
  SET_INT(c, SOL_SOCKET, SO_RCVLOWAT, 3);
  SET_INT(c, IPPROTO_TCP, TCP_NODELAY, 1);
  SET_INT(c, IPPROTO_TCP, TCP_KEEPIDLE, 77);
  SET_INT(c, IPPROTO_TCP, TCP_KEEPINTVL, 11);
  SET_INT(c, IPPROTO_TCP, TCP_KEEPCNT, 5);
  SET_INT(c, IPPROTO_TCP, TCP_USER_TIMEOUT, 1234);
  SET_INT(c, IPPROTO_IP, IP_TTL, 33);
  SET_INT(c, IPPROTO_IP, IP_TOS, 0x10);
  show_int_opt(c, IPPROTO_TCP, TCP_MAXSEG, "TCP_MAXSEG");
  struct timeval tv = {1, 500000}, got;
  socklen_t len = sizeof got;
  T(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
  T(getsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &got, &len));
  printf("rcvtimeo %ld.%06ld len %u\n", (long)got.tv_sec, (long)got.tv_usec, len);
  tv = (struct timeval){0, 250000};
  T(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
  len = sizeof got;
  T(getsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &got, &len));
  printf("sndtimeo %ld.%06ld\n", (long)got.tv_sec, (long)got.tv_usec);
  tv.tv_usec = 2000000;
  T(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
  T(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, 8));
  struct linger lg = {1, 7}, lgot;
  len = sizeof lgot;
  T(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
  T(getsockopt(c, SOL_SOCKET, SO_LINGER, &lgot, &len));
  printf("linger %d %d len %u\n", lgot.l_onoff, lgot.l_linger, len);
  /* A short optlen: Linux copies that many bytes of the int. */
  int v = 0x55555555;
  len = 1;
  T(getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len));
  printf("short get %#x len %u\n", v, len);
  len = 0;
  T(getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len));
  printf("zero get len %u\n", len);
  len = 64;   /* a long one: cut to the value's size */
  T(getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len));
  printf("long get len %u\n", len);
  int neg = -1;
  T(setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &neg, 2));
  char name[32] = {0};
  len = sizeof name;
  T(getsockopt(c, IPPROTO_TCP, TCP_CONGESTION, name, &len));
  printf("congestion named %d\n", name[0] != 0);
  struct tcp_info ti;
  len = sizeof ti;
  T(getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &len));
  printf("tcp_info state %d len-ok %d\n", ti.tcpi_state, len > 100);
  /* Unknown options and levels. */
  T(getsockopt(c, SOL_SOCKET, 9999, &v, &len));
  T(setsockopt(c, SOL_SOCKET, 9999, &v, sizeof v));
  T(setsockopt(c, 9999, 1, &v, sizeof v));
  T(setsockopt(c, SOL_SOCKET, SO_TYPE, &v, sizeof v));
  close(c);
  close(s);
  /* UDP: broadcast, multicast, errors. */
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  SET_INT(u, SOL_SOCKET, SO_BROADCAST, 1);
  SET_INT(u, IPPROTO_IP, IP_MULTICAST_TTL, 4);
  SET_INT(u, IPPROTO_IP, IP_MULTICAST_LOOP, 0);
  struct in_addr ifa = {htonl(INADDR_LOOPBACK)};
  T(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &ifa, sizeof ifa));
  struct in_addr gifa;
  len = sizeof gifa;
  T(getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &gifa, &len));
  printf("mcast if %s\n", inet_ntoa(gifa));
  T(setsockopt(u, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v));
  close(u);
  /* IPv6 (the socket option works even without an IPv6 address). */
  int s6 = socket(AF_INET6, SOCK_STREAM, 0);
  if (s6 >= 0) {
    SET_INT(s6, IPPROTO_IPV6, IPV6_V6ONLY, 1);
    SET_INT(s6, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 9);
    close(s6);
  }
  /* A Unix socket has no IP-level options. */
  int x = socket(AF_UNIX, SOCK_STREAM, 0);
  show_int_opt(x, SOL_SOCKET, SO_PASSCRED, "SO_PASSCRED");
  SET_INT(x, SOL_SOCKET, SO_PASSCRED, 1);
  T(setsockopt(x, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v));
  T(setsockopt(x, IPPROTO_IP, IP_TTL, &v, sizeof v));
  close(x);
}

static void sec_names(void)
{
  int c, s;
  tcp_pair(&c, &s);
  struct sockaddr_in a, b;
  socklen_t la = sizeof a, lb = sizeof b;
  T(getsockname(c, (struct sockaddr *)&a, &la));
  T(getpeername(s, (struct sockaddr *)&b, &lb));
  printf("client %s len %u, server sees same %d\n", inet_ntoa(a.sin_addr), la,
         la == lb && memcmp(&a, &b, la) == 0);
  /* Truncation: the copy is cut, the length says the full size. */
  struct sockaddr_storage ss;
  memset(&ss, 0xab, sizeof ss);
  socklen_t l = 4;
  T(getsockname(c, (struct sockaddr *)&ss, &l));
  printf("len %u byte3-set %d byte4-untouched %d\n", l, ((unsigned char *)&ss)[3] != 0xab,
         ((unsigned char *)&ss)[4] == 0xab);
  l = 0;
  T(getpeername(c, (struct sockaddr *)8, &l));
  printf("zero len -> %u\n", l);
  l = (socklen_t)-1;
  T(getsockname(c, (struct sockaddr *)&ss, &l));
  T(getsockname(c, (struct sockaddr *)&ss, NULL));
  T(getsockname(c, (struct sockaddr *)&ss, (socklen_t *)8));
  l = sizeof ss;
  T(getsockname(c, (struct sockaddr *)8, &l));
  T(getsockname(99, (struct sockaddr *)&ss, &l));
  T(getsockname(0 + 1 * 0 + STDIN_FILENO, (struct sockaddr *)&ss, &l));
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  l = sizeof ss;
  T(getpeername(u, (struct sockaddr *)&ss, &l));
  T(getsockname(u, (struct sockaddr *)&ss, &l));
  printf("unbound len %u port %d\n", l, ntohs(((struct sockaddr_in *)&ss)->sin_port));
  /* accept filling the address, truncated. */
  int lst = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in z = lo4(0);
  bind(lst, (struct sockaddr *)&z, sizeof z);
  listen(lst, 2);
  z = lo4(port_of(lst));
  int k = socket(AF_INET, SOCK_STREAM, 0);
  connect(k, (struct sockaddr *)&z, sizeof z);
  l = 2;
  memset(&ss, 0xab, sizeof ss);
  int acc = F(accept(lst, (struct sockaddr *)&ss, &l));
  printf("accept len %u family %d byte2-untouched %d\n", l, ((struct sockaddr *)&ss)->sa_family,
         ((unsigned char *)&ss)[2] == 0xab);
  close(acc);
  close(k);
  close(lst);
  close(u);
  close(c);
  close(s);
}

static void sec_shutdown(void)
{
  int c, s;
  tcp_pair(&c, &s);
  signal(SIGPIPE, SIG_IGN);
  T(shutdown(c, SHUT_WR));
  char buf[8];
  T(read(s, buf, sizeof buf));   /* EOF */
  T(send(c, "x", 1, MSG_NOSIGNAL));
  T(send(s, "back", 4, 0));      /* the other direction still works */
  T(recv(c, buf, sizeof buf, 0));
  T(shutdown(c, SHUT_RD));
  T(recv(c, buf, sizeof buf, MSG_DONTWAIT));
  T(shutdown(c, 7));
  T(shutdown(c, -1));
  T(shutdown(99, SHUT_RD));
  int u = socket(AF_INET, SOCK_STREAM, 0);
  T(shutdown(u, SHUT_RDWR));
  close(u);
  T(shutdown(s, SHUT_RDWR));
  T(write(s, "y", 1));
  close(c);
  close(s);
  /* socketpair: shutdown both ways, then reads see EOF and writes EPIPE. */
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  T(shutdown(sv[0], SHUT_RDWR));
  T(read(sv[1], buf, sizeof buf));
  T(write(sv[1], "z", 1));
  close(sv[0]);
  close(sv[1]);
}

static void sec_nonblock(void)
{
  int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  printf("cloexec %d\n", (fcntl(l, F_GETFD) & FD_CLOEXEC) != 0);
  struct sockaddr_in a = lo4(0);
  bind(l, (struct sockaddr *)&a, sizeof a);
  T(listen(l, 4));
  a = lo4(port_of(l));
  int fl = fcntl(l, F_GETFL);
  fcntl(l, F_SETFL, fl | O_NONBLOCK);
  T(accept(l, NULL, NULL));
  int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  printf("nonblock %d\n", (fcntl(c, F_GETFL) & O_NONBLOCK) != 0);
  int r = connect(c, (struct sockaddr *)&a, sizeof a);
  printf("connect: %s\n", r == 0 ? "done" : errno == EINPROGRESS ? "in progress" : "error");
  struct pollfd pf = {c, POLLOUT, 0};
  struct timespec to = {5, 0};
  T(ppoll(&pf, 1, &to, NULL));
  printf("revents %#x\n", pf.revents);
  int err = -1;
  socklen_t len = sizeof err;
  T(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len));
  printf("so_error %d\n", err);
  T(connect(c, (struct sockaddr *)&a, sizeof a));
  pf = (struct pollfd){l, POLLIN, 0};
  T(ppoll(&pf, 1, &to, NULL));
  int s = F(accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC));
  printf("accepted nonblock %d cloexec %d\n", (fcntl(s, F_GETFL) & O_NONBLOCK) != 0,
         (fcntl(s, F_GETFD) & FD_CLOEXEC) != 0);
  T(accept4(l, NULL, NULL, 0x1));
  T(accept4(l, NULL, NULL, O_APPEND));
  char buf[4];
  T(recv(s, buf, sizeof buf, 0));
  T(send(c, "abc", 3, 0));
  pf = (struct pollfd){s, POLLIN, 0};
  T(ppoll(&pf, 1, &to, NULL));
  T(recv(s, buf, sizeof buf, 0));
  close(s);
  close(c);
  /* A refused connection: a port nobody listens on (the listener just closed). */
  int port = a.sin_port;
  close(l);
  c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  a.sin_port = port;
  r = connect(c, (struct sockaddr *)&a, sizeof a);
  printf("connect: %s\n", r == 0 ? "done" : errno == EINPROGRESS ? "in progress"
                                      : errno == ECONNREFUSED ? "refused" : "error");
  pf = (struct pollfd){c, POLLOUT, 0};
  T(ppoll(&pf, 1, &to, NULL));
  len = sizeof err;
  T(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len));
  printf("so_error %s\n", strerrorname_np(err));
  close(c);
}

static void sec_errno(void)
{
  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int p[2];
  pipe(p);
  signal(SIGPIPE, SIG_IGN);
  T(socket(12345, SOCK_STREAM, 0));
  T(socket(-1, SOCK_STREAM, 0));
  T(socket(AF_INET, 99, 0));
  T(socket(AF_INET, SOCK_STREAM | 0x100, 0));
  T(socket(AF_INET, SOCK_STREAM, 99));
  T(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP));
  T(socket(AF_UNIX, SOCK_STREAM, 5));
  int sv[2];
  T(socketpair(AF_INET, SOCK_STREAM, 0, sv));
  int *volatile low = (int *)8;   /* volatile: gcc would warn about the constant */
  T(socketpair(AF_UNIX, SOCK_STREAM, 0, low));
  T(socketpair(AF_UNIX, SOCK_STREAM, 0, (int *)ro));
  T(socketpair(AF_UNIX, SOCK_STREAM | 0x100, 0, low));
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = lo4(0);
  T(bind(s, (struct sockaddr *)&a, 129));
  T(bind(s, (struct sockaddr *)&a, -1));
  T(bind(s, (struct sockaddr *)8, sizeof a));
  T(bind(s, (struct sockaddr *)&a, 0));
  T(bind(s, (struct sockaddr *)&a, 4));
  T(bind(99, (struct sockaddr *)&a, sizeof a));
  T(bind(99, (struct sockaddr *)8, sizeof a));
  T(bind(p[0], (struct sockaddr *)&a, sizeof a));
  T(bind(p[0], (struct sockaddr *)8, sizeof a));
  struct sockaddr_in6 a6 = {.sin6_family = AF_INET6};
  T(bind(s, (struct sockaddr *)&a6, sizeof a6));
  T(connect(s, (struct sockaddr *)8, sizeof a));
  T(connect(s, (struct sockaddr *)&a, 300));
  T(listen(99, 1));
  T(listen(p[0], 1));
  T(accept(s, NULL, NULL));
  T(accept(p[0], NULL, NULL));
  T(accept4(s, NULL, NULL, -1));
  char buf[16];
  T(send(s, "x", 1, 0));
  T(recv(s, buf, 1, MSG_DONTWAIT));
  T(sendto(p[1], "x", 1, 0, NULL, 0));
  T(sendto(99, "x", 1, 0, NULL, 0));
  T(sendto(99, (char *)8, 1, 0, NULL, 0));
  T(sendto(s, (char *)0x7fffffffff00, 1, 0, NULL, 0));
  T(recvfrom(99, buf, 1, 0, NULL, NULL));
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  T(sendto(u, "x", 1, 0, (struct sockaddr *)&a, -5));
  T(sendto(u, "x", 1, 0, (struct sockaddr *)8, sizeof a));
  T(sendto(u, (char *)8, 1, 0, (struct sockaddr *)&a, sizeof a));
  T(recvfrom(u, (char *)8, 1, MSG_DONTWAIT, NULL, NULL));
  T(recvfrom(u, ro, 1, MSG_DONTWAIT, NULL, NULL));
  /* msghdr errors */
  struct iovec iov = {buf, 1};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
  T(sendmsg(u, (struct msghdr *)8, 0));
  T(recvmsg(u, (struct msghdr *)8, MSG_DONTWAIT));
  T(sendmsg(99, (struct msghdr *)8, 0));
  m.msg_iovlen = 1025;
  T(sendmsg(u, &m, 0));
  T(recvmsg(u, &m, MSG_DONTWAIT));
  m.msg_iovlen = 1;
  m.msg_name = &a;
  m.msg_namelen = -1;
  T(sendmsg(u, &m, 0));
  T(recvmsg(u, &m, MSG_DONTWAIT));
  m.msg_namelen = sizeof a;
  m.msg_iov = (struct iovec *)8;
  T(sendmsg(u, &m, 0));
  m.msg_iov = &iov;
  iov.iov_len = (size_t)-1;
  T(sendmsg(u, &m, 0));
  iov.iov_len = 1;
  m.msg_control = (void *)8;
  m.msg_controllen = 16;
  T(sendmsg(u, &m, 0));
  m.msg_controllen = 0x80000000u;
  T(sendmsg(u, &m, 0));
  m.msg_control = NULL;
  m.msg_controllen = 0;
  m.msg_name = (void *)8;
  T(sendmsg(u, &m, 0));
  T(sendmsg(u, &m, 0x80000000u));
  T(recvmsg(u, &m, 0x80000000u));
  T(recvmmsg(u, NULL, 0, 0x80000000u, NULL));
  T(recvmmsg(u, NULL, 0, 0, NULL));
  T(sendmmsg(u, NULL, 0, 0));
  T(recvmmsg(99, NULL, 0, 0, NULL));
  T(sendmmsg(u, (struct mmsghdr *)8, 1, 0));
  T(recvmmsg(u, (struct mmsghdr *)8, 1, MSG_DONTWAIT, NULL));
  /* options */
  int v = 1;
  socklen_t len = sizeof v;
  T(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, -1));
  T(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, 0));
  T(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (int *)8, sizeof v));
  T(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, 0x7fffffff));   /* reads just the int */
  len = 0x7fffffff;
  T(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len));
  printf("len %u\n", len);
  len = sizeof v;
  T(setsockopt(99, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v));
  T(setsockopt(p[0], SOL_SOCKET, SO_REUSEADDR, &v, sizeof v));
  T(setsockopt(p[0], SOL_SOCKET, 9999, &v, sizeof v));
  T(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, (socklen_t *)8));
  T(getsockopt(s, SOL_SOCKET, SO_TYPE, (int *)8, &len));
  T(getsockopt(s, SOL_SOCKET, SO_TYPE, (int *)ro, &len));
  len = (socklen_t)-1;
  T(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len));
  len = sizeof v;
  T(getsockopt(99, SOL_SOCKET, SO_TYPE, &v, &len));
  T(getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len));
  T(shutdown(p[0], SHUT_RD));
  close(u);
  close(s);
  close(p[0]);
  close(p[1]);
}

/* Netlink: one RTM_GETLINK dump, looking for the loopback device. */
static void sec_netlink(void)
{
  int n = F(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (n < 0)
    return;
  struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
  T(bind(n, (struct sockaddr *)&sa, sizeof sa));
  socklen_t len = sizeof sa;
  T(getsockname(n, (struct sockaddr *)&sa, &len));
  printf("nl len %u family %d\n", len, sa.nl_family);
  struct {
    struct nlmsghdr h;
    struct rtgenmsg g;
  } req = {{NLMSG_LENGTH(sizeof(struct rtgenmsg)), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0},
           {AF_UNSPEC}};
  struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
  T(sendto(n, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel));
  static char buf[65536];
  int found_lo = 0, done = 0, msgs = 0;
  struct timeval tv = {5, 0};
  setsockopt(n, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (!done) {
    long r = recv(n, buf, sizeof buf, 0);
    if (r <= 0)
      break;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, r); h = NLMSG_NEXT(h, r)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
        done = 1;
        break;
      }
      msgs++;
      struct ifinfomsg *ifi = NLMSG_DATA(h);
      int alen = IFLA_PAYLOAD(h);
      for (struct rtattr *at = IFLA_RTA(ifi); RTA_OK(at, alen); at = RTA_NEXT(at, alen))
        if (at->rta_type == IFLA_IFNAME && strcmp(RTA_DATA(at), "lo") == 0)
          found_lo = 1;
    }
  }
  printf("netlink done %d links>0 %d lo %d\n", done, msgs > 0, found_lo);
  close(n);
  T(socket(AF_NETLINK, SOCK_RAW, 9999));
}

/* Buffers that end in an unmapped page, and result structs in read-only memory: Linux copies
 * up to the fault and fails a datagram that does not fit as a whole. */
static void sec_partial(void)
{
  /* Everything mapped first, so that no later mapping fills the hole. */
  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  struct msghdr *rom = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *two = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + 4096, 4096);
  char *edge = two + 4096 - 8;   /* 8 good bytes, then the hole */
  signal(SIGPIPE, SIG_IGN);
  int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in sa = lo4(0);
  bind(b, (struct sockaddr *)&sa, sizeof sa);
  sa = lo4(port_of(b));
  connect(a, (struct sockaddr *)&sa, sizeof sa);
  T(send(a, "0123456789abcdef", 16, 0));
  T(recv(b, edge, 100, 0));              /* 16 bytes do not fit in 8: EFAULT, consumed */
  T(recv(b, edge, 100, MSG_DONTWAIT));
  T(send(a, "short", 5, 0));
  T(recv(b, edge, 100, 0));              /* fits before the hole */
  memcpy(edge, "ABCDEFGH", 8);
  T(send(a, edge, 100, 0));              /* a datagram is read whole: EFAULT */
  T(send(a, edge, 8, 0));
  char buf[256] = {0};
  T(recv(b, buf, sizeof buf, 0));
  printf("[%s]\n", buf);
  /* recvmsg: iovecs running into the hole, a read-only msghdr. */
  struct iovec iov[2] = {{buf, 4}, {edge, 100}};
  struct msghdr m = {.msg_iov = iov, .msg_iovlen = 2};
  T(send(a, "0123456789", 10, 0));
  T(recvmsg(b, &m, 0));
  printf("[%.4s][%.6s] flags %#x\n", buf, edge, m.msg_flags);
  T(send(a, "0123456789abcdefghij", 20, 0));
  T(recvmsg(b, &m, 0));
  T(send(a, "xyz", 3, 0));
  *rom = m;
  mprotect(rom, 4096, PROT_READ);
  T(recvmsg(b, rom, 0));                 /* received, but msg_flags cannot be stored */
  T(recv(b, buf, sizeof buf, MSG_DONTWAIT));
  /* getsockopt with a read-only optlen: the value is written, then EFAULT. */
  int v = 0;
  T(getsockopt(a, SOL_SOCKET, SO_TYPE, &v, (socklen_t *)ro));
  close(a);
  close(b);
  /* TCP: a send or receive that runs into the hole fails. */
  int c, s;
  tcp_pair(&c, &s);
  memset(two, 'q', 4096);
  T(send(c, two + 4000, 500, 0));
  T(send(c, two + 4000, 96, 0));
  T(recv(s, buf, 96, MSG_WAITALL));
  T(send(s, "0123456789abcdef", 16, 0));
  T(recv(c, edge, 16, MSG_WAITALL));
  T(recv(c, buf, 16, 0));
  printf("rest [%.8s]\n", buf);
  /* accept whose address length is read-only: the connection is dropped, EFAULT. */
  int l = socket(AF_INET, SOCK_STREAM, 0);
  sa = lo4(0);
  bind(l, (struct sockaddr *)&sa, sizeof sa);
  listen(l, 2);
  sa = lo4(port_of(l));
  int k = socket(AF_INET, SOCK_STREAM, 0);
  T(connect(k, (struct sockaddr *)&sa, sizeof sa));
  struct sockaddr_in peer;
  T(accept(l, (struct sockaddr *)&peer, (socklen_t *)ro));
  int fl = fcntl(l, F_GETFL);
  fcntl(l, F_SETFL, fl | O_NONBLOCK);
  T(accept(l, NULL, NULL));
  /* socketpair into read-only memory */
  T(socketpair(AF_UNIX, SOCK_STREAM, 0, (int *)ro));
  close(k);
  close(l);
  close(c);
  close(s);
}

/* Classic BPF socket filters: the program struct holds a pointer (translated by rvx). */
static void sec_filter(void)
{
  int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in sa = lo4(0);
  bind(b, (struct sockaddr *)&sa, sizeof sa);
  sa = lo4(port_of(b));
  connect(a, (struct sockaddr *)&sa, sizeof sa);
  /* Keep at most 3 bytes of each datagram. */
  struct sock_filter code[] = {{BPF_RET | BPF_K, 0, 0, 3}};
  struct sock_fprog prog = {1, code};
  T(setsockopt(b, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog));
  T(send(a, "filtered", 8, 0));
  char buf[16] = {0};
  T(recv(b, buf, sizeof buf, 0));
  printf("[%s]\n", buf);
  struct sock_filter back[4];
  socklen_t len = 0;
  T(getsockopt(b, SOL_SOCKET, SO_GET_FILTER, back, &len));
  printf("blocks %u\n", len);
  len = 4;
  memset(back, 0, sizeof back);
  T(getsockopt(b, SOL_SOCKET, SO_GET_FILTER, back, &len));
  printf("blocks %u code %#x k %u\n", len, back[0].code, back[0].k);
  T(setsockopt(b, SOL_SOCKET, SO_DETACH_FILTER, &len, sizeof len));
  T(send(a, "whole", 5, 0));
  T(recv(b, buf, sizeof buf, 0));
  prog.filter = (struct sock_filter *)8;
  T(setsockopt(b, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog));
  T(setsockopt(b, SOL_SOCKET, SO_ATTACH_FILTER, &prog, 8));
  T(setsockopt(b, SOL_SOCKET, SO_ATTACH_FILTER, (void *)8, sizeof prog));
  prog.len = 0;
  prog.filter = code;
  T(setsockopt(b, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog));
  close(a);
  close(b);
}

/* IPv6 loopback (when the host has it): UDP echo and addresses. */
static void sec_udp6(void)
{
  int a = socket(AF_INET6, SOCK_DGRAM, 0), b = socket(AF_INET6, SOCK_DGRAM, 0);
  struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
  T(bind(b, (struct sockaddr *)&sa, sizeof sa));
  socklen_t len = sizeof sa;
  T(getsockname(b, (struct sockaddr *)&sa, &len));
  printf("len %u\n", len);
  T(sendto(a, "six", 3, 0, (struct sockaddr *)&sa, sizeof sa));
  char buf[8] = {0};
  struct sockaddr_in6 from;
  len = sizeof from;
  T(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &len));
  char txt[64];
  printf("[%s] from %s len %u\n", buf, inet_ntop(AF_INET6, &from.sin6_addr, txt, sizeof txt), len);
  int one = 1;
  T(setsockopt(b, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof one));
  T(sendto(a, "pkt", 3, 0, (struct sockaddr *)&sa, sizeof sa));
  char cbuf[256];
  struct iovec iov = {buf, sizeof buf};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                     .msg_controllen = sizeof cbuf};
  T(recvmsg(b, &m, 0));
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  if (c && c->cmsg_type == IPV6_PKTINFO) {
    struct in6_pktinfo pi;
    memcpy(&pi, CMSG_DATA(c), sizeof pi);
    printf("pktinfo %s len %zu\n", inet_ntop(AF_INET6, &pi.ipi6_addr, txt, sizeof txt),
           c->cmsg_len);
  }
  close(a);
  close(b);
}

static void sec_udp6_check(void)
{
  /* Separate from sec_udp6 so the suite can tell "no IPv6 loopback" from a failure. */
  int s = socket(AF_INET6, SOCK_DGRAM, 0);
  struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
  printf("%s\n", s >= 0 && bind(s, (struct sockaddr *)&sa, sizeof sa) == 0 ? "yes" : "no");
}

int main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: net_misc SECTION DIR\n");
    return 2;
  }
  dir = argv[2];
  alarm(20);   /* nothing here may hang the suite */
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *s = argv[1];
  if (!strcmp(s, "udp"))
    sec_udp();
  else if (!strcmp(s, "unix_stream"))
    sec_unix(SOCK_STREAM);
  else if (!strcmp(s, "unix_dgram"))
    sec_unix(SOCK_DGRAM);
  else if (!strcmp(s, "unix_seqpacket"))
    sec_unix(SOCK_SEQPACKET);
  else if (!strcmp(s, "scm_rights"))
    sec_scm_rights();
  else if (!strcmp(s, "cmsg_errors"))
    sec_cmsg_errors();
  else if (!strcmp(s, "scm_creds"))
    sec_scm_creds();
  else if (!strcmp(s, "mmsg"))
    sec_mmsg();
  else if (!strcmp(s, "mmsg_edge"))
    sec_mmsg_edge();
  else if (!strcmp(s, "sockopt"))
    sec_sockopt();
  else if (!strcmp(s, "names"))
    sec_names();
  else if (!strcmp(s, "shutdown"))
    sec_shutdown();
  else if (!strcmp(s, "nonblock"))
    sec_nonblock();
  else if (!strcmp(s, "errno"))
    sec_errno();
  else if (!strcmp(s, "partial"))
    sec_partial();
  else if (!strcmp(s, "filter"))
    sec_filter();
  else if (!strcmp(s, "udp6"))
    sec_udp6();
  else if (!strcmp(s, "has_ipv6")) {
    sec_udp6_check();
    return 0;
  } else if (!strcmp(s, "netlink"))
    sec_netlink();
  else {
    fprintf(stderr, "unknown section %s\n", s);
    return 2;
  }
  printf("end\n");
  return 0;
}

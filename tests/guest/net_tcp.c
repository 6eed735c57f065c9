/* A loopback TCP echo between two processes: `net_tcp server 4|6 PORTFILE` listens on
 * 127.0.0.1 or ::1, port 0, and writes its port to PORTFILE; `net_tcp client 4|6 PORTFILE`
 * waits for that file, connects, sends 64 KiB in several ways (send, writev, sendmsg,
 * sendto), half-closes and reads the echo back. Every wait has a timeout, so a broken peer
 * makes the other fail (exit 1) instead of hanging. The output has no ports or timings. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define TOTAL 65536
#define WAIT_MS 10000

static int family;

static void die(const char *what)
{
  printf("%s: %s\n", what, strerrorname_np(errno));
  exit(1);
}

static socklen_t loopback(struct sockaddr_storage *ss, int port)
{
  memset(ss, 0, sizeof *ss);
  if (family == AF_INET6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_addr = in6addr_loopback;
    a->sin6_port = htons(port);
    return sizeof *a;
  }
  struct sockaddr_in *a = (struct sockaddr_in *)ss;
  a->sin_family = AF_INET;
  a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a->sin_port = htons(port);
  return sizeof *a;
}

static int port_of(const struct sockaddr_storage *ss)
{
  return ntohs(family == AF_INET6 ? ((const struct sockaddr_in6 *)ss)->sin6_port
                                  : ((const struct sockaddr_in *)ss)->sin_port);
}

static void wait_for(int fd, short ev, const char *what)
{
  struct pollfd p = {fd, ev, 0};
  int r = poll(&p, 1, WAIT_MS);
  if (r == 0) {
    printf("%s: timed out\n", what);
    exit(1);
  }
  if (r < 0)
    die(what);
}

static unsigned char pattern(int i)
{
  return (unsigned char)(i * 7 + i / 251);
}

static int server(const char *portfile)
{
  int l = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (l < 0)
    die("socket");
  int one = 1;
  if (setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
    die("setsockopt");
  struct sockaddr_storage ss;
  socklen_t len = loopback(&ss, 0);
  if (bind(l, (struct sockaddr *)&ss, len) < 0)
    die("bind");
  if (listen(l, 1) < 0)
    die("listen");
  len = sizeof ss;
  if (getsockname(l, (struct sockaddr *)&ss, &len) < 0)
    die("getsockname");
  /* Written whole, then renamed: the client never sees half a number. */
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", portfile);
  FILE *f = fopen(tmp, "w");
  if (!f || fprintf(f, "%d\n", port_of(&ss)) < 0 || fclose(f) != 0 || rename(tmp, portfile) < 0)
    die("portfile");
  printf("server: listening, name length %u\n", len);
  wait_for(l, POLLIN, "accept");
  struct sockaddr_storage peer;
  socklen_t plen = sizeof peer;
  int c = accept4(l, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
  if (c < 0)
    die("accept");
  char txt[64];
  inet_ntop(family, family == AF_INET6 ? (void *)&((struct sockaddr_in6 *)&peer)->sin6_addr
                                       : (void *)&((struct sockaddr_in *)&peer)->sin_addr,
            txt, sizeof txt);
  printf("server: peer %s, length %u\n", txt, plen);
  int nodelay = 1;
  setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof nodelay);
  long total = 0;
  unsigned sum = 0;
  char buf[8192];
  for (;;) {
    wait_for(c, POLLIN, "read");
    ssize_t n = recv(c, buf, sizeof buf, 0);
    if (n < 0)
      die("recv");
    if (n == 0)
      break;
    for (ssize_t i = 0; i < n; i++)
      sum = sum * 31 + (unsigned char)buf[i];
    for (ssize_t off = 0; off < n;) {
      ssize_t w = send(c, buf + off, n - off, MSG_NOSIGNAL);
      if (w < 0)
        die("send");
      off += w;
    }
    total += n;
  }
  printf("server: echoed %ld bytes, sum %08x\n", total, sum);
  if (shutdown(c, SHUT_WR) < 0)
    die("shutdown");
  close(c);
  close(l);
  return 0;
}

static int client(const char *portfile)
{
  int port = 0;
  for (int tries = 0; tries < WAIT_MS / 10; tries++) {
    FILE *f = fopen(portfile, "r");
    if (f) {
      int ok = fscanf(f, "%d", &port) == 1;
      fclose(f);
      if (ok)
        break;
    }
    nanosleep(&(struct timespec){0, 10000000}, NULL);
  }
  if (!port) {
    printf("client: no port file\n");
    return 1;
  }
  int s = socket(family, SOCK_STREAM, 0);
  if (s < 0)
    die("socket");
  struct sockaddr_storage ss;
  socklen_t len = loopback(&ss, port);
  if (connect(s, (struct sockaddr *)&ss, len) < 0)
    die("connect");
  struct sockaddr_storage peer;
  socklen_t plen = sizeof peer;
  if (getpeername(s, (struct sockaddr *)&peer, &plen) < 0)
    die("getpeername");
  printf("client: connected, peer port matches %d\n", port_of(&peer) == port);
  static unsigned char out[TOTAL], in[TOTAL];
  for (int i = 0; i < TOTAL; i++)
    out[i] = pattern(i);
  /* Four quarters, four ways. */
  int q = TOTAL / 4;
  struct iovec iov[3] = {{out + q, 100}, {out + q + 100, 1000}, {out + q + 1100, q - 1100}};
  struct msghdr m = {.msg_iov = iov, .msg_iovlen = 3};
  ssize_t sent[4];
  sent[0] = send(s, out, q, 0);
  sent[1] = writev(s, iov, 3);
  iov[0] = (struct iovec){out + 2 * q, q};
  m.msg_iovlen = 1;
  sent[2] = sendmsg(s, &m, 0);
  sent[3] = sendto(s, out + 3 * q, q, 0, NULL, 0);
  for (int i = 0; i < 4; i++)
    if (sent[i] != q) {
      printf("client: part %d sent %zd\n", i, sent[i]);
      return 1;
    }
  if (shutdown(s, SHUT_WR) < 0)
    die("shutdown");
  long got = 0;
  while (got < TOTAL) {
    wait_for(s, POLLIN, "read");
    ssize_t n = recv(s, in + got, TOTAL - got, 0);
    if (n < 0)
      die("recv");
    if (n == 0)
      break;
    got += n;
  }
  char extra;
  wait_for(s, POLLIN, "eof");
  ssize_t end = recv(s, &extra, 1, 0);
  printf("client: sent %d, got %ld back, same %d, then eof %d\n", TOTAL, got,
         got == TOTAL && memcmp(in, out, TOTAL) == 0, end == 0);
  close(s);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc != 4 || (strcmp(argv[2], "4") && strcmp(argv[2], "6"))) {
    fprintf(stderr, "usage: net_tcp server|client 4|6 PORTFILE\n");
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  family = argv[2][0] == '6' ? AF_INET6 : AF_INET;
  alarm(30);
  if (!strcmp(argv[1], "server"))
    return server(argv[3]);
  if (!strcmp(argv[1], "client"))
    return client(argv[3]);
  return 2;
}

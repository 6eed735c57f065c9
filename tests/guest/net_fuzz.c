/* The socket syscalls with hostile arguments: bad, read-only, unmapped, misaligned and huge
 * pointers, lengths, flags and option numbers, against a few real sockets (all nonblocking,
 * so nothing waits). Whatever the kernel answers, the program must come out alive and print
 * "done 1". No pointer reaches memory that could hold a usable address, so nothing is ever
 * sent beyond the machine. Run it in an empty directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define XORSHIFT_SEED 0x9e3779b97f4a7c15ull
#include "xorshift.h"

static const long calls[] = {
  SYS_socket, SYS_socketpair, SYS_bind, SYS_listen, SYS_accept, SYS_accept4, SYS_connect,
  SYS_getsockname, SYS_getpeername, SYS_sendto, SYS_recvfrom, SYS_setsockopt, SYS_getsockopt,
  SYS_shutdown, SYS_sendmsg, SYS_recvmsg, SYS_sendmmsg, SYS_recvmmsg,
};

int main(int argc, char **argv)
{
  uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 0;
  if (seed)
    rng = seed;
  signal(SIGPIPE, SIG_IGN);
  alarm(60);
  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  /* The only writable memory the pointers reach: one page with a hole after it. */
  char *three = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(three + 4096, 4096);
  char *buf = three;
  /* Real sockets to aim at: a listener, a connected pair, UDP, Unix. */
  int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  bind(l, (struct sockaddr *)&a, sizeof a);
  listen(l, 8);
  int u = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  bind(u, (struct sockaddr *)&a, sizeof a);
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv);
  int top = sv[1] > u ? sv[1] : u;
  uint64_t ptrs[] = {0, 8, 4095, (uint64_t)ro, (uint64_t)(three + 4096),
                     (uint64_t)(three + 4096 - 3), (uint64_t)buf, (uint64_t)(buf + 100),
                     (uint64_t)(buf + 1), (uint64_t)(buf + 4096 - 56), 0x3fffffffff, 0x4000000000,
                     0xffffffffffffff00ull, (uint64_t)ro + 4090, (uint64_t)buf + 4096 - 64};
  uint64_t ints[] = {0, 1, 2, 3, (uint64_t)-1, 8, 16, 28, 56, 100, 110, 128, 129, 4096,
                     0x7fffffff, 0x80000000, 1024, 1025, (uint64_t)l, (uint64_t)u,
                     (uint64_t)sv[0], (uint64_t)sv[1], 0xffffffffffffull, 10, 17, 41, 270, 26,
                     20, 13, 0x800, 0x80000, 0x40, 0x40000000};
  int n = 0;
  for (int i = 0; i < 6000; i++) {
    long nr = calls[next() % (sizeof calls / sizeof calls[0])];
    uint64_t v[6];
    for (int k = 0; k < 6; k++)
      v[k] = (next() & 1) ? ptrs[next() % (sizeof ptrs / sizeof ptrs[0])]
                          : ints[next() % (sizeof ints / sizeof ints[0])];
    /* The buffers the kernel may read as addresses or messages: filled with 'A' (family
     * 0x4141, no such thing), or zero (AF_UNSPEC). */
    memset(buf, (next() & 1) ? 'A' : 0, 4096);
    if ((nr == SYS_shutdown || nr == SYS_listen) && v[0] <= 2)
      v[0] = u;
    syscall(nr, v[0], v[1], v[2], v[3], v[4], v[5]);
    n++;
    /* Whatever the call made (sockets, accepted or received fds) goes, so nothing can block
     * later and the table stays small. */
    for (int fd = top + 1; fd < 64; fd++)
      if (fcntl(fd, F_GETFD) >= 0)
        close(fd);
    /* Our own sockets stay nonblocking whatever was done to them. */
    int own[] = {l, u, sv[0], sv[1]};
    for (int k = 0; k < 4; k++)
      fcntl(own[k], F_SETFL, O_NONBLOCK);
  }
  printf("done %d\n", n > 1000);
  return 0;
}

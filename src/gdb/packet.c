/* The remote serial protocol's framing: $data#checksum packets, '+'/'-' acknowledgements
 * (until QStartNoAckMode), '}' escapes in binary data, a lone 0x03 for Ctrl-C. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdb/gdb_internal.h"

bool gdb_no_ack;
static pthread_mutex_t send_lock = PTHREAD_MUTEX_INITIALIZER;
static const char hexdig[] = "0123456789abcdef";

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static bool write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    p += w;
    n -= (size_t)w;
  }
  return true;
}

/* Buffered input: one recv fills it. */
static char inbuf[4096];
static size_t in_pos, in_len;

static int get_byte(int fd) {
  if (in_pos == in_len) {
    ssize_t r;
    do
      r = recv(fd, inbuf, sizeof inbuf, 0);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
      return -1;
    in_pos = 0;
    in_len = (size_t)r;
  }
  return (unsigned char)inbuf[in_pos++];
}

int gdb_get_packet(int fd, char *buf, size_t cap) {
  for (;;) {
    int c;
    do {
      c = get_byte(fd);
      if (c < 0)
        return -1;
      if (c == 0x03) {
        buf[0] = 0x03;
        buf[1] = 0;
        return 1;
      }
    } while (c != '$');   /* acks ('+', '-') and noise before a packet */
    size_t n = 0;
    unsigned sum = 0;
    bool overflow = false;
    while ((c = get_byte(fd)) >= 0 && c != '#') {
      sum += (unsigned)c;
      if (c == '}') {          /* escaped byte: the next one xor 0x20 */
        int e = get_byte(fd);
        if (e < 0)
          return -1;
        sum += (unsigned)e;
        c = e ^ 0x20;
      }
      if (n + 1 < cap)
        buf[n++] = (char)c;
      else
        overflow = true;
    }
    if (c < 0)
      return -1;
    int h = get_byte(fd), l = get_byte(fd);
    if (h < 0 || l < 0)
      return -1;
    bool ok = hexval(h) >= 0 && hexval(l) >= 0 &&
              (unsigned)(hexval(h) << 4 | hexval(l)) == (sum & 0xff) && !overflow;
    if (!gdb_no_ack) {
      pthread_mutex_lock(&send_lock);
      bool w = write_all(fd, ok ? "+" : "-", 1);
      pthread_mutex_unlock(&send_lock);
      if (!w)
        return -1;
      if (!ok)
        continue;   /* gdb sends it again */
    }
    buf[n] = 0;
    return (int)n;
  }
}

bool gdb_put_packet(int fd, const char *data, size_t len) {
  static char out[2 * GDB_PACKET_MAX + 8];
  pthread_mutex_lock(&send_lock);
  size_t n = 0;
  unsigned sum = 0;
  out[n++] = '$';
  for (size_t i = 0; i < len && n < sizeof out - 4; i++) {
    char c = data[i];
    if (c == '$' || c == '#' || c == '}' || c == '*') {
      out[n++] = '}';
      sum += '}';
      c ^= 0x20;
    }
    out[n++] = c;
    sum += (unsigned char)c;
  }
  out[n++] = '#';
  out[n++] = hexdig[(sum >> 4) & 15];
  out[n++] = hexdig[sum & 15];
  /* In ack mode gdb answers '+' (read and skipped by gdb_get_packet) or, for a damaged
   * packet, '-': on loopback that does not happen, so the packet is not kept to resend. */
  bool ok = write_all(fd, out, n);
  pthread_mutex_unlock(&send_lock);
  return ok;
}

bool gdb_put_str(int fd, const char *s) {
  return gdb_put_packet(fd, s, strlen(s));
}

char *gdb_hex_bytes(char *out, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    *out++ = hexdig[b[i] >> 4];
    *out++ = hexdig[b[i] & 15];
  }
  *out = 0;
  return out;
}

bool gdb_unhex_bytes(const char *in, void *p, size_t n) {
  unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    int h = hexval(in[2 * i]), l = h < 0 ? -1 : hexval(in[2 * i + 1]);
    if (h < 0 || l < 0)
      return false;
    b[i] = (unsigned char)(h << 4 | l);
  }
  return true;
}

bool gdb_parse_hex(const char **s, uint64_t *v) {
  const char *p = *s;
  uint64_t x = 0;
  int d, k = 0;
  while ((d = hexval(*p)) >= 0 && k < 16) {
    x = x << 4 | (unsigned)d;
    p++;
    k++;
  }
  if (k == 0 || hexval(*p) >= 0)
    return false;
  *s = p;
  *v = x;
  return true;
}

/* The gdb server: waits for gdb on 127.0.0.1:PORT, then a thread of its own (not a guest
 * thread: every signal blocked) answers gdb's packets whenever the guest is stopped, and
 * watches the socket for Ctrl-C while it runs. What it answers: docs/ARCHITECTURE.md, the gdb
 * section. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "exc/exc.h"
#include "gdb/gdb_internal.h"
#include "interp/interp.h"
#include "mem/mem.h"
#include "os/os.h"
#include "os/thread.h"
#include "util/options.h"

#define SOCK_FD_MIN 700   /* out of the way of the guest's own descriptors */

static int sock = -1;
static char pkt[GDB_PACKET_MAX + 1];
static char reply[2 * GDB_PACKET_MAX + 64];
static size_t reply_bin;       /* a binary reply's length (qXfer data may hold NULs); 0: text */
static gdb_event last;         /* the last stop reported */
static int g_tid, c_tid;       /* Hg and Hc: 0 for "the thread of the last stop" */

/* ---- threads ---- */

static bool thread_alive(int tid) {
  os_thread_lock();
  bool ok = os_thread_find(tid) != NULL;
  os_thread_unlock();
  return ok;
}

/* The thread register packets mean: Hg's, else the last stop's, else the first. Returns it
 * with the thread list locked (the caller unlocks), or NULL (unlocked). */
static rv_cpu *regs_thread(void) {
  os_thread_lock();
  os_thread *t = g_tid > 0 ? os_thread_find(g_tid) : NULL;
  if (!t)
    t = os_thread_find(last.tid);
  if (!t)
    t = os_thread_all();
  if (!t) {
    os_thread_unlock();
    return NULL;
  }
  return &t->cpu;
}

static int any_tid(void) {
  if (thread_alive(last.tid))
    return last.tid;
  os_thread_lock();
  os_thread *t = os_thread_all();
  int tid = t ? t->tid : 0;
  os_thread_unlock();
  return tid;
}

/* "-1" (all), "0" (any) or a hex tid. */
static bool parse_tid(const char *s, int *tid) {
  uint64_t v;
  if (strcmp(s, "-1") == 0) {
    *tid = -1;
    return true;
  }
  if (!gdb_parse_hex(&s, &v) || *s || v > 0x7fffffff)
    return false;
  *tid = (int)v;
  return true;
}

static void thread_list(void) {
  char *p = reply;
  *p++ = 'm';
  os_thread_lock();
  for (os_thread *t = os_thread_all(); t && p < reply + sizeof reply - 24; t = t->next)
    p += sprintf(p, "%s%x", p == reply + 1 ? "" : ",", t->tid);
  os_thread_unlock();
  *p = 0;
  if (p == reply + 1)
    strcpy(reply, "l");
}

/* ---- stop replies ---- */

static void stop_reply(const gdb_event *e) {
  int n = sprintf(reply, "T%02x", gdb_sig_to_gdb(e->sig));
  if (e->watch_hit)
    n += sprintf(reply + n, "watch:%llx;", (unsigned long long)e->watch);
  sprintf(reply + n, "thread:%x;", e->tid);
}

/* ---- memory ---- */

static void read_memory(uint64_t addr, uint64_t len) {
  if (len > GDB_PACKET_MAX / 2)
    len = GDB_PACKET_MAX / 2;
  char *p = reply;
  uint64_t done = 0;
  while (done < len) {
    uint64_t a = addr + done, n = len - done, room = GUEST_PAGE - (a & (GUEST_PAGE - 1));
    if (n > room)
      n = room;
    const void *h = a < GUEST_SIZE ? mem_guest_ptr(a, n, PROT_READ) : NULL;
    if (!h)
      break;
    p = gdb_hex_bytes(p, h, n);
    done += n;
  }
  if (done == 0 && len > 0)
    strcpy(reply, "E14");   /* EFAULT */
}

static void write_memory(uint64_t addr, const void *data, uint64_t len) {
  void *h = addr < GUEST_SIZE && len <= GUEST_SIZE - addr ? mem_guest_ptr(addr, len, PROT_WRITE)
                                                          : NULL;
  if (!h && len) {
    strcpy(reply, "E14");
    return;
  }
  memcpy(h, data, len);
  /* Decoded blocks and translations of changed code must go (the stepper decodes afresh;
   * the engines run it again after a detach). */
  int prot = len ? mem_prot_at(addr) : 0;
  if (prot > 0 && (prot & PROT_EXEC))
    interp_flush_all();
  strcpy(reply, "OK");
}

/* "addr,len" then the terminator c; *s moves past it. */
static bool parse_addr_len(const char **s, uint64_t *addr, uint64_t *len, char c) {
  if (!gdb_parse_hex(s, addr) || **s != ',')
    return false;
  (*s)++;
  if (!gdb_parse_hex(s, len) || **s != c)
    return false;
  if (c)
    (*s)++;
  return true;
}

/* ---- qXfer ---- */

static void xfer(const char *data, size_t size, const char *range) {
  uint64_t off, len;
  if (!parse_addr_len(&range, &off, &len, 0)) {
    strcpy(reply, "E00");
    return;
  }
  if (len > GDB_PACKET_MAX - 2)
    len = GDB_PACKET_MAX - 2;
  if (off >= size) {
    strcpy(reply, "l");
    return;
  }
  size_t n = size - off < len ? size - off : len;
  reply[0] = off + n < size ? 'm' : 'l';
  memcpy(reply + 1, data + off, n);
  reply[1 + n] = 0;
  reply_bin = 1 + n;
}

/* ---- resuming ---- */

/* "c", "C sig", "s", "S sig" with an optional ";tid" (vCont) or ":addr" ignored. */
static bool resume_action(const char *a, int *action, int *sig, const char **rest) {
  uint64_t g = 0;
  *sig = 0;
  switch (*a) {
  case 'c': *action = GDB_CONT; a++; break;
  case 's': *action = GDB_STEP; a++; break;
  case 'C': case 'S':
    *action = *a == 'C' ? GDB_CONT : GDB_STEP;
    a++;
    if (!gdb_parse_hex(&a, &g))
      return false;
    *sig = gdb_sig_from_gdb((int)g);
    break;
  default:
    return false;
  }
  *rest = a;
  return true;
}

/* vCont;ACTION[:tid];ACTION[:tid]... Returns false for a malformed one. */
static bool vcont(const char *s) {
  while (*s == ';') {
    int action, sig;
    const char *rest;
    if (!resume_action(s + 1, &action, &sig, &rest))
      return false;
    int tid = 0;
    if (*rest == ':') {
      char buf[24];
      size_t n = strcspn(rest + 1, ";");
      if (n >= sizeof buf)
        return false;
      memcpy(buf, rest + 1, n);
      buf[n] = 0;
      if (!parse_tid(buf, &tid))
        return false;
      if (tid == -1)
        tid = 0;
      rest += 1 + n;
    }
    gdb_set_action(tid, action, sig);
    s = rest;
  }
  return *s == 0;
}

/* c/s/C/S: the Hc thread (or the last stop's) does it, the others continue. */
static void legacy_resume(int action, int sig, uint64_t *addr) {
  int tid = c_tid > 0 ? c_tid : last.tid;
  if (addr) {
    rv_cpu *cpu = regs_thread();
    if (cpu) {
      cpu->pc = *addr;
      os_thread_unlock();
    }
  }
  gdb_set_action(tid, action, sig);
  gdb_set_action(0, GDB_CONT, 0);
}

/* ---- the packets ---- */

/* The rest of p after prefix, or NULL if p does not start with it. */
static const char *after(const char *p, const char *prefix) {
  size_t n = strlen(prefix);
  return strncmp(p, prefix, n) == 0 ? p + n : NULL;
}

enum { SERVE, RESUMED, DETACHED };

static int handle(const char *p, int len) {
  uint64_t addr, n;
  const char *s = p + 1;
  reply[0] = 0;
  reply_bin = 0;
  switch (p[0]) {
  case '?':
    stop_reply(&last);
    break;
  case 'q':
    if (strncmp(p, "qSupported", 10) == 0) {
      sprintf(reply, "PacketSize=%x;qXfer:features:read+;qXfer:exec-file:read+;"
              "qXfer:auxv:read+;QStartNoAckMode+;vContSupported+", GDB_PACKET_MAX);
    } else if ((s = after(p, "qXfer:features:read:target.xml:"))) {
      xfer(gdb_target_xml, strlen(gdb_target_xml), s);
    } else if ((s = after(p, "qXfer:auxv:read::"))) {
      /* The auxv exec left on the guest stack (what /proc/self/auxv shows): gdb finds a PIE's
       * load address by AT_ENTRY and the dynamic linker's r_debug by AT_PHDR and AT_BASE. */
      size_t size;
      const void *auxv = os_proc_auxv(&size);
      if (size)
        xfer(auxv, size, s);
      else
        strcpy(reply, "E01");
    } else if ((s = after(p, "qXfer:exec-file:read:"))) {
      const char *colon = strchr(s, ':');
      const char *exe = rvx_opts.exe_real ? rvx_opts.exe_real : "";
      if (colon)
        xfer(exe, strlen(exe), colon + 1);
      else
        strcpy(reply, "E00");
    } else if (strcmp(p, "qfThreadInfo") == 0) {
      thread_list();
    } else if (strcmp(p, "qsThreadInfo") == 0) {
      strcpy(reply, "l");
    } else if (strcmp(p, "qC") == 0) {
      sprintf(reply, "QC%x", any_tid());
    } else if (strncmp(p, "qSymbol:", 8) == 0) {
      strcpy(reply, "OK");
    }
    break;
  case 'Q':
    if (strcmp(p, "QStartNoAckMode") == 0) {
      gdb_put_str(sock, "OK");
      gdb_no_ack = true;   /* from the next packet on */
      return SERVE;
    }
    break;
  case 'H': {
    int tid;
    if ((p[1] == 'g' || p[1] == 'c') && parse_tid(p + 2, &tid) && (tid <= 0 || thread_alive(tid))) {
      *(p[1] == 'g' ? &g_tid : &c_tid) = tid;
      strcpy(reply, "OK");
    } else {
      strcpy(reply, "E01");
    }
    break;
  }
  case 'T': {
    int tid;
    strcpy(reply, parse_tid(s, &tid) && tid > 0 && thread_alive(tid) ? "OK" : "E01");
    break;
  }
  case 'g': {
    rv_cpu *cpu = regs_thread();
    if (!cpu) {
      strcpy(reply, "E01");
      break;
    }
    gdb_regs_get(cpu, reply);
    os_thread_unlock();
    break;
  }
  case 'G': {
    rv_cpu *cpu = regs_thread();
    if (!cpu) {
      strcpy(reply, "E01");
      break;
    }
    strcpy(reply, gdb_regs_set(cpu, s) ? "OK" : "E01");
    os_thread_unlock();
    break;
  }
  case 'p':
  case 'P': {
    uint64_t r;
    if (!gdb_parse_hex(&s, &r) || (p[0] == 'p' ? *s != 0 : *s != '=')) {
      strcpy(reply, "E01");
      break;
    }
    rv_cpu *cpu = regs_thread();
    if (!cpu) {
      strcpy(reply, "E01");
      break;
    }
    bool ok = r < 4096 && (p[0] == 'p' ? gdb_reg_get(cpu, (unsigned)r, reply) != NULL
                                       : gdb_reg_set(cpu, (unsigned)r, s + 1));
    os_thread_unlock();
    strcpy(reply, !ok ? "E01" : p[0] == 'P' ? "OK" : reply);
    break;
  }
  case 'm':
    if (parse_addr_len(&s, &addr, &n, 0))
      read_memory(addr, n);
    else
      strcpy(reply, "E01");
    break;
  case 'M': {
    static uint8_t data[GDB_PACKET_MAX];
    if (!parse_addr_len(&s, &addr, &n, ':') || n > sizeof data || strlen(s) < 2 * n ||
        !gdb_unhex_bytes(s, data, n))
      strcpy(reply, "E01");
    else
      write_memory(addr, data, n);
    break;
  }
  case 'X':
    if (!parse_addr_len(&s, &addr, &n, ':') || (uint64_t)(p + len - s) < n)
      strcpy(reply, "E01");
    else
      write_memory(addr, s, n);
    break;
  case 'Z':
  case 'z': {
    uint64_t kind;
    if (!(p[1] >= '0' && p[1] <= '2') || p[2] != ',') {
      break;   /* read and access watchpoints: not supported (empty reply) */
    }
    s = p + 3;
    if (!parse_addr_len(&s, &addr, &kind, 0)) {
      strcpy(reply, "E01");
      break;
    }
    bool ok;
    if (p[1] == '2')
      ok = p[0] == 'Z' ? gdb_watch_add(addr, kind) : gdb_watch_del(addr, kind);
    else   /* software and "hardware" breakpoints are the same here */
      ok = p[0] == 'Z' ? gdb_bp_add(addr) : (gdb_bp_del(addr), true);
    strcpy(reply, ok ? "OK" : "E01");
    break;
  }
  case 'c':
  case 's':
    if (*s && !gdb_parse_hex(&s, &addr))
      return SERVE;
    legacy_resume(p[0] == 'c' ? GDB_CONT : GDB_STEP, 0, p[1] ? &addr : NULL);
    return RESUMED;
  case 'C':
  case 'S': {
    uint64_t sig;
    if (!gdb_parse_hex(&s, &sig))
      return SERVE;
    bool has_addr = *s == ';' && (s++, gdb_parse_hex(&s, &addr));
    legacy_resume(p[0] == 'C' ? GDB_CONT : GDB_STEP, gdb_sig_from_gdb((int)sig),
                  has_addr ? &addr : NULL);
    return RESUMED;
  }
  case 'v':
    if (strcmp(p, "vCont?") == 0) {
      strcpy(reply, "vCont;c;C;s;S");
    } else if (strncmp(p, "vCont;", 6) == 0) {
      if (vcont(p + 5))
        return RESUMED;
      strcpy(reply, "E01");
    } else if (strncmp(p, "vKill", 5) == 0) {
      gdb_put_str(sock, "OK");
      gdb_on = false;
      exc_die_by_signal(SIGKILL);
    }
    break;
  case 'k':
    gdb_on = false;
    exc_die_by_signal(SIGKILL);
  case 'D':
    gdb_put_str(sock, "OK");
    return DETACHED;
  default:
    break;
  }
  if (reply_bin)
    gdb_put_packet(sock, reply, reply_bin);
  else
    gdb_put_str(sock, reply);
  reply_bin = 0;
  return SERVE;
}

/* No breakpoints any more, and no block cut at one (gdb_block) once every thread has gone
 * through its next block lookup. */
static void points_forget(void) {
  pthread_mutex_lock(&gdb_lock);
  gdb_points_clear();
  if (gdb_bps_changed())
    interp_flush_all();
  pthread_mutex_unlock(&gdb_lock);
}

static void detach(void) {
  points_forget();
  gdb_release_all();
  close(sock);
  sock = -1;
}

static void *server_main(void *arg) {
  (void)arg;
  for (;;) {
    gdb_event ev;
    if (!gdb_wait_stopped(&ev, sock)) {
      /* gdb spoke while the guest runs: Ctrl-C, or it went away */
      int r = gdb_get_packet(sock, pkt, sizeof pkt);
      if (r < 0) {
        detach();
        return NULL;
      }
      if (pkt[0] == 0x03)
        gdb_request_stop(any_tid(), SIGINT);
      continue;
    }
    bool initial = last.tid == 0;
    last = ev;
    /* gdb takes the thread of a stop reply as the one register packets now mean (it sends
     * no Hg for it): so does the stub, as gdbserver does. */
    g_tid = c_tid = 0;
    if (!initial) {
      stop_reply(&ev);
      if (!gdb_put_str(sock, reply)) {
        detach();
        return NULL;
      }
    }
    for (;;) {
      int r = gdb_get_packet(sock, pkt, sizeof pkt);
      if (r < 0) {
        detach();
        return NULL;
      }
      if (pkt[0] == 0x03)
        continue;   /* already stopped */
      int what = handle(pkt, r);
      if (what == RESUMED) {
        gdb_resume();
        break;
      }
      if (what == DETACHED) {
        detach();
        return NULL;
      }
    }
  }
}

/* ---- start and end ---- */

static void fork_prepare(void) { pthread_mutex_lock(&gdb_lock); }
static void fork_parent(void) { pthread_mutex_unlock(&gdb_lock); }
static void fork_child(void) {
  gdb_stop_after_fork();
  points_forget();   /* the child runs without the debugger */
  if (sock >= 0)
    close(sock);
  sock = -1;
}

void gdb_start(int port) {
  int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                           .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
      bind(ls, (struct sockaddr *)&a, sizeof a) < 0 || listen(ls, 1) < 0) {
    fprintf(stderr, "rvx: gdb: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(errno));
    exit(1);
  }
  int s;
  do
    s = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
  while (s < 0 && errno == EINTR);
  if (s < 0) {
    fprintf(stderr, "rvx: gdb: accept: %s\n", strerror(errno));
    exit(1);
  }
  close(ls);
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sock = fcntl(s, F_DUPFD_CLOEXEC, SOCK_FD_MIN);
  if (sock < 0)
    sock = s;
  else
    close(s);

  os_thread *first = os_thread_all();
  gdb_stop_init(first ? first->tid : 0);
  pthread_atfork(fork_prepare, fork_parent, fork_child);
  /* The server takes no guest signal: they are for the guest threads. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pthread_t th;
  int e = pthread_create(&th, NULL, server_main, NULL);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (e) {
    fprintf(stderr, "rvx: gdb: cannot start the server thread: %s\n", strerror(e));
    exit(1);
  }
  pthread_detach(th);
}

void gdb_exit(int status) {
  if (!gdb_on || sock < 0)
    return;
  char buf[8];
  snprintf(buf, sizeof buf, "W%02x", status & 0xff);
  gdb_put_str(sock, buf);
  gdb_on = false;
}

void gdb_exit_signal(int sig) {
  if (!gdb_on || sock < 0)
    return;
  char buf[8];
  snprintf(buf, sizeof buf, "X%02x", gdb_sig_to_gdb(sig) & 0xff);
  gdb_put_str(sock, buf);
  gdb_on = false;
}

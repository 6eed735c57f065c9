/* --strace: one line per guest syscall on stderr, strace style, e.g.
 *   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *   read(3, "root:x:0:0:root:/root:/bin/bash\n"..., 4096) = 1234
 *   openat(AT_FDCWD, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory)
 * Arguments are decoded by the format string of the syscall's table row. Guest memory is only
 * read through the checked helpers; a bad pointer is shown as its value. */
#define _GNU_SOURCE
#include "os/os_impl.h"
#include "util/log.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define STR_LIMIT 32     /* bytes of a data buffer shown, as strace's default -s 32 */
#define PATH_LIMIT 120   /* paths are shown whole up to this */

typedef struct flag_name {
  uint64_t bit;
  const char *name;
} flag_name;

/* Appends to buf (size n) at *pos; output is cut at the end of buf. */
static void put(char *buf, size_t n, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t n, size_t *pos, const char *fmt, ...)
{
  if (*pos >= n)
    return;
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(buf + *pos, n - *pos, fmt, ap);
  va_end(ap);
  if (k > 0)
    *pos = *pos + (size_t)k < n ? *pos + (size_t)k : n - 1;
}

/* Quoted, escaped string of n bytes; `more` adds strace's ... after the closing quote. */
static void put_quoted(char *buf, size_t n, size_t *pos, const uint8_t *s, size_t len, bool more)
{
  put(buf, n, pos, "\"");
  for (size_t i = 0; i < len; i++) {
    if (*pos + 10 >= n) {   /* no room for another escape and the closing quote */
      more = true;
      break;
    }
    uint8_t c = s[i];
    switch (c) {
    case '\n': put(buf, n, pos, "\\n"); break;
    case '\t': put(buf, n, pos, "\\t"); break;
    case '\r': put(buf, n, pos, "\\r"); break;
    case '\v': put(buf, n, pos, "\\v"); break;
    case '\f': put(buf, n, pos, "\\f"); break;
    case '"': put(buf, n, pos, "\\\""); break;
    case '\\': put(buf, n, pos, "\\\\"); break;
    default:
      if (c >= 0x20 && c < 0x7f) {
        put(buf, n, pos, "%c", c);
      } else {
        /* Octal, minimal unless a digit follows (then it would read as part of it). */
        bool digit_next = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9';
        put(buf, n, pos, digit_next ? "\\%03o" : "\\%o", c);
      }
    }
  }
  put(buf, n, pos, more ? "\"..." : "\"");
}

static void put_ptr(char *buf, size_t n, size_t *pos, uint64_t v)
{
  if (v == 0)
    put(buf, n, pos, "NULL");
  else
    put(buf, n, pos, "0x%" PRIx64, v);
}

/* A data buffer of len bytes at g (shown up to STR_LIMIT), or its address if unreadable. */
static void put_data(char *buf, size_t n, size_t *pos, uint64_t g, uint64_t len)
{
  uint64_t shown = len < STR_LIMIT ? len : STR_LIMIT;
  const uint8_t *h = os_obj(g, shown, PROT_READ);
  if (!h || (len > 0 && g == 0))
    put_ptr(buf, n, pos, g);
  else
    put_quoted(buf, n, pos, h, shown, len > shown);
}

static void put_string(char *buf, size_t n, size_t *pos, uint64_t g, size_t max)
{
  const char *s;
  const uint8_t *h;
  size_t lim = max < PATH_LIMIT ? max : PATH_LIMIT;
  if (g != 0 && os_str(g, lim, &s) == 0)
    put_quoted(buf, n, pos, (const uint8_t *)s, strlen(s), false);
  else if (g != 0 && (h = os_obj(g, lim, PROT_READ)))
    put_quoted(buf, n, pos, h, lim, true);
  else
    put_ptr(buf, n, pos, g);
}

/* OR of names for the set bits of v; what no name covers is shown in hex. */
static void put_flags(char *buf, size_t n, size_t *pos, uint64_t v, const flag_name *t,
                      const char *zero)
{
  bool any = false;
  for (; t->name; t++) {
    if (t->bit && (v & t->bit) == t->bit) {
      put(buf, n, pos, "%s%s", any ? "|" : "", t->name);
      any = true;
      v &= ~t->bit;
    }
  }
  if (v || !any) {
    if (!any && v == 0 && zero)
      put(buf, n, pos, "%s", zero);
    else
      put(buf, n, pos, "%s0x%" PRIx64, any ? "|" : "", v);
  }
}

/* Name for value v from a table of exact values, or the number. */
static void put_enum(char *buf, size_t n, size_t *pos, int64_t v, const flag_name *t)
{
  for (; t->name; t++) {
    if ((int64_t)t->bit == v) {
      put(buf, n, pos, "%s", t->name);
      return;
    }
  }
  put(buf, n, pos, "%" PRId64, v);
}

static const flag_name open_flags[] = {
  {0100, "O_CREAT"}, {0200, "O_EXCL"}, {0400, "O_NOCTTY"}, {01000, "O_TRUNC"},
  {02000, "O_APPEND"}, {04000, "O_NONBLOCK"}, {04010000, "O_SYNC"}, {010000, "O_DSYNC"},
  {020000, "O_ASYNC"}, {040000, "O_DIRECT"}, {0100000, "O_LARGEFILE"},
  {020200000, "O_TMPFILE"}, {0200000, "O_DIRECTORY"}, {0400000, "O_NOFOLLOW"},
  {01000000, "O_NOATIME"}, {02000000, "O_CLOEXEC"}, {010000000, "O_PATH"}, {0, NULL}};
static const flag_name prot_flags[] = {
  {1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}, {0x01000000, "PROT_GROWSDOWN"},
  {0x02000000, "PROT_GROWSUP"}, {0, NULL}};
static const flag_name map_flags[] = {
  {0x10, "MAP_FIXED"}, {0x20, "MAP_ANONYMOUS"}, {0x100, "MAP_GROWSDOWN"},
  {0x800, "MAP_DENYWRITE"}, {0x1000, "MAP_EXECUTABLE"}, {0x2000, "MAP_LOCKED"},
  {0x4000, "MAP_NORESERVE"}, {0x8000, "MAP_POPULATE"}, {0x10000, "MAP_NONBLOCK"},
  {0x20000, "MAP_STACK"}, {0x40000, "MAP_HUGETLB"}, {0x80000, "MAP_SYNC"},
  {0x100000, "MAP_FIXED_NOREPLACE"}, {0, NULL}};
static const flag_name map_types[] = {
  {1, "MAP_SHARED"}, {2, "MAP_PRIVATE"}, {3, "MAP_SHARED_VALIDATE"}, {0, NULL}};
static const flag_name at_flags[] = {
  {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_REMOVEDIR"}, {0x400, "AT_SYMLINK_FOLLOW"},
  {0x800, "AT_NO_AUTOMOUNT"}, {0x1000, "AT_EMPTY_PATH"}, {0x2000, "AT_STATX_FORCE_SYNC"},
  {0x4000, "AT_STATX_DONT_SYNC"}, {0x8000, "AT_RECURSIVE"}, {0, NULL}};
static const flag_name at_flags_access[] = {
  {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_EACCESS"}, {0x1000, "AT_EMPTY_PATH"}, {0, NULL}};
static const flag_name clocks[] = {
  {0, "CLOCK_REALTIME"}, {1, "CLOCK_MONOTONIC"}, {2, "CLOCK_PROCESS_CPUTIME_ID"},
  {3, "CLOCK_THREAD_CPUTIME_ID"}, {4, "CLOCK_MONOTONIC_RAW"}, {5, "CLOCK_REALTIME_COARSE"},
  {6, "CLOCK_MONOTONIC_COARSE"}, {7, "CLOCK_BOOTTIME"}, {8, "CLOCK_REALTIME_ALARM"},
  {9, "CLOCK_BOOTTIME_ALARM"}, {11, "CLOCK_TAI"}, {0, NULL}};
static const flag_name whences[] = {
  {0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"}, {3, "SEEK_DATA"}, {4, "SEEK_HOLE"},
  {0, NULL}};
static const flag_name fcntl_cmds[] = {
  {0, "F_DUPFD"}, {1, "F_GETFD"}, {2, "F_SETFD"}, {3, "F_GETFL"}, {4, "F_SETFL"},
  {5, "F_GETLK"}, {6, "F_SETLK"}, {7, "F_SETLKW"}, {8, "F_SETOWN"}, {9, "F_GETOWN"},
  {10, "F_SETSIG"}, {11, "F_GETSIG"}, {15, "F_SETOWN_EX"}, {16, "F_GETOWN_EX"},
  {17, "F_GETOWNER_UIDS"}, {36, "F_OFD_GETLK"}, {37, "F_OFD_SETLK"}, {38, "F_OFD_SETLKW"},
  {1024, "F_SETLEASE"}, {1025, "F_GETLEASE"}, {1026, "F_NOTIFY"}, {1030, "F_DUPFD_CLOEXEC"},
  {1031, "F_SETPIPE_SZ"}, {1032, "F_GETPIPE_SZ"}, {1033, "F_ADD_SEALS"},
  {1034, "F_GET_SEALS"}, {0, NULL}};
static const flag_name ioctls[] = {
  {0x5401, "TCGETS"}, {0x5402, "TCSETS"}, {0x5403, "TCSETSW"}, {0x5404, "TCSETSF"},
  {0x540f, "TIOCGPGRP"}, {0x5410, "TIOCSPGRP"}, {0x5413, "TIOCGWINSZ"},
  {0x5414, "TIOCSWINSZ"}, {0x541b, "FIONREAD"}, {0x5421, "FIONBIO"}, {0x5450, "FIONCLEX"},
  {0x5451, "FIOCLEX"}, {0, NULL}};
static const flag_name rlimits[] = {
  {0, "RLIMIT_CPU"}, {1, "RLIMIT_FSIZE"}, {2, "RLIMIT_DATA"}, {3, "RLIMIT_STACK"},
  {4, "RLIMIT_CORE"}, {5, "RLIMIT_RSS"}, {6, "RLIMIT_NPROC"}, {7, "RLIMIT_NOFILE"},
  {8, "RLIMIT_MEMLOCK"}, {9, "RLIMIT_AS"}, {10, "RLIMIT_LOCKS"}, {11, "RLIMIT_SIGPENDING"},
  {12, "RLIMIT_MSGQUEUE"}, {13, "RLIMIT_NICE"}, {14, "RLIMIT_RTPRIO"}, {15, "RLIMIT_RTTIME"},
  {0, NULL}};
static const flag_name sig_hows[] = {
  {0, "SIG_BLOCK"}, {1, "SIG_UNBLOCK"}, {2, "SIG_SETMASK"}, {0, NULL}};

static void put_signal(char *buf, size_t n, size_t *pos, int64_t sig)
{
  const char *abbrev = sig > 0 && sig < 32 ? sigabbrev_np((int)sig) : NULL;
  if (abbrev)
    put(buf, n, pos, "SIG%s", abbrev);
  else if (sig >= 32 && sig <= G_NSIG)
    put(buf, n, pos, "SIGRT_%" PRId64, sig - 32);
  else
    put(buf, n, pos, "%" PRId64, sig);
}

/* Whether a format char is shown only after the call (its value is the call's output). */
static bool is_output(char k)
{
  return k == 'r' || k == 'S' || k == 'Q';
}

/* The argument kinds render() knows: keep in step with its switch. */
static const char arg_kinds[] = "iluxpfasbrSQoOmPMAgcwFIhL";

bool os_trace_fmt_ok(const char *fmt)
{
  return fmt[0] && strchr("dxon", fmt[0]) && fmt[1] == ':' &&
         strspn(fmt + 2, arg_kinds) == strlen(fmt + 2);
}

/* Renders argument i of kind k. `ret` is only meaningful for output kinds. */
static void render(const os_trace *t, int i, char k, int64_t ret, char *buf, size_t n)
{
  size_t pos = 0;
  uint64_t v = t->a[i];
  buf[0] = 0;
  switch (k) {
  case 'i': case 'f': put(buf, n, &pos, "%d", (int)v); break;
  case 'l': put(buf, n, &pos, "%" PRId64, (int64_t)v); break;
  case 'u': put(buf, n, &pos, "%" PRIu64, v); break;
  case 'x': put(buf, n, &pos, "0x%" PRIx64, v); break;
  case 'p': put_ptr(buf, n, &pos, v); break;
  case 'a':
    if ((int)v == G_AT_FDCWD)
      put(buf, n, &pos, "AT_FDCWD");
    else
      put(buf, n, &pos, "%d", (int)v);
    break;
  case 's': put_string(buf, n, &pos, v, 4095); break;
  case 'b': put_data(buf, n, &pos, v, i < 5 ? t->a[i + 1] : 0); break;
  case 'r':
    if (ret < 0)
      put_ptr(buf, n, &pos, v);
    else
      put_data(buf, n, &pos, v, (uint64_t)ret);
    break;
  case 'S':
    if (ret < 0)
      put_ptr(buf, n, &pos, v);
    else
      put_string(buf, n, &pos, v, i < 5 && t->a[i + 1] ? t->a[i + 1] - 1 : 0);
    break;
  case 'Q': {
    const void *h = ret == 0 ? os_obj(v, 8, PROT_READ) : NULL;
    int32_t fds[2];   /* the guest's int[2] need not be aligned */
    if (h && memcpy(fds, h, sizeof fds))
      put(buf, n, &pos, "[%d, %d]", fds[0], fds[1]);
    else
      put_ptr(buf, n, &pos, v);
    break;
  }
  case 'o': {
    static const char *acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    put(buf, n, &pos, "%s", acc[v & 3]);
    if (v & ~(uint64_t)3) {
      put(buf, n, &pos, "|");
      put_flags(buf, n, &pos, v & ~(uint64_t)3, open_flags, NULL);
    }
    break;
  }
  case 'O': put(buf, n, &pos, "0%" PRIo64, v & 07777); break;
  case 'm': put(buf, n, &pos, "0%" PRIo64, v); break;
  case 'P': put_flags(buf, n, &pos, v, prot_flags, "PROT_NONE"); break;
  case 'M':
    put_enum(buf, n, &pos, (int64_t)(v & 3), map_types);
    if (v & ~(uint64_t)3) {
      put(buf, n, &pos, "|");
      put_flags(buf, n, &pos, v & ~(uint64_t)3, map_flags, NULL);
    }
    break;
  case 'A':
    put_flags(buf, n, &pos, v,
              strcmp(t->def->name, "faccessat2") == 0 ? at_flags_access : at_flags, "0");
    break;
  case 'g': put_signal(buf, n, &pos, (int)v); break;
  case 'c': put_enum(buf, n, &pos, (int)v, clocks); break;
  case 'w': put_enum(buf, n, &pos, (int)v, whences); break;
  case 'F': put_enum(buf, n, &pos, (int)v, fcntl_cmds); break;
  case 'I': {
    size_t before = pos;
    put_enum(buf, n, &pos, (int64_t)(uint32_t)v, ioctls);
    if (buf[before] >= '0' && buf[before] <= '9') {   /* unnamed: show it in hex */
      pos = before;
      put(buf, n, &pos, "0x%" PRIx32, (uint32_t)v);
    }
    break;
  }
  case 'h': put_enum(buf, n, &pos, (int)v, sig_hows); break;
  case 'L': put_enum(buf, n, &pos, (int)v, rlimits); break;
  default: put(buf, n, &pos, "0x%" PRIx64, v); break;
  }
}

static const char *args_of(const os_trace *t)
{
  return t->def ? t->def->fmt + 2 : "xxxxxx";
}

void os_trace_begin(os_trace *t, const os_sysdef *def, uint64_t nr, const uint64_t a[6])
{
  t->def = def;
  t->nr = nr;
  memcpy(t->a, a, sizeof t->a);
  const char *f = args_of(t);
  for (int i = 0; f[i] && i < 6; i++)
    if (!is_output(f[i]))
      render(t, i, f[i], 0, t->args[i], sizeof t->args[i]);
}

void os_trace_end(os_trace *t, int64_t ret, bool returned)
{
  char line[6 * sizeof t->args[0] + 256];
  size_t n = sizeof line, pos = 0;
  const char *f = args_of(t);
  if (t->def)
    put(line, n, &pos, "%s(", t->def->name);
  else
    put(line, n, &pos, "syscall_%" PRIu64 "(", t->nr);
  for (int i = 0; f[i] && i < 6; i++) {
    /* A mode argument is only meaningful when the flags before it create a file. */
    if (f[i] == 'O' && !(i > 0 && (t->a[i - 1] & 0100 || (t->a[i - 1] & 020200000) == 020200000)))
      continue;
    if (returned && is_output(f[i]))
      render(t, i, f[i], ret, t->args[i], sizeof t->args[i]);
    else if (is_output(f[i]))
      snprintf(t->args[i], sizeof t->args[i], "0x%" PRIx64, t->a[i]);
    put(line, n, &pos, "%s%s", i ? ", " : "", t->args[i]);
  }
  char rk = t->def ? t->def->fmt[0] : 'd';
  if (!returned) {
    put(line, n, &pos, ") = ?");
  } else if (ret < 0 && ret >= -4095) {
    const char *name = strerrorname_np((int)-ret);
    const char *desc = strerrordesc_np((int)-ret);
    put(line, n, &pos, ") = -1 %s (%s)", name ? name : "E?", desc ? desc : "Unknown error");
    if (!t->def)
      put(line, n, &pos, " [unknown syscall %" PRIu64 ", not emulated by rvx]", t->nr);
  } else if (rk == 'x') {
    put(line, n, &pos, ") = 0x%" PRIx64, (uint64_t)ret);
  } else if (rk == 'o') {
    put(line, n, &pos, ") = 0%" PRIo64, (uint64_t)ret);
  } else {
    put(line, n, &pos, ") = %" PRId64, ret);
  }
  if (pos >= n - 1)
    pos = n - 2;
  line[pos++] = '\n';
  /* One write, so lines of the guest's own stderr output are never split by ours; to the
   * -D file when there is one. */
  log_write(line, pos);
}

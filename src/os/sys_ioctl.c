/* ioctl, driven by a table of argument layouts: one row per request rvx knows, naming how its
 * third argument is passed (none, a plain integer, or a pointer to an object of a given size
 * that the call reads, writes or both). The guest object is checked from the row; a bad one
 * reaches the host as an address the host kernel refuses, so EBADF, ENOTTY and EFAULT come in
 * Linux's order. Requests not in the table never reach the host (their argument might be a
 * pointer): ENOTTY, as Linux answers for a request the file does not know.
 *
 * Every struct below has the same layout on riscv64 and x86-64 (both use the asm-generic
 * ioctl numbers and termbits; conv.c asserts the layouts), so rows need no converter. A request
 * whose struct differs, or holds a pointer, needs its own code before it may get a row. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum arg_kind {
  ARG_NONE,    /* no argument: the host gets 0 */
  ARG_INT,     /* an integer, passed as it is */
  ARG_IN,      /* pointer to `size` bytes the call reads */
  ARG_OUT,     /* pointer to `size` bytes the call writes */
  ARG_INOUT,   /* pointer to `size` bytes the call reads and writes back */
};

typedef struct ioctl_row {
  uint32_t req;
  uint8_t kind;
  uint16_t size;
} ioctl_row;

/* _IOC encoding (asm-generic, used by both riscv64 and x86-64). */
#define IOC(dir, type, nr, size) \
  ((uint32_t)(dir) << 30 | (uint32_t)(size) << 16 | (uint32_t)(type) << 8 | (uint32_t)(nr))
#define IOR(type, nr, size) IOC(2, type, nr, size)
#define IOW(type, nr, size) IOC(1, type, nr, size)

/* struct termio (TCGETA/TCSETA*): four shorts, c_line, c_cc[8]; 18 bytes with padding. */
#define TERMIO_SIZE 18
/* struct ifreq: a 16-byte name and a 24-byte union, 40 bytes on every 64-bit Linux. */
#define IFREQ_SIZE 40
/* struct file_clone_range: src_fd (s64), src_offset, src_length, dest_offset (u64). */
#define FILE_CLONE_RANGE_SIZE 32

#define T sizeof(struct g_termios)
#define T2 sizeof(struct g_termios2)
#define W sizeof(struct g_winsize)

static const ioctl_row rows[] = {
  /* terminals */
  {0x5401, ARG_OUT, T},              /* TCGETS */
  {0x5402, ARG_IN, T},               /* TCSETS */
  {0x5403, ARG_IN, T},               /* TCSETSW */
  {0x5404, ARG_IN, T},               /* TCSETSF */
  {0x5405, ARG_OUT, TERMIO_SIZE},    /* TCGETA */
  {0x5406, ARG_IN, TERMIO_SIZE},     /* TCSETA */
  {0x5407, ARG_IN, TERMIO_SIZE},     /* TCSETAW */
  {0x5408, ARG_IN, TERMIO_SIZE},     /* TCSETAF */
  {0x5409, ARG_INT, 0},              /* TCSBRK */
  {0x540a, ARG_INT, 0},              /* TCXONC */
  {0x540b, ARG_INT, 0},              /* TCFLSH */
  {0x540c, ARG_NONE, 0},             /* TIOCEXCL */
  {0x540d, ARG_NONE, 0},             /* TIOCNXCL */
  {0x540e, ARG_INT, 0},              /* TIOCSCTTY (force) */
  {0x540f, ARG_OUT, 4},              /* TIOCGPGRP */
  {0x5410, ARG_IN, 4},               /* TIOCSPGRP */
  {0x5411, ARG_OUT, 4},              /* TIOCOUTQ */
  {0x5412, ARG_IN, 1},               /* TIOCSTI */
  {0x5413, ARG_OUT, W},              /* TIOCGWINSZ */
  {0x5414, ARG_IN, W},               /* TIOCSWINSZ */
  {0x5415, ARG_OUT, 4},              /* TIOCMGET */
  {0x5416, ARG_IN, 4},               /* TIOCMBIS */
  {0x5417, ARG_IN, 4},               /* TIOCMBIC */
  {0x5418, ARG_IN, 4},               /* TIOCMSET */
  {0x5419, ARG_OUT, 4},              /* TIOCGSOFTCAR */
  {0x541a, ARG_IN, 4},               /* TIOCSSOFTCAR */
  {0x541b, ARG_OUT, 4},              /* FIONREAD (TIOCINQ, SIOCINQ) */
  {0x5420, ARG_IN, 4},               /* TIOCPKT */
  {0x5421, ARG_IN, 4},               /* FIONBIO */
  {0x5422, ARG_NONE, 0},             /* TIOCNOTTY */
  {0x5423, ARG_IN, 4},               /* TIOCSETD */
  {0x5424, ARG_OUT, 4},              /* TIOCGETD */
  {0x5425, ARG_INT, 0},              /* TCSBRKP */
  {0x5427, ARG_NONE, 0},             /* TIOCSBRK */
  {0x5428, ARG_NONE, 0},             /* TIOCCBRK */
  {0x5429, ARG_OUT, 4},              /* TIOCGSID */
  {IOR('T', 0x2a, T2), ARG_OUT, T2}, /* TCGETS2 */
  {IOW('T', 0x2b, T2), ARG_IN, T2},  /* TCSETS2 */
  {IOW('T', 0x2c, T2), ARG_IN, T2},  /* TCSETSW2 */
  {IOW('T', 0x2d, T2), ARG_IN, T2},  /* TCSETSF2 */
  {IOR('T', 0x30, 4), ARG_OUT, 4},   /* TIOCGPTN */
  {IOW('T', 0x31, 4), ARG_IN, 4},    /* TIOCSPTLCK */
  {IOR('T', 0x32, 4), ARG_OUT, 4},   /* TIOCGDEV */
  {IOW('T', 0x36, 4), ARG_INT, 0},   /* TIOCSIG (the signal number is the argument) */
  {IOR('T', 0x38, 4), ARG_OUT, 4},   /* TIOCGPKT */
  {IOR('T', 0x39, 4), ARG_OUT, 4},   /* TIOCGPTLCK */
  {IOR('T', 0x40, 4), ARG_OUT, 4},   /* TIOCGEXCL */
  {IOC(0, 'T', 0x41, 0), ARG_INT, 0},/* TIOCGPTPEER (open flags) */
  /* any file */
  {0x5450, ARG_NONE, 0},             /* FIONCLEX */
  {0x5451, ARG_NONE, 0},             /* FIOCLEX */
  {0x5452, ARG_IN, 4},               /* FIOASYNC */
  {0x5460, ARG_OUT, 8},              /* FIOQSIZE (loff_t) */
  {IOW(0x94, 9, 4), ARG_INT, 0},     /* FICLONE (the source fd is the argument) */
  {IOW(0x94, 13, FILE_CLONE_RANGE_SIZE), ARG_IN, FILE_CLONE_RANGE_SIZE}, /* FICLONERANGE */
  {IOR('f', 1, 8), ARG_OUT, 4},      /* FS_IOC_GETFLAGS (declared long, the kernel uses int) */
  {IOW('f', 2, 8), ARG_IN, 4},       /* FS_IOC_SETFLAGS */
  {IOR('R', 0, 4), ARG_OUT, 4},      /* RNDGETENTCNT */
  /* sockets: struct ifreq without pointers */
  {0x8910, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFNAME */
  {0x8913, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFFLAGS */
  {0x8915, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFADDR */
  {0x8919, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFBRDADDR */
  {0x891b, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFNETMASK */
  {0x8921, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFMTU */
  {0x8927, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFHWADDR */
  {0x8933, ARG_INOUT, IFREQ_SIZE},   /* SIOCGIFINDEX */
  {0x8905, ARG_OUT, 4},              /* SIOCATMARK */
};

static const ioctl_row *find_row(uint32_t req)
{
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    if (rows[i].req == req)
      return &rows[i];
  return NULL;
}

int64_t os_sys_ioctl(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int fd = (int)a[0];
  /* The kernel takes the request as unsigned int: the upper half of the register is noise. */
  uint32_t req = (uint32_t)a[1];
  const ioctl_row *row = find_row(req);
  if (!row)
    return fcntl(fd, F_GETFD) < 0 ? -EBADF : -ENOTTY;
  unsigned long arg;
  switch (row->kind) {
  case ARG_NONE: arg = 0; break;
  case ARG_INT: arg = (unsigned long)a[2]; break;
  case ARG_IN: arg = (unsigned long)os_arg(a[2], row->size, PROT_READ); break;
  case ARG_OUT: arg = (unsigned long)os_arg(a[2], row->size, PROT_WRITE); break;
  default: arg = (unsigned long)os_arg(a[2], row->size, PROT_READ | PROT_WRITE); break;
  }
  return os_ret(syscall(SYS_ioctl, fd, (unsigned long)req, arg));
}

/* Terminal ioctls on a pseudo-terminal of the program's own: posix_openpt, grantpt, unlockpt,
 * ptsname (TIOCGPTN, TIOCSPTLCK), tcgetattr/tcsetattr (TCGETS, TCSETS*), the window size
 * (TIOCGWINSZ/TIOCSWINSZ), FIONREAD, FIONBIO, FIOCLEX/FIONCLEX, TIOCGPGRP, unknown requests. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "../io/io_common.h"

int main(int argc, char **argv)
{
  /* qemu-riscv64 answers unknown requests with ENOSYS, not Linux's ENOTTY. */
  int like_qemu = argc > 1 && !strcmp(argv[1], "qemu");
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  SAY("posix_openpt ok %d", m >= 0);
  if (m < 0)
    return 1;
  T(grantpt(m));
  T(unlockpt(m));
  const char *name = ptsname(m);
  SAY("ptsname ok %d", name && !strncmp(name, "/dev/pts/", 9));
  unsigned ptn = 12345;
  T(ioctl(m, TIOCGPTN, &ptn));
  SAY("ptn matches name %d", name && (unsigned)atoi(name + 9) == ptn);
  int s = open(name, O_RDWR | O_NOCTTY);
  SAY("slave open ok %d", s >= 0);
  T(isatty(s));
  T(isatty(1));

  struct termios t;
  T(tcgetattr(s, &t));
  SAY("canonical %d echo %d", !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO));
  cfmakeraw(&t);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  T(cfsetospeed(&t, B9600));
  T(tcsetattr(s, TCSANOW, &t));
  struct termios u;
  T(tcgetattr(s, &u));
  SAY("raw: canonical %d echo %d opost %d vmin %d speed 9600 %d", !!(u.c_lflag & ICANON),
      !!(u.c_lflag & ECHO), !!(u.c_oflag & OPOST), u.c_cc[VMIN], cfgetospeed(&u) == B9600);
  u.c_lflag |= ICANON | ECHO;
  T(tcsetattr(s, TCSADRAIN, &u));
  T(tcsetattr(s, TCSAFLUSH, &u));
  T(tcgetattr(s, &t));
  SAY("back: canonical %d echo %d", !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO));

  struct winsize ws = {0, 0, 0, 0};
  T(ioctl(s, TIOCGWINSZ, &ws));
  SAY("winsize %d %d", ws.ws_row, ws.ws_col);
  struct winsize set = {40, 132, 800, 600};
  T(ioctl(m, TIOCSWINSZ, &set));
  T(ioctl(s, TIOCGWINSZ, &ws));
  SAY("winsize %d %d %d %d", ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel);

  /* Data from the master side reaches the slave (canonical mode: after the newline). */
  T(write(m, "hello\n", 6));
  T(tcdrain(m));
  int n = -1;
  usleep(20000);
  T(ioctl(s, FIONREAD, &n));
  SAY("FIONREAD %d", n);
  char b[16] = {0};
  T(read(s, b, sizeof b));
  SAY("slave read [%.5s]", b);
  int on = 1;
  T(ioctl(s, FIONBIO, &on));
  T(fcntl(s, F_GETFL) & O_NONBLOCK);
  T(read(s, b, sizeof b));
  on = 0;
  T(ioctl(s, FIONBIO, &on));
  T(fcntl(s, F_GETFL) & O_NONBLOCK);
  T(ioctl(s, FIOCLEX));
  T(fcntl(s, F_GETFD));
  T(ioctl(s, FIONCLEX));
  T(fcntl(s, F_GETFD));
  pid_t pg = 0;
  T(ioctl(s, TIOCGPGRP, &pg));
  T(tcflush(s, TCIOFLUSH));
  T(tcsendbreak(m, 0) >= -1);
  if (!like_qemu) {
    T(ioctl(s, 0x54ff, 0));
    T(ioctl(s, 0x12345678, &n));
  }
  int lock = 1;
  T(ioctl(m, TIOCSPTLCK, &lock));
  T(open(name, O_RDWR | O_NOCTTY));
  close(s);
  close(m);
  return 0;
}

/* Readiness and event descriptors: poll/ppoll/select/pselect on pipes, eventfd and timerfd;
 * epoll (the 64-bit data of every event must come back intact); timerfd settime/gettime;
 * signalfd with a blocked signal the program raises itself; inotify events for create,
 * modify, delete. Run in an empty temporary directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "../io/io_common.h"

static void polls(void)
{
  int p[2];
  T(pipe2(p, O_NONBLOCK));
  struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  T(poll(pf, 2, 0));
  SAY("revents %#x %#x", pf[0].revents, pf[1].revents);
  T(write(p[1], "xy", 2));
  T(poll(pf, 2, 0));
  SAY("revents %#x %#x", pf[0].revents, pf[1].revents);
  struct timespec zero = {0, 0};
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR2);
  T(ppoll(pf, 1, &zero, &mask));
  SAY("revents %#x", pf[0].revents);
  fd_set r, w;
  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_SET(p[0], &r);
  FD_SET(p[1], &w);
  struct timeval tv = {0, 0};
  T(select(p[1] + 1, &r, &w, NULL, &tv));
  SAY("select r %d w %d", FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
  char b[4];
  T(read(p[0], b, 4));
  FD_ZERO(&r);
  FD_SET(p[0], &r);
  T(pselect(p[0] + 1, &r, NULL, NULL, &zero, &mask));
  SAY("pselect r %d", FD_ISSET(p[0], &r));
  close(p[1]);
  pf[0].revents = 0;
  T(poll(pf, 1, 0));
  SAY("after close revents %#x", pf[0].revents);
  close(p[0]);
  /* A short wait that times out: nothing but time passes. */
  struct timespec ts = {0, 20 * 1000 * 1000};
  T(ppoll(NULL, 0, &ts, NULL));
}

static void eventfds(void)
{
  int e = eventfd(3, EFD_NONBLOCK);
  uint64_t v = 0;
  T(read(e, &v, 8));
  SAY("eventfd value %llu", (unsigned long long)v);
  T(read(e, &v, 8));
  v = 5;
  T(write(e, &v, 8));
  struct pollfd pf = {e, POLLIN, 0};
  T(poll(&pf, 1, 0));
  close(e);
  e = eventfd(2, EFD_SEMAPHORE | EFD_CLOEXEC);
  T(read(e, &v, 8));
  SAY("semaphore value %llu", (unsigned long long)v);
  T(fcntl(e, F_GETFD));
  close(e);
}

static void timerfds(void)
{
  int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  SAY("timerfd ok %d", t >= 0);
  struct itimerspec its = {{0, 0}, {0, 200 * 1000 * 1000}}, cur, old;
  T(timerfd_settime(t, 0, &its, NULL));
  T(timerfd_gettime(t, &cur));
  SAY("armed: value in (0, 200ms] %d, interval 0 %d",
      cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
          cur.it_value.tv_nsec <= 200 * 1000 * 1000,
      cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0);
  uint64_t n;
  T(read(t, &n, 8));
  struct pollfd pf = {t, POLLIN, 0};
  T(poll(&pf, 1, 2000));
  T(read(t, &n, 8));
  SAY("expirations %llu", (unsigned long long)n);
  struct itimerspec per = {{0, 10 * 1000 * 1000}, {0, 10 * 1000 * 1000}};
  T(timerfd_settime(t, 0, &per, &old));
  SAY("old value 0 %d", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
  struct itimerspec stop = {{0, 0}, {0, 0}};
  T(timerfd_settime(t, 0, &stop, &old));
  SAY("old interval 10ms %d", old.it_interval.tv_nsec == 10 * 1000 * 1000);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  struct itimerspec abs = {{0, 0}, {now.tv_sec - 1, 0}};
  T(timerfd_settime(t, TFD_TIMER_ABSTIME, &abs, NULL));
  T(read(t, &n, 8));
  close(t);
}

static int cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Prints the events of one wait, sorted by data (the order of simultaneous events is not part
 * of the interface). */
static void show_events(const char *what, int n, struct epoll_event *ev)
{
  uint64_t k[16];
  for (int i = 0; i < n && i < 16; i++)
    k[i] = ev[i].data.u64 ^ ((uint64_t)ev[i].events << 60);
  qsort(k, n > 0 ? n : 0, sizeof k[0], cmp_u64);
  printf("%s: %d", what, n);
  for (int i = 0; i < n && i < 16; i++)
    printf(" [%#llx]", (unsigned long long)k[i]);
  printf("\n");
  fflush(stdout);
}

static void epolls(void)
{
  int ep = epoll_create1(EPOLL_CLOEXEC);
  T(fcntl(ep, F_GETFD));
  int p[2];
  pipe2(p, O_NONBLOCK);
  int e = eventfd(0, EFD_NONBLOCK);
  int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct epoll_event ev = {EPOLLIN, {.u64 = 0x1122334455667788ull}};
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
  ev.data.u64 = 0x0000000200000001ull;
  T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
  ev.data.u64 = 0x0abcdef012345678ull;
  T(epoll_ctl(ep, EPOLL_CTL_ADD, t, &ev));
  struct epoll_event out[8];
  int n = epoll_wait(ep, out, 8, 0);
  show_events("nothing ready", n, out);
  write(p[1], "a", 1);
  n = epoll_wait(ep, out, 8, 0);
  show_events("pipe", n, out);
  uint64_t one = 1;
  write(e, &one, 8);
  struct itimerspec its = {{0, 0}, {0, 1000 * 1000}};
  timerfd_settime(t, 0, &its, NULL);
  struct timespec ms5 = {0, 5 * 1000 * 1000};
  nanosleep(&ms5, NULL);
  n = epoll_wait(ep, out, 8, 1000);
  show_events("all three", n, out);
  n = epoll_wait(ep, out, 1, 0);
  show_events("maxevents 1", n, out);
  /* Edge-triggered: reported once until new data arrives. */
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u64 = 0xfeedfacecafebeefull;
  T(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
  T(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL));
  T(epoll_ctl(ep, EPOLL_CTL_DEL, t, NULL));
  n = epoll_wait(ep, out, 8, 0);
  show_events("edge first", n, out);
  n = epoll_wait(ep, out, 8, 0);
  show_events("edge again", n, out);
  write(p[1], "b", 1);
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR2);
  n = epoll_pwait(ep, out, 8, 100, &mask);
  show_events("edge new data (pwait)", n, out);
  struct timespec zero = {0, 0};
  n = epoll_pwait2(ep, out, 8, &zero, NULL);
  show_events("pwait2 nothing", n, out);
  ev.events = EPOLLOUT | EPOLLONESHOT;
  ev.data.u64 = 42;
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
  struct timespec ms10 = {0, 10 * 1000 * 1000};
  n = epoll_pwait2(ep, out, 8, &ms10, &mask);
  show_events("oneshot", n, out);
  n = epoll_pwait2(ep, out, 8, &zero, NULL);
  show_events("oneshot again", n, out);
  /* An epoll fd inside another. */
  int ep2 = epoll_create1(0);
  ev.events = EPOLLIN;
  ev.data.u64 = 7;
  T(epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &ev));
  write(p[1], "c", 1);
  n = epoll_wait(ep2, out, 8, 0);
  show_events("nested", n, out);
  close(ep2);
  close(ep);
  close(p[0]);
  close(p[1]);
  close(e);
  close(t);
}

static void signalfds(void)
{
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  T(sigprocmask(SIG_BLOCK, &mask, NULL));
  int s = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  SAY("signalfd ok %d", s >= 0);
  struct signalfd_siginfo si;
  T(read(s, &si, sizeof si));
  struct pollfd pf = {s, POLLIN, 0};
  T(poll(&pf, 1, 0));
  T(raise(SIGUSR1));
  T(poll(&pf, 1, 0));
  sigset_t pend;
  sigpending(&pend);
  SAY("pending %d", sigismember(&pend, SIGUSR1));
  T(read(s, &si, sizeof si));
  SAY("signo %u code %d pid ok %d uid ok %d", si.ssi_signo, si.ssi_code,
      si.ssi_pid == (uint32_t)getpid(), si.ssi_uid == (uint32_t)getuid());
  T(read(s, &si, sizeof si));
  /* A second signal in the set, added to the same descriptor by its fd. */
  sigaddset(&mask, SIGUSR2);
  T(sigprocmask(SIG_BLOCK, &mask, NULL));
  T(signalfd(s, &mask, 0) == s);
  T(kill(getpid(), SIGUSR2));
  T(read(s, &si, sizeof si));
  SAY("signo %u code %d", si.ssi_signo, si.ssi_code);
  close(s);
  T(sigprocmask(SIG_UNBLOCK, &mask, NULL));
}

static void inotifies(void)
{
  int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  SAY("inotify ok %d", in >= 0);
  mkdir("watched", 0755);
  int wd = inotify_add_watch(in, "watched", IN_CREATE | IN_MODIFY | IN_DELETE | IN_CLOSE_WRITE);
  SAY("watch ok %d", wd >= 0);
  char buf[4096] __attribute__((aligned(8)));
  T(read(in, buf, sizeof buf));
  int fd = open("watched/f", O_CREAT | O_WRONLY, 0644);
  write(fd, "x", 1);
  close(fd);
  unlink("watched/f");
  ssize_t n = read(in, buf, sizeof buf);
  for (ssize_t off = 0; off < n;) {
    struct inotify_event *ev = (struct inotify_event *)(buf + off);
    SAY("event wd ok %d mask %#x name %s", ev->wd == wd, ev->mask, ev->len ? ev->name : "");
    off += sizeof *ev + ev->len;
  }
  T(inotify_rm_watch(in, wd));
  n = read(in, buf, sizeof buf);
  if (n > 0)
    SAY("after rm: mask %#x", ((struct inotify_event *)buf)->mask);
  T(inotify_rm_watch(in, wd));
  close(in);
}

int main(int argc, char **argv)
{
  const char *only = argc > 1 ? argv[1] : "";
  if (!*only || !strcmp(only, "poll"))
    polls();
  if (!*only || !strcmp(only, "eventfd"))
    eventfds();
  if (!*only || !strcmp(only, "timerfd"))
    timerfds();
  if (!*only || !strcmp(only, "epoll"))
    epolls();
  if (!*only || !strcmp(only, "signalfd"))
    signalfds();
  if (!*only || !strcmp(only, "inotify"))
    inotifies();
  return 0;
}

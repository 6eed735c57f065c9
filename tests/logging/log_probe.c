/* Guest for tests/suites/46-logging.sh: does one of each thing the -d items log (a signal
 * to a handler, an unimplemented syscall, an illegal instruction, mmap/mprotect/munmap),
 * after closing every descriptor above 2 as daemons do (the -D log must survive that), then
 * forks and execs itself ("child"). Prints what the test compares the log with. */
#define _GNU_SOURCE
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf back;

void on_usr1(int sig) { (void)sig; }
void on_ill(int sig) { (void)sig; siglongjmp(back, 1); }

/* The open descriptors, but the directory stream's own. */
static void print_fds(void)
{
  DIR *d = opendir("/proc/self/fd");
  if (!d) {
    printf("fds: cannot list\n");
    return;
  }
  printf("fds:");
  struct dirent *e;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
      printf(" %s", e->d_name);
  printf("\n");
  closedir(d);
}

int main(int argc, char **argv)
{
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    printf("child ran\n");
    return 0;
  }
  syscall(SYS_close_range, 3, ~0u, 0);
  print_fds();
  signal(SIGUSR1, on_usr1);
  raise(SIGUSR1);
  printf("on_usr1 %p\n", (void *)on_usr1);
  printf("syscall 999: %ld\n", syscall(999));
  signal(SIGILL, on_ill);
  if (!sigsetjmp(back, 1))
    __asm__ volatile(".2byte 0");   /* the all-zero parcel: always illegal */
  printf("after SIGILL\n");
  char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return 3;
  mprotect(p, 4096, PROT_READ);
  munmap(p, 8192);
  printf("mapped %p\n", (void *)p);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    execl("/proc/self/exe", argv[0], "child", (char *)NULL);
    _exit(127);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  printf("child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}

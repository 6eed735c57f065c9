/* execve("/proc/self/exe") runs the program itself again (the guest program under rvx, not
 * rvx's own executable), with the arguments given; the parent reports the child's status. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  if (argc > 1) {
    printf("again: %s %s\n", argv[0], argv[1]);
    return 3;
  }
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    execl("/proc/self/exe", "selfexec-child", "arg1", (char *)0);
    perror("execl");
    _exit(9);
  }
  int st;
  if (waitpid(p, &st, 0) != p)
    return 1;
  printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}

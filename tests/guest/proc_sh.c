/* A mini shell: runs one pipeline given as arguments, "prog args | prog args | ...", with
 * pipe, dup2, fork, execve and waitpid, then prints how each stage ended. Programs are named
 * by path (no PATH search). Built for riscv64 and natively (the oracle). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_STAGES 8

int main(int argc, char **argv)
{
  char **stage[MAX_STAGES];
  int n = 0;
  stage[n++] = &argv[1];
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "|") == 0) {
      argv[i] = NULL;
      if (n == MAX_STAGES)
        return 2;
      stage[n++] = &argv[i + 1];
    }
  pid_t pids[MAX_STAGES];
  int in = -1;
  for (int s = 0; s < n; s++) {
    int p[2] = {-1, -1};
    if (s + 1 < n && pipe(p) < 0) {
      perror("pipe");
      return 2;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
      perror("fork");
      return 2;
    }
    if (pid == 0) {
      if (in >= 0) {
        dup2(in, 0);
        close(in);
      }
      if (p[1] >= 0) {
        dup2(p[1], 1);
        close(p[1]);
        close(p[0]);
      }
      execve(stage[s][0], stage[s], environ);
      fprintf(stderr, "sh: %s: %s\n", stage[s][0], strerror(errno));
      _exit(127);
    }
    pids[s] = pid;
    if (in >= 0)
      close(in);
    if (p[1] >= 0)
      close(p[1]);
    in = p[0];
  }
  int last = 0;
  for (int s = 0; s < n; s++) {
    int st;
    if (waitpid(pids[s], &st, 0) != pids[s]) {
      perror("waitpid");
      return 2;
    }
    if (WIFEXITED(st))
      printf("stage %d: exit %d\n", s, last = WEXITSTATUS(st));
    else
      printf("stage %d: signal %d\n", s, WTERMSIG(st));
  }
  return last;
}

/* Runs a command and writes how it ended into a file, "exit N" or "signal N", since a shell's
 * $? cannot tell exit(139) from death by SIGSEGV:  runsig OUTFILE COMMAND [ARGS...] */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  if (argc < 3)
    return 2;
  pid_t pid = fork();
  if (pid == 0) {
    execvp(argv[2], &argv[2]);
    _exit(127);
  }
  int st;
  if (pid < 0 || waitpid(pid, &st, 0) < 0)
    return 2;
  FILE *f = fopen(argv[1], "w");
  if (!f)
    return 2;
  if (WIFSIGNALED(st))
    fprintf(f, "signal %d\n", WTERMSIG(st));
  else
    fprintf(f, "exit %d\n", WEXITSTATUS(st));
  fclose(f);
  return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

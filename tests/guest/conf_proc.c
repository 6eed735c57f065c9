/* Confinement: the ways a process reaches its own or another process's memory from the
 * outside. /proc/PID/mem and .../task/TID/mem (under any name: self, thread-self, our pid, a
 * dirfd, a symlink, dots and double slashes, O_PATH) and map_files are refused, for our pid
 * and for a child's and the parent's (every rvx process's memory is rvx's); ptrace,
 * process_vm_readv/writev, kcmp and pidfd_getfd are not emulated (ENOSYS). Other /proc files
 * still open. Prints one line per case and "FAIL ..." for a wrong answer; exits 0 without. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, long r, int want)
{
  int e = r < 0 ? errno : 0;
  printf("%s: %s\n", what, r < 0 ? strerror(e) : "ok");
  if (e != want) {
    printf("FAIL %s: got %s, want %s\n", what, r < 0 ? strerror(e) : "success",
           want ? strerror(want) : "success");
    failures++;
  }
  if (r >= 0 && want == 0 && strncmp(what, "open", 4) == 0)
    close((int)r);
}

static void try_open(const char *label, const char *path, int flags, int want)
{
  char what[256];
  snprintf(what, sizeof what, "open %s %s", label, flags == O_RDONLY ? "r" :
           flags == O_RDWR ? "rw" : flags == O_WRONLY ? "w" : "path");
  errno = 0;
  check(what, open(path, flags), want);
}

/* Every spelling of PID's mem file. */
static void mem_files(const char *who, int pid)
{
  char p[128], label[160];
  static const int modes[] = {O_RDONLY, O_RDWR, O_WRONLY, O_PATH};
  for (int m = 0; m < 4; m++) {
    snprintf(p, sizeof p, "/proc/%d/mem", pid);
    snprintf(label, sizeof label, "%s /proc/PID/mem", who);
    try_open(label, p, modes[m], EACCES);
  }
  snprintf(p, sizeof p, "/proc/%d/task/%d/mem", pid, pid);
  snprintf(label, sizeof label, "%s /proc/PID/task/PID/mem", who);
  try_open(label, p, O_RDWR, EACCES);
  snprintf(p, sizeof p, "//proc/./%d/../%d///mem", pid, pid);
  snprintf(label, sizeof label, "%s //proc/./PID/../PID///mem", who);
  try_open(label, p, O_RDWR, EACCES);
  snprintf(p, sizeof p, "/proc/%d", pid);
  int dfd = open(p, O_RDONLY | O_DIRECTORY);
  errno = 0;
  snprintf(label, sizeof label, "openat %s dirfd /proc/PID, \"mem\"", who);
  check(label, openat(dfd, "mem", O_RDWR), EACCES);
  close(dfd);
}

int main(void)
{
  int me = getpid();
  try_open("/proc/self/mem", "/proc/self/mem", O_RDONLY, EACCES);
  try_open("/proc/self/mem", "/proc/self/mem", O_RDWR, EACCES);
  try_open("/proc/thread-self/mem", "/proc/thread-self/mem", O_RDWR, EACCES);
  mem_files("self", me);
  char link[] = "/tmp/rvx-conf-memlink-XXXXXX";
  int lfd = mkstemp(link);
  close(lfd);
  unlink(link);
  if (symlink("/proc/self/mem", link) == 0) {
    try_open("symlink to /proc/self/mem", link, O_RDWR, EACCES);
    unlink(link);
  }
  /* map_files, the directory itself, by name and through a symlink (its entries could only
   * be named by listing it). */
  try_open("/proc/self/map_files", "/proc/self/map_files", O_RDONLY, EPERM);
  if (symlink("/proc/self/map_files", link) == 0) {
    try_open("symlink to /proc/self/map_files", link, O_RDONLY, EPERM);
    unlink(link);
  }
  /* map_files: each entry is a mapping of rvx's (host addresses). */
  DIR *d = opendir("/proc/self/map_files");
  int entries = 0, refused = 0;
  for (struct dirent *e; d && (e = readdir(d));) {
    if (e->d_name[0] == '.')
      continue;
    entries++;
    char p[300];
    snprintf(p, sizeof p, "/proc/self/map_files/%s", e->d_name);
    int fd = open(p, O_RDONLY);
    if (fd < 0 && (errno == EPERM || errno == EACCES || errno == ENOENT))
      refused++;
    else if (fd >= 0)
      close(fd);
  }
  if (d)
    closedir(d);
  printf("map_files: %d entries, %d refused\n", entries, refused);
  if (refused != entries) {
    printf("FAIL map_files: %d of %d entries opened\n", entries - refused, entries);
    failures++;
  }

  /* A child's memory (another rvx) and, from the child, the parent's. */
  int sync[2];
  if (pipe(sync))
    return 1;
  pid_t child = fork();
  if (child == 0) {
    close(sync[0]);
    int bad = 0;
    char p[64];
    snprintf(p, sizeof p, "/proc/%d/mem", me);
    int fd = open(p, O_RDWR);
    if (fd >= 0 || errno != EACCES)
      bad = 1;
    (void)!write(sync[1], &bad, sizeof bad);
    pause();
    _exit(0);
  }
  close(sync[1]);
  int child_bad = 1;
  (void)!read(sync[0], &child_bad, sizeof child_bad);
  check("child opens /proc/PARENT/mem", child_bad ? 0 : (errno = EACCES, -1), EACCES);
  mem_files("child", child);
  kill(child, SIGKILL);
  waitpid(child, NULL, 0);

  char buf[64];
  struct iovec local = { buf, sizeof buf }, remote = { buf, sizeof buf };
  errno = 0;
  check("process_vm_readv self", syscall(SYS_process_vm_readv, me, &local, 1, &remote, 1, 0),
        ENOSYS);
  errno = 0;
  check("process_vm_writev self",
        syscall(SYS_process_vm_writev, me, &local, 1, &remote, 1, 0), ENOSYS);
  errno = 0;
  check("ptrace TRACEME", syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0), ENOSYS);
  errno = 0;
  check("ptrace ATTACH parent", syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, getppid(), 0, 0),
        ENOSYS);
  errno = 0;
  check("kcmp", syscall(SYS_kcmp, me, me, 0, 0, 0), ENOSYS);
  errno = 0;
  check("pidfd_getfd", syscall(SYS_pidfd_getfd, 0, 0, 0), ENOSYS);

  /* The guest's own views still open. */
  try_open("/proc/self/maps", "/proc/self/maps", O_RDONLY, 0);
  try_open("/proc/self/status", "/proc/self/status", O_RDONLY, 0);
  try_open("/proc/self/pagemap", "/proc/self/pagemap", O_RDONLY, 0);
  printf("%d failures\n", failures);
  return failures != 0;
}

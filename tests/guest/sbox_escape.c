/* Escape attempts from inside rvx --sandbox (tests/suites/94-sandbox.sh sets up the root and
 * an outside directory holding secret.txt = "SECRET"). Prints "ok NAME" when the attempt
 * fails as designed, "ESCAPE NAME: why" when it does not. argv[1]: the outside directory's
 * host path; fd 3: that directory, inherited. Modes: "escape" (default), "child" (run by
 * exec from the first: tries again from the new image), "net" (under --net=none). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/openat2.h>

static const char *outside;
static int bad;

static void result(const char *name, int ok, const char *why)
{
  if (ok) {
    printf("ok %s\n", name);
  } else {
    printf("ESCAPE %s: %s\n", name, why);
    bad++;
  }
}

/* Reads a file and says whether it holds the secret. */
static int reads_secret_at(int dirfd, const char *path, int *err)
{
  int fd = openat(dirfd, path, O_RDONLY);
  *err = fd < 0 ? errno : 0;
  if (fd < 0)
    return 0;
  char buf[64] = {0};
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  return n > 0 && strstr(buf, "SECRET") != NULL;
}

static void no_secret(const char *name, const char *path, int want_errno)
{
  int err;
  int leaked = reads_secret_at(AT_FDCWD, path, &err);
  char why[300];
  snprintf(why, sizeof why, "%s: %s (errno %d, want %d)", path,
           leaked ? "read the secret" : "wrong error", err, want_errno);
  result(name, !leaked && (want_errno < 0 || err == want_errno), why);
}

static void expect_errno(const char *name, long r, int want)
{
  char why[200];
  snprintf(why, sizeof why, "returned %ld errno %d (%s), want %d", r, r < 0 ? errno : 0,
           r < 0 ? strerror(errno) : "-", want);
  result(name, r < 0 && errno == want, why);
}

static void expect_ok(const char *name, long r)
{
  char why[200];
  snprintf(why, sizeof why, "failed: %s", strerror(errno));
  if (r >= 0)
    printf("ok %s\n", name);
  else {
    printf("FAILED %s: %s\n", name, why);
    bad++;
  }
}

static void same_file(const char *name, const char *a, const char *b)
{
  struct stat sa, sb;
  int ok = stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_ino == sb.st_ino &&
           sa.st_dev == sb.st_dev;
  result(name, ok, "not the same file");
}

static void paths(void)
{
  char p[PATH_MAX];
  /* absolute host path of the secret: names DIR/<that path>, which does not exist */
  snprintf(p, sizeof p, "%s/secret.txt", outside);
  no_secret("absolute_host_path", p, ENOENT);
  snprintf(p, sizeof p, "/../../../../../../..%s/secret.txt", outside);
  no_secret("dotdot_absolute", p, ENOENT);
  snprintf(p, sizeof p, "../../../../../../../..%s/secret.txt", outside);
  no_secret("dotdot_relative", p, ENOENT);
  same_file("dotdot_is_root", "/..", "/");
  same_file("dotdot_deep_is_root", "/sub/../../../..", "/");
  no_secret("symlink_absolute", "/abs_link", ENOENT);
  no_secret("symlink_relative", "/sub/rel_link", ENOENT);
  no_secret("symlink_dir_absolute", "/abs_dir_link/secret.txt", ENOENT);
  no_secret("symlink_chain", "/chain1", ENOENT);
  no_secret("symlink_loop", "/loop1", ELOOP);
  /* a symlink to /etc/passwd reads the sandbox's own /etc/passwd */
  int fd = open("/etc_link", O_RDONLY);
  char buf[64] = {0};
  if (fd >= 0) {
    if (read(fd, buf, sizeof buf - 1) < 0)
      buf[0] = 0;
    close(fd);
  }
  result("symlink_resolves_inside", strstr(buf, "SANDBOX PASSWD") != NULL, buf);
  /* stat, access, readlink, statfs of the links */
  struct stat st;
  expect_errno("stat_symlink_absolute", stat("/abs_link", &st), ENOENT);
  result("lstat_symlink", lstat("/abs_link", &st) == 0 && S_ISLNK(st.st_mode), "lstat");
  char lk[PATH_MAX] = {0};
  ssize_t n = readlink("/abs_link", lk, sizeof lk - 1);
  snprintf(p, sizeof p, "%s/secret.txt", outside);
  result("readlink_as_stored", n > 0 && strcmp(lk, p) == 0, lk);
  expect_errno("access_symlink_absolute", access("/abs_link", R_OK), ENOENT);
  struct statfs sf;
  expect_errno("statfs_symlink_dir", statfs("/abs_dir_link", &sf), ENOENT);
  expect_ok("statfs_root", statfs("/", &sf));
  /* /proc magic links */
  snprintf(p, sizeof p, "/proc/self/root%s/secret.txt", outside);
  no_secret("proc_self_root", p, -1);
  snprintf(p, sizeof p, "/proc/self/cwd/../../../../..%s/secret.txt", outside);
  no_secret("proc_self_cwd", p, -1);
  no_secret("proc_self_fd_dir", "/proc/self/fd/3/secret.txt", -1);
  no_secret("proc_link_in_root", "/proc_link/secret.txt", -1);
  char own[64];
  snprintf(own, sizeof own, "/proc/%d/root/%s/secret.txt", (int)getpid(), outside);
  no_secret("proc_pid_root", own, -1);
  /* the emulated views still work */
  fd = open("/proc/self/maps", O_RDONLY);
  result("proc_self_maps_emulated", fd >= 0, strerror(errno));
  if (fd >= 0)
    close(fd);
  n = readlink("/proc/self/exe", lk, sizeof lk - 1);
  if (n >= 0)
    lk[n] = 0;
  result("proc_self_exe_guest_path", n > 0 && strcmp(lk, "/bin/sbox_escape") == 0, lk);
  /* the inherited outside directory */
  expect_errno("inherited_dirfd_openat", openat(3, "secret.txt", O_RDONLY), EACCES);
  expect_errno("inherited_dirfd_fstatat", fstatat(3, "secret.txt", &st, 0), EACCES);
  expect_errno("inherited_dirfd_fchdir", fchdir(3), EACCES);
  expect_errno("inherited_dirfd_mkdirat", mkdirat(3, "made", 0755), EACCES);
  expect_errno("inherited_dirfd_unlinkat", unlinkat(3, "secret.txt", 0), EACCES);
  expect_errno("inherited_dirfd_linkat", linkat(3, "secret.txt", AT_FDCWD, "/stolen", 0), EACCES);
  expect_errno("inherited_dirfd_empty_path_link",
               linkat(3, "", AT_FDCWD, "/stolen2", AT_EMPTY_PATH), EACCES);
  struct open_how how = {.flags = O_RDONLY, .resolve = RESOLVE_BENEATH};
  expect_errno("inherited_dirfd_openat2_beneath",
               syscall(SYS_openat2, 3, "secret.txt", &how, sizeof how), EACCES);
  /* a dirfd obtained inside stays inside: ".." from /sub climbs only to / */
  int sub = open("/sub", O_RDONLY | O_DIRECTORY);
  snprintf(p, sizeof p, "../../../..%s/secret.txt", outside);
  int err;
  int leaked = reads_secret_at(sub, p, &err);
  result("dirfd_dotdot", !leaked && err == ENOENT, "dirfd ..");
  leaked = reads_secret_at(sub, "../etc/passwd", &err);
  result("dirfd_dotdot_inside_works", !leaked && err == 0, strerror(err));
  how.resolve = RESOLVE_IN_ROOT;
  long r = syscall(SYS_openat2, sub, "/rel_link", &how, sizeof how);
  result("openat2_guest_in_root", r < 0 && errno == ENOENT, "openat2 IN_ROOT at /sub");
  close(sub);
  /* working directory */
  expect_ok("chdir_sub", chdir("/sub"));
  char cwd[PATH_MAX];
  result("getcwd_guest_view", getcwd(cwd, sizeof cwd) && strcmp(cwd, "/sub") == 0, cwd);
  expect_ok("chdir_dotdot_many", chdir("../../../../.."));
  result("getcwd_root", getcwd(cwd, sizeof cwd) && strcmp(cwd, "/") == 0, cwd);
  expect_errno("chdir_symlink_outside", chdir("/abs_dir_link"), ENOENT);
  result("getcwd_still_root", getcwd(cwd, sizeof cwd) && strcmp(cwd, "/") == 0, cwd);
}

static void changes(void)
{
  char p[PATH_MAX];
  /* rename and link out of the root: the target resolves inside (no such directory) */
  int fd = open("/victim", O_CREAT | O_WRONLY, 0644);
  if (fd >= 0)
    close(fd);
  snprintf(p, sizeof p, "../../../../../..%s/stolen", outside);
  expect_errno("rename_out_dotdot", rename("/victim", p), ENOENT);
  expect_errno("rename_out_symlink", rename("/victim", "/abs_dir_link/stolen"), ENOENT);
  expect_errno("link_out_symlink", link("/victim", "/abs_dir_link/stolen_link"), ENOENT);
  expect_errno("link_in_through_symlink",
               linkat(AT_FDCWD, "/abs_link", AT_FDCWD, "/grabbed", AT_SYMLINK_FOLLOW), ENOENT);
  expect_ok("link_symlink_itself", linkat(AT_FDCWD, "/abs_link", AT_FDCWD, "/link_copy", 0));
  expect_ok("rename_inside", rename("/victim", "/sub/victim2"));
  /* a symlink is stored as given and resolved inside when followed */
  snprintf(p, sizeof p, "%s/secret.txt", outside);
  expect_ok("symlink_create", symlink(p, "/made_link"));
  no_secret("symlink_created_resolves_inside", "/made_link", ENOENT);
  /* creating through a symlink that points outside */
  expect_errno("mkdir_through_symlink", mkdir("/abs_dir_link/newdir", 0755), ENOENT);
  expect_errno("creat_through_symlink", open("/abs_dir_link/new.txt", O_CREAT | O_WRONLY, 0644),
               ENOENT);
  /* a dangling symlink to an outside name: O_CREAT creates inside DIR, not on the host */
  expect_errno("creat_dangling_symlink_outside", open("/dangling", O_CREAT | O_WRONLY, 0644),
               ENOENT);
  fd = open("/dangling_inside", O_CREAT | O_WRONLY, 0644);
  result("creat_dangling_symlink_inside", fd >= 0, strerror(errno));
  if (fd >= 0)
    close(fd);
  expect_errno("mknod_through_symlink", mknod("/abs_dir_link/fifo", S_IFIFO | 0644, 0), ENOENT);
  expect_errno("chmod_through_symlink", chmod("/abs_link", 0777), ENOENT);
  expect_errno("chown_through_symlink", chown("/abs_link", 1, 1), ENOENT);
  expect_errno("truncate_through_symlink", truncate("/abs_link", 0), ENOENT);
  expect_errno("utimes_through_symlink", utimensat(AT_FDCWD, "/abs_link", NULL, 0), ENOENT);
  int in = inotify_init1(IN_CLOEXEC);
  expect_errno("inotify_through_symlink", inotify_add_watch(in, "/abs_dir_link", IN_ALL_EVENTS),
               ENOENT);
  expect_ok("inotify_inside", inotify_add_watch(in, "/sub", IN_ALL_EVENTS));
  close(in);
  expect_errno("unlink_through_symlink_dir", unlink("/abs_dir_link/secret.txt"), ENOENT);
}

static void sockets(void)
{
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  snprintf(a.sun_path, sizeof a.sun_path, "/abs_dir_link/sock");
  expect_errno("bind_through_symlink", bind(s, (struct sockaddr *)&a, sizeof a), ENOENT);
  snprintf(a.sun_path, sizeof a.sun_path, "../../../..%s/sock", outside);
  expect_errno("bind_dotdot", bind(s, (struct sockaddr *)&a, sizeof a), ENOENT);
  struct sockaddr_un ab = {.sun_family = AF_UNIX};
  memcpy(ab.sun_path, "\0rvx-abstract", 13);
  expect_errno("bind_abstract", bind(s, (struct sockaddr *)&ab, sizeof(sa_family_t) + 13),
               EACCES);
  snprintf(a.sun_path, sizeof a.sun_path, "/tmp/s.sock");
  expect_ok("bind_inside", bind(s, (struct sockaddr *)&a, sizeof a));
  struct sockaddr_un got;
  socklen_t len = sizeof got;
  int ok = getsockname(s, (struct sockaddr *)&got, &len) == 0 &&
           strcmp(got.sun_path, "/tmp/s.sock") == 0;
  result("getsockname_guest_path", ok, got.sun_path);
  listen(s, 1);
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  ok = connect(c, (struct sockaddr *)&a, sizeof a) == 0;
  expect_ok("connect_inside", ok ? 0 : -1);
  int acc = ok ? accept(s, NULL, NULL) : -1;
  char b[8] = {0};
  ok = write(c, "hi", 2) == 2 && read(acc, b, sizeof b) == 2 && strcmp(b, "hi") == 0;
  result("unix_socket_talks", ok, b);
  close(acc);
  close(c);
  close(s);
}

static void execs(const char *self)
{
  char *argv[] = {"x", NULL};
  expect_errno("exec_host_sh", execv("/bin/sh", argv), ENOENT);
  expect_errno("exec_host_binary_inside", execv("/hostbin/true", argv), EACCES);
  expect_errno("exec_script_host_interp", execv("/script_host", argv), EACCES);
  char p[PATH_MAX];
  snprintf(p, sizeof p, "%s/rvprog", outside);
  expect_errno("exec_riscv_outside_by_path", execv(p, argv), ENOENT);
  int fd = openat(AT_FDCWD, "/proc/self/fd/4", O_PATH);   /* fd 4: outside riscv64 program */
  expect_errno("exec_outside_via_proc_fd", fd, ENOENT);
  char *argv2[] = {"x", NULL};
  expect_errno("exec_riscv_outside_inherited_fd",
               syscall(SYS_execveat, 4, "", argv2, environ, AT_EMPTY_PATH), EACCES);
  /* a riscv64 program inside runs, sandboxed too */
  pid_t pid = fork();
  if (pid == 0) {
    char *cargv[] = {(char *)self, (char *)outside, "child", NULL};
    execv(self, cargv);
    _exit(99);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  result("exec_riscv_inside", WIFEXITED(st) && WEXITSTATUS(st) == 0, "child failed");
  pid = fork();
  if (pid == 0) {
    char *cargv[] = {"script", NULL};
    execv("/script_riscv", cargv);
    _exit(99);
  }
  waitpid(pid, &st, 0);
  result("exec_script_riscv_interp_inside", WIFEXITED(st) && WEXITSTATUS(st) == 0, "script");
}

/* Threads under the filter (TSYNC): each stats and opens paths. */
static void *worker(void *arg)
{
  (void)arg;
  for (int i = 0; i < 200; i++) {
    struct stat st;
    if (stat("/etc/passwd", &st) || stat("/abs_link", &st) == 0)
      return (void *)1;
  }
  return NULL;
}

static void threads(void)
{
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  int ok = 1;
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    ok = ok && r == NULL;
  }
  result("threads_resolve_inside", ok, "a thread saw a wrong answer");
}

/* An fd-table race: one thread keeps putting the inherited outside directory (fd 3) on
 * every free low fd number, hoping to replace the directory fd rvx just opened to resolve
 * another thread's lstat("/sub/x"); the outside directory has an x, /sub has none. */
static volatile int racing;
static int free_fds[32], nfree;

static void *dup_racer(void *arg)
{
  (void)arg;
  while (racing)
    for (int i = 0; i < nfree; i++) {
      dup2(3, free_fds[i]);
      close(free_fds[i]);
    }
  return NULL;
}

static void fd_race(void)
{
  for (int i = 5; i < 40 && nfree < 32; i++)
    if (fcntl(i, F_GETFD) < 0)
      free_fds[nfree++] = i;
  racing = 1;
  pthread_t t;
  pthread_create(&t, NULL, dup_racer, NULL);
  int leaks = 0;
  for (int i = 0; i < 20000; i++) {
    struct stat st;
    if (lstat("/sub/x", &st) == 0 || stat("/sub/x", &st) == 0)
      leaks++;
  }
  racing = 0;
  pthread_join(t, NULL);
  char why[64];
  snprintf(why, sizeof why, "%d lookups found the outside x", leaks);
  result("fd_table_race", leaks == 0, why);
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  /* Outside a sandbox these attempts would succeed on the host's own / (creating files,
   * links and sockets there): refuse to run unless the outside directory named by argv[1]
   * is invisible, which holds only inside the sandbox 94-sandbox.sh sets up. */
  struct stat st;
  bool net_only = argc > 2 && strcmp(argv[2], "net") == 0;   /* harmless anywhere */
  if (!net_only &&
      (argc < 2 || argv[1][0] != '/' || stat(argv[1], &st) == 0 || errno != ENOENT)) {
    fprintf(stderr, "sbox_escape: not inside the sandbox of tests/suites/94-sandbox.sh; "
                    "refusing to run\n");
    return 2;
  }
  outside = argc > 1 ? argv[1] : "/nonexistent";
  const char *mode = argc > 2 ? argv[2] : "escape";
  if (strcmp(mode, "net") == 0) {
    expect_errno("net_none_socket_unix", socket(AF_UNIX, SOCK_STREAM, 0), EACCES);
    expect_errno("net_none_socket_inet", socket(AF_INET, SOCK_STREAM, 0), EACCES);
    expect_errno("net_none_socket_inet6", socket(AF_INET6, SOCK_DGRAM, 0), EACCES);
    int sv[2];
    expect_ok("net_none_socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    return bad ? 1 : 0;
  }
  if (strcmp(mode, "exec") == 0) {   /* the next image must start inside the same root */
    char *cargv[] = {"/bin/hello", NULL};
    execv(cargv[0], cargv);
    return 2;
  }
  if (strcmp(mode, "child") == 0) {
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/secret.txt", outside);
    int err;
    int fd = reads_secret_at(AT_FDCWD, p, &err);
    return fd || err != ENOENT ? 1 : 0;
  }
  paths();
  changes();
  sockets();
  threads();
  fd_race();
  execs(argv[0]);
  /* rvx's own fds cannot be closed or replaced by the guest */
  close_range(3, ~0U, 0);
  int fd = open("/etc/passwd", O_RDONLY);
  result("close_range_keeps_root", fd >= 0, strerror(errno));
  for (int i = 3; i < 1024; i++)
    if (fcntl(i, F_GETFD) >= 0 && i != fd)
      dup2(fd, i);   /* replaces nothing of rvx's: EBADF for its fds */
  if (fd >= 0)
    close(fd);
  fd = open("/etc/passwd", O_RDONLY);
  result("dup2_keeps_root", fd >= 0, strerror(errno));
  printf("%d escapes\n", bad);
  return bad ? 1 : 0;
}

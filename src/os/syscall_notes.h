/* What the syscall table does not say: one row per syscall that rvx emulates only in part,
 * or that has a row in syscall_table.h but only an ENOSYS placeholder so far, or that rvx
 * leaves out on purpose. tools/gen_syscall_doc.sh turns the table, these rows and riscv64's
 * <asm/unistd.h> into the syscall section of docs/COMPATIBILITY.md (68-procfs checks that the
 * section is fresh, and that the PENDING rows are exactly the placeholder handlers).
 *
 * SYSCALL_NOTE(name, kind, "text")
 *   PARTIAL  a row of the table that handles only part of what Linux accepts; text: what is
 *            missing (one sentence, no '|').
 *   PENDING  a row of the table whose handler is still `return -ENOSYS;` ("not done yet").
 *            Whoever implements it deletes this row (or turns it into PARTIAL), then runs
 *            tools/gen_syscall_doc.sh --update docs/COMPATIBILITY.md.
 *   ENOSYS   (optional) why a syscall without a row is left out; text: the reason.
 * A syscall with a row and no note is "full". No include guard: users define SYSCALL_NOTE,
 * include this file, undefine it.
 */

/* partial */
SYSCALL_NOTE(ioctl,          PARTIAL, "only the requests in sys_ioctl.c's table (terminal and pty requests, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX, FICLONE...); any other request gives ENOTTY")
SYSCALL_NOTE(fcntl,          PARTIAL, "commands missing from rvx's list (newer ones such as F_DUPFD_QUERY, F_CREATED_QUERY) give EINVAL")
SYSCALL_NOTE(prctl,          PARTIAL, "PR_SET_NAME, PR_GET_NAME, PR_[GS]ET_PDEATHSIG, PR_[GS]ET_DUMPABLE, PR_[GS]ET_NO_NEW_PRIVS, PR_[GS]ET_TIMERSLACK, PR_[GS]ET_KEEPCAPS only; other options give EINVAL")
SYSCALL_NOTE(socket,         PARTIAL, "AF_UNIX, AF_INET, AF_INET6 and AF_NETLINK only; other families give EAFNOSUPPORT")
SYSCALL_NOTE(recvmmsg,       PARTIAL, "at most 1024 messages per call")
SYSCALL_NOTE(epoll_pwait,    PARTIAL, "at most 256 events per call")
SYSCALL_NOTE(epoll_pwait2,   PARTIAL, "at most 256 events per call")
SYSCALL_NOTE(mlockall,       PARTIAL, "passed to the host, where rvx's whole guest reservation counts against RLIMIT_MEMLOCK: ENOMEM without privilege")
SYSCALL_NOTE(clone,          PARTIAL, "CLONE_VM without CLONE_THREAD (a process sharing memory): EINVAL; CLONE_NEWTIME, CLONE_INTO_CGROUP, CLONE_CLEAR_SIGHAND: EINVAL")
SYSCALL_NOTE(clone3,         PARTIAL, "as clone; set_tid gives EPERM")
SYSCALL_NOTE(rt_sigaction,   PARTIAL, "a signal that cannot get its frame written (bad stack) kills at once even when a SIGSEGV handler exists")

/* not done yet: placeholders in the table */

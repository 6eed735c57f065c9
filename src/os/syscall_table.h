/* THE syscall table: one row per riscv64 Linux syscall rvx emulates. Dispatch (syscall.c),
 * handler declarations (os_impl.h) and --strace (strace.c) all expand it; the numbers are
 * checked against the riscv64 <asm/unistd.h> by tests/suites/35-syscalls.sh.
 *
 * SYSCALL(nr, name, handler, "R:ARGS")
 *   R, the result:   d decimal, x hex, o octal, n never returns
 *   ARGS, one char per argument, in order:
 *     i int           l long          u unsigned      x hex           p pointer (or NULL)
 *     f fd            a dirfd (AT_FDCWD)              s path (NUL-terminated string)
 *     b buffer the call reads, its length is the next argument (quoted, truncated)
 *     r buffer the call fills, its length is the result (shown after the call)
 *     S string the call fills (shown after the call)
 *     Q int[2] the call fills (pipe2)
 *     o open flags    O mode, shown only when the flags before it create a file
 *     m mode (octal)  P mmap prot     M mmap flags    A AT_* flags    g signal number
 *     c clock id      w lseek whence  F fcntl command I ioctl request h sigprocmask how
 *     L rlimit resource
 * The file has no include guard on purpose: each user defines SYSCALL, includes it, undefines.
 */

/* files: sys_files.c */
SYSCALL(23,  dup,              os_sys_dup,              "d:f")
SYSCALL(24,  dup3,             os_sys_dup3,             "d:ffo")
SYSCALL(25,  fcntl,            os_sys_fcntl,            "d:fFx")
SYSCALL(29,  ioctl,            os_sys_ioctl,            "d:fIx")
SYSCALL(32,  flock,            os_sys_flock,            "d:fi")
SYSCALL(45,  truncate,         os_sys_truncate,         "d:sl")
SYSCALL(46,  ftruncate,        os_sys_ftruncate,        "d:fl")
SYSCALL(47,  fallocate,        os_sys_fallocate,        "d:fill")
SYSCALL(56,  openat,           os_sys_openat,           "d:asoO")
SYSCALL(57,  close,            os_sys_close,            "d:f")
SYSCALL(59,  pipe2,            os_sys_pipe2,            "d:Qo")
SYSCALL(62,  lseek,            os_sys_lseek,            "d:flw")
SYSCALL(63,  read,             os_sys_read,             "d:fru")
SYSCALL(64,  write,            os_sys_write,            "d:fbu")
SYSCALL(65,  readv,            os_sys_readv,            "d:fpi")
SYSCALL(66,  writev,           os_sys_writev,           "d:fpi")
SYSCALL(67,  pread64,          os_sys_pread64,          "d:frul")
SYSCALL(68,  pwrite64,         os_sys_pwrite64,         "d:fbul")
SYSCALL(69,  preadv,           os_sys_preadv,           "d:fpil")
SYSCALL(70,  pwritev,          os_sys_pwritev,          "d:fpil")
SYSCALL(71,  sendfile,         os_sys_sendfile,         "d:ffpu")
SYSCALL(81,  sync,             os_sys_sync,             "d:")
SYSCALL(82,  fsync,            os_sys_fsync,            "d:f")
SYSCALL(83,  fdatasync,        os_sys_fdatasync,        "d:f")
SYSCALL(223, fadvise64,        os_sys_fadvise64,        "d:flli")
SYSCALL(19,  eventfd2,         os_sys_eventfd2,         "d:ux")
SYSCALL(84,  sync_file_range,  os_sys_sync_file_range,  "d:fllx")
SYSCALL(267, syncfs,           os_sys_syncfs,           "d:f")
SYSCALL(279, memfd_create,     os_sys_memfd_create,     "d:sx")
SYSCALL(285, copy_file_range,  os_sys_copy_file_range,  "d:fpfpux")
SYSCALL(436, close_range,      os_sys_close_range,      "d:uux")

/* waiting on descriptors: sys_poll.c */
SYSCALL(72,  pselect6,         os_sys_pselect6,         "d:ippppp")
SYSCALL(73,  ppoll,            os_sys_ppoll,            "d:pupp")

/* file system: sys_fs.c */
SYSCALL(17,  getcwd,           os_sys_getcwd,           "d:Su")
SYSCALL(33,  mknodat,          os_sys_mknodat,          "d:asmx")
SYSCALL(34,  mkdirat,          os_sys_mkdirat,          "d:asm")
SYSCALL(35,  unlinkat,         os_sys_unlinkat,         "d:asA")
SYSCALL(36,  symlinkat,        os_sys_symlinkat,        "d:sas")
SYSCALL(37,  linkat,           os_sys_linkat,           "d:asasA")
SYSCALL(43,  statfs,           os_sys_statfs,           "d:sp")
SYSCALL(44,  fstatfs,          os_sys_fstatfs,          "d:fp")
SYSCALL(48,  faccessat,        os_sys_faccessat,        "d:asi")
SYSCALL(49,  chdir,            os_sys_chdir,            "d:s")
SYSCALL(50,  fchdir,           os_sys_fchdir,           "d:f")
SYSCALL(52,  fchmod,           os_sys_fchmod,           "d:fm")
SYSCALL(53,  fchmodat,         os_sys_fchmodat,         "d:asm")
SYSCALL(54,  fchownat,         os_sys_fchownat,         "d:asiiA")
SYSCALL(55,  fchown,           os_sys_fchown,           "d:fii")
SYSCALL(61,  getdents64,       os_sys_getdents64,       "d:fpu")
SYSCALL(78,  readlinkat,       os_sys_readlinkat,       "d:asru")
SYSCALL(79,  newfstatat,       os_sys_newfstatat,       "d:aspA")
SYSCALL(80,  fstat,            os_sys_fstat,            "d:fp")
SYSCALL(88,  utimensat,        os_sys_utimensat,        "d:aspA")
SYSCALL(166, umask,            os_sys_umask,            "o:m")
SYSCALL(276, renameat2,        os_sys_renameat2,        "d:asasx")
SYSCALL(291, statx,            os_sys_statx,            "d:asAxp")
SYSCALL(439, faccessat2,       os_sys_faccessat2,       "d:asiA")

/* memory: sys_memory.c */
SYSCALL(214, brk,              os_sys_brk,              "x:p")
SYSCALL(215, munmap,           os_sys_munmap,           "d:xu")
SYSCALL(216, mremap,           os_sys_mremap,           "x:xuuxx")
SYSCALL(222, mmap,             os_sys_mmap,             "x:puPMfl")
SYSCALL(226, mprotect,         os_sys_mprotect,         "d:xuP")
SYSCALL(233, madvise,          os_sys_madvise,          "d:xui")
SYSCALL(259, riscv_flush_icache, os_sys_riscv_flush_icache, "d:xxx")

/* process and identity: sys_process.c (futex: sys_futex.c) */
SYSCALL(93,  exit,             os_sys_exit,             "n:i")
SYSCALL(94,  exit_group,       os_sys_exit_group,       "n:i")
SYSCALL(98,  futex,            os_sys_futex,            "d:pixpxx")
SYSCALL(96,  set_tid_address,  os_sys_set_tid_address,  "d:p")
SYSCALL(99,  set_robust_list,  os_sys_set_robust_list,  "d:pu")
SYSCALL(100, get_robust_list,  os_sys_get_robust_list,  "d:ipp")
SYSCALL(148, getresuid,        os_sys_getresuid,        "d:ppp")
SYSCALL(150, getresgid,        os_sys_getresgid,        "d:ppp")
SYSCALL(154, setpgid,          os_sys_setpgid,          "d:ii")
SYSCALL(155, getpgid,          os_sys_getpgid,          "d:i")
SYSCALL(156, getsid,           os_sys_getsid,           "d:i")
SYSCALL(157, setsid,           os_sys_setsid,           "d:")
SYSCALL(158, getgroups,        os_sys_getgroups,        "d:ip")
SYSCALL(163, getrlimit,        os_sys_getrlimit,        "d:Lp")
SYSCALL(164, setrlimit,        os_sys_setrlimit,        "d:Lp")
SYSCALL(165, getrusage,        os_sys_getrusage,        "d:ip")
SYSCALL(167, prctl,            os_sys_prctl,            "d:ixxxx")
SYSCALL(172, getpid,           os_sys_getpid,           "d:")
SYSCALL(173, getppid,          os_sys_getppid,          "d:")
SYSCALL(174, getuid,           os_sys_getuid,           "d:")
SYSCALL(175, geteuid,          os_sys_geteuid,          "d:")
SYSCALL(176, getgid,           os_sys_getgid,           "d:")
SYSCALL(177, getegid,          os_sys_getegid,          "d:")
SYSCALL(178, gettid,           os_sys_gettid,           "d:")
SYSCALL(261, prlimit64,        os_sys_prlimit64,        "d:iLpp")
SYSCALL(293, rseq,             os_sys_rseq,             "d:puxx")

/* scheduling: sys_sched.c */
SYSCALL(120, sched_getscheduler, os_sys_sched_getscheduler, "d:i")
SYSCALL(121, sched_getparam,   os_sys_sched_getparam,   "d:ip")
SYSCALL(122, sched_setaffinity, os_sys_sched_setaffinity, "d:iup")
SYSCALL(123, sched_getaffinity, os_sys_sched_getaffinity, "d:iup")
SYSCALL(124, sched_yield,      os_sys_sched_yield,      "d:")
SYSCALL(125, sched_get_priority_max, os_sys_sched_get_priority_max, "d:i")
SYSCALL(126, sched_get_priority_min, os_sys_sched_get_priority_min, "d:i")
SYSCALL(140, setpriority,      os_sys_setpriority,      "d:iii")
SYSCALL(141, getpriority,      os_sys_getpriority,      "d:ii")
SYSCALL(168, getcpu,           os_sys_getcpu,           "d:ppp")

/* time: sys_time.c */
SYSCALL(101, nanosleep,        os_sys_nanosleep,        "d:pp")
SYSCALL(113, clock_gettime,    os_sys_clock_gettime,    "d:cp")
SYSCALL(114, clock_getres,     os_sys_clock_getres,     "d:cp")
SYSCALL(115, clock_nanosleep,  os_sys_clock_nanosleep,  "d:cipp")
SYSCALL(153, times,            os_sys_times,            "d:p")
SYSCALL(169, gettimeofday,     os_sys_gettimeofday,     "d:pp")

/* signals: sys_signal.c */
SYSCALL(129, kill,             os_sys_kill,             "d:ig")
SYSCALL(130, tkill,            os_sys_tkill,            "d:ig")
SYSCALL(131, tgkill,           os_sys_tgkill,           "d:iig")
SYSCALL(134, rt_sigaction,     os_sys_rt_sigaction,     "d:gppu")
SYSCALL(135, rt_sigprocmask,   os_sys_rt_sigprocmask,   "d:hppu")
SYSCALL(136, rt_sigpending,    os_sys_rt_sigpending,    "d:pu")

/* misc: sys_misc.c */
SYSCALL(160, uname,            os_sys_uname,            "d:p")
SYSCALL(179, sysinfo,          os_sys_sysinfo,          "d:p")
SYSCALL(278, getrandom,        os_sys_getrandom,        "d:pux")

/* rvx's own diagnostics (log_error, log_fatal: one line on stderr, prefixed "rvx: ") and the
 * guest log of -d ITEM,... / -D FILE (qemu-user's -d and -D; $RVX_LOG, $RVX_LOG_FILENAME):
 * what each item shows is in log_items_help. Items are off unless asked for, and every hook
 * is behind log_on(), one test of a global. */
#ifndef RVX_LOG_H
#define RVX_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

__attribute__((format(printf, 1, 2))) void log_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2), noreturn)) void log_fatal(const char *fmt, ...);

/* The -d items, as bits of log_mask (and of rvx_opts.log_mask). */
enum {
  LOG_IN_ASM = 1u << 0,    /* guest code of each block when first decoded */
  LOG_OUT_ASM = 1u << 1,   /* each translation: guest and host code (jit/dump.c's record) */
  LOG_EXEC = 1u << 2,      /* a line per block the dispatcher enters */
  LOG_INT = 1u << 3,       /* signals delivered to the guest */
  LOG_STRACE = 1u << 4,    /* every syscall (sets rvx_opts.strace) */
  LOG_UNIMP = 1u << 5,     /* ENOSYS syscalls, illegal instructions */
  LOG_PAGE = 1u << 6,      /* guest mappings: the initial layout, then every change */
  LOG_JIT = 1u << 7,       /* "-d jit": out_asm, to /tmp/rvx-jit-PID.dump without -D */
};

/* The items in force in this process (set by log_start from rvx_opts.log_mask). */
extern unsigned log_mask;
#define log_on(bits) __builtin_expect((log_mask & (bits)) != 0, 0)

/* The text "-d help" prints. */
extern const char log_items_help[];

/* Parses a -d list ("in_asm,exec"; items separated by commas) into *mask (ORed in). Returns
 * 0, 1 when the list asks for help, or -1 with a one-line message in err (unknown or empty
 * item). No side effects. */
int log_parse_items(const char *list, unsigned *mask, char *err, size_t errlen);

/* The -d list of mask ("in_asm,exec"): to pass the items on across execve. */
void log_format_items(unsigned mask, char *buf, size_t cap);

/* ---- where the log goes (log_file.c) ---- */

/* Starts the log, after the program is loaded and before it runs: -D FILE becomes an
 * absolute path (the guest may chdir) and is created, or truncated unless rvx_opts.log_append;
 * "page" logs the initial layout. Returns 0, or -1 with a message in err (cannot open). */
int log_start(char *err, size_t errlen);

/* Appends n bytes to the log (-D FILE, else stderr) in one write: a record is never split by
 * other threads' records. The file is opened for each record and closed again, so that no
 * descriptor of rvx's sits among the guest's (it could close or replace it). */
void log_write(const char *buf, size_t n);
__attribute__((format(printf, 1, 2))) void log_printf(const char *fmt, ...);

/* ---- the items (log_guest.c); call them only when log_on(their bit) ---- */

/* in_asm: "IN: symbol" and the instructions of the block [pc, end) just decoded. */
void log_in_asm(uint64_t pc, uint64_t end);
/* exec: the block at pc is entered, by the interpreter or as a translation. */
void log_exec(uint64_t pc, bool translated);
/* int: signal sig (si_code code) delivered at guest pc to handler (0: the default action,
 * 1: ignored, else the handler's address). */
void log_int(int sig, int code, uint64_t pc, uint64_t handler);
/* unimp: syscall nr (name, or NULL: not in rvx's table) returned ENOSYS. */
void log_unimp_syscall(uint64_t nr, const char *name, uint64_t pc);
/* unimp: an illegal instruction at pc. */
void log_unimp_insn(uint64_t pc);
/* page: a memory syscall (brk, mmap, munmap, mprotect, mremap) with its arguments a[] and its
 * result ret (an address or -errno). */
void log_page_call(const char *call, const uint64_t a[6], int64_t ret);
/* page: the whole guest map (the /proc/self/maps text), with a heading. */
void log_page_layout(const char *why);

#endif

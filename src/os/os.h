/* OS-call emulator: riscv64 Linux syscalls (asm-generic numbering) mapped to host calls. */
#ifndef RVX_OS_H
#define RVX_OS_H

#include <stddef.h>
#include "interp/cpu.h"

/* Called once before the guest starts. */
void os_init(void);

/* Performs the syscall the guest asked for with ecall: number in a7, arguments in a0..a5,
 * result (or -errno) written to a0. cpu->pc is the ecall's address. exit and exit_group do not
 * return. */
void os_syscall(rv_cpu *cpu);

/* Called by the dispatcher at a block boundary when cpu->async_stop is set, with cpu->pc the
 * next block's address: delivers what is pending (may change pc and registers). */
void os_async_stop(rv_cpu *cpu);

/* The guest's auxv as exec laid it out on its stack (the bytes /proc/self/auxv gives, AT_NULL
 * pair included); *len is its size in bytes, 0 when it was not found. For the gdb stub. */
const void *os_proc_auxv(size_t *len);

/* Ends the process the way the guest's exit_group(status) would (prints --stats first). */
_Noreturn void os_exit(int status);

#endif

/* Loader: ELF64 RISC-V executables (static, static-PIE, and dynamic ones with their PT_INTERP
 * loader), the initial process stack with argv, envp and auxv laid out as Linux does, and the
 * guest's view of the file system through the riscv64 system root. */
#ifndef RVX_LOADER_H
#define RVX_LOADER_H

#include <stdint.h>
#include <stddef.h>

/* AT_MINSIGSTKSZ: sizeof(struct rt_sigframe) on riscv64 without V (siginfo 128 + ucontext 960),
 * what Linux reports. The signal frame code must agree with it. */
#define LD_MINSIGSTKSZ 1088
/* AT_HWCAP: one bit per single-letter extension, bit (letter - 'a'): I, M, A, F, D, C. */
#define LD_HWCAP_IMAFDC 0x112d

typedef struct ld_image {
  uint64_t entry;      /* guest pc to start at: the dynamic loader's entry, if there is one */
  uint64_t at_entry;   /* AT_ENTRY: the program's entry (0: the same as entry) */
  uint64_t load_bias;  /* added to p_vaddr (non-zero for static-PIE) */
  uint64_t phdr;       /* guest address of the program headers (AT_PHDR) */
  uint64_t phnum, phent;
  uint64_t base;       /* AT_BASE: interpreter load address, 0 without one */
  uint64_t brk_start;  /* end of the highest segment */
  int stack_prot;      /* PROT_* of the stack: PT_GNU_STACK's flags (RW, or RWX if asked) */
} ld_image;

/* Loads `path` into guest memory, and its PT_INTERP dynamic loader (looked up as
 * ld_sysroot_path says, placed where Linux would mmap it: top-down below the stack gap). On
 * failure writes a one-line reason (without the path) into err and returns the exit status
 * rvx should use: 127 when the file or its dynamic loader is missing, 126 otherwise.
 * Returns 0 on success. Makes a relative rvx_opts.sysroot absolute first. */
int ld_load_elf(const char *path, ld_image *img, char *err, size_t errlen);

/* Builds the initial stack below GUEST_STACK_TOP (maps it too) and returns the guest sp:
 * argc, argv[], NULL, envp[], NULL, auxv pairs ending with AT_NULL, then the strings and the
 * AT_RANDOM bytes. execfn is the AT_EXECFN string. Returns 0 if the stack cannot be made
 * (arguments and environment over a quarter of the stack limit, as Linux's E2BIG, or no
 * memory); errno says which. */
uint64_t ld_build_stack(const ld_image *img, int argc, char *const argv[], char *const envp[],
                        const char *execfn);

/* The host path of a guest path: for an absolute path other than /, /proc, /sys, /dev, /tmp
 * and /run (and what lies below them), rvx_opts.sysroot + path when that names an existing
 * directory entry (built in buf, cap bytes); otherwise path itself. Thread-safe. */
const char *ld_sysroot_path(const char *path, char *buf, size_t cap);

#endif

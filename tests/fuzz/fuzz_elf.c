/* libFuzzer harness for the ELF loader: each input is a program file, loaded by ld_load_elf
 * into a fresh guest address space (through a memfd named /proc/self/fd/100, so nothing
 * touches the disk), then given its initial stack. A program with PT_INTERP gets its dynamic
 * loader from the riscv64 system root, or (elf.dict has the name) the input itself again
 * through /proc/self/fd/100. The loader must accept or refuse, with a reason and status 126
 * or 127; it must never crash, leak, or map anything outside the guest region. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "util/options.h"

#define INPUT_FD 100

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc, (void)argv;
  if (mem_init() < 0)
    abort();
  int fd = memfd_create("elf", 0);
  if (fd < 0 || dup2(fd, INPUT_FD) != INPUT_FD)
    abort();
  close(fd);
  if (access("/usr/riscv64-linux-gnu", F_OK) == 0)
    rvx_opts.sysroot = "/usr/riscv64-linux-gnu";
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (ftruncate(INPUT_FD, 0) < 0 || pwrite(INPUT_FD, data, size, 0) != (ssize_t)size)
    abort();
  ld_image img;
  memset(&img, 0, sizeof img);
  char err[512];
  err[0] = 0;
  int st = ld_load_elf("/proc/self/fd/100", &img, err, sizeof err);
  FUZZ_CHECK(st == 0 || st == 126 || st == 127, "ld_load_elf returned %d", st);
  if (st) {
    FUZZ_CHECK(err[0] && memchr(err, 0, sizeof err), "a refusal without a reason");
    FUZZ_CHECK(strchr(err, '\n') == NULL, "the reason is not one line: %s", err);
  } else {
    FUZZ_CHECK(img.entry < GUEST_SIZE && img.brk_start <= GUEST_SIZE,
               "entry %#llx, brk %#llx outside the guest space", (unsigned long long)img.entry,
               (unsigned long long)img.brk_start);
    char *argv[] = { "prog", "arg", NULL }, *envp[] = { "A=B", NULL };
    uint64_t sp = ld_build_stack(&img, 2, argv, envp, "prog");
    FUZZ_CHECK(sp == 0 || (sp < GUEST_STACK_TOP && sp % 16 == 0), "stack pointer %#llx",
               (unsigned long long)sp);
  }
  /* A fresh address space for the next input. */
  FUZZ_CHECK(mem_munmap(0, GUEST_SIZE) == 0, "cannot clear the guest space");
  return 0;
}

/* Copies to and from guest memory that survive the guest unmapping it meanwhile. The OS layer
 * checks a guest pointer against the VMA map and copies afterwards, outside the map's lock, so
 * another guest thread can munmap or mprotect the range in between; Linux answers EFAULT then,
 * and so must rvx instead of faulting itself. The copy is one instruction (rep movsb) at a
 * known address: the host fault handler (exc.c) sees a fault there, moves the instruction
 * pointer to the fix-up and the copy returns -EFAULT, as the kernel's own exception table
 * does for copy_to_user. Not instrumented by any sanitizer (it is assembly), which is what the
 * ThreadSanitizer build wants for guest memory anyway (mem.h, mem_guest_copy). */
#include <errno.h>
#include <stdint.h>

#include "mem/mem.h"

_Static_assert(EFAULT == 14, "the fix-up below returns -14");

__asm__(".text\n"
        ".globl mem_copy_guarded\n"
        ".type mem_copy_guarded, @function\n"
        "mem_copy_guarded:\n"            /* rdi = dst, rsi = src, rdx = n */
        "  mov %rdx, %rcx\n"
        "mem_copy_guarded_insn:\n"
        "  rep movsb\n"
        "  xor %eax, %eax\n"
        "  ret\n"
        "mem_copy_guarded_fixup:\n"
        "  mov $-14, %eax\n"
        "  ret\n"
        ".size mem_copy_guarded, . - mem_copy_guarded\n");

extern const char mem_copy_guarded_insn[] __asm__("mem_copy_guarded_insn");
extern const char mem_copy_guarded_fixup[] __asm__("mem_copy_guarded_fixup");

uintptr_t mem_guarded_fixup(uintptr_t pc)
{
  return pc == (uintptr_t)mem_copy_guarded_insn ? (uintptr_t)mem_copy_guarded_fixup : 0;
}

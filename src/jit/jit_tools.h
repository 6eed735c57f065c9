/* Observability and verification of the translator: --verify (verify.c), --perf-map
 * (perf_map.c) and -d jit (dump.c). The runtime (jit_run.c) calls jit_tools_translated after
 * every translation, and hands every block entry to jit_verify_block under --verify. */
#ifndef RVX_JIT_TOOLS_H
#define RVX_JIT_TOOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "interp/block.h"

/* rvx's exit status when --verify found a divergence (the guest's own statuses can be any
 * byte, so it is only distinct from rvx's other statuses: 1, 126, 127, 128 + N). */
#define JIT_VERIFY_STATUS 125

/* --verify: block b is about to be entered (the interpreter's dispatcher, every block). Runs
 * it as the interpreter does (on cpu, logging its stores), runs its translation on a copy of
 * the state from before it (the stores undone first), compares, and reports the first
 * divergence and exits. Returns true when b (or the prefix of it that has a translation) ran:
 * the guest continues at cpu->pc; false when the interpreter must run b itself. */
bool jit_verify_block(rv_cpu *cpu, interp_block *b);

/* Called by exc_guest_trap first (exc.c): a trap of translated code running under --verify
 * on its copy of the state is a divergence (the interpreter did not trap there). Returns
 * only when cpu is not such a copy. */
void jit_verify_trap(rv_cpu *cpu, int sig, int si_code, uint64_t addr);

/* --stats lines of --verify. */
void jit_verify_print_stats(void);

/* A translation of the first n_ops ops of b now lives at executable address code (size
 * bytes): logs it for --perf-map and -d jit when they are on. */
void jit_tools_translated(const interp_block *b, const uint8_t *code, size_t size,
                          unsigned n_ops);

/* ---- shared by the files of the tools ---- */

/* The text record of one translation (dump.c): a "translation" line, one "guest" line per
 * instruction (address, encoding, disassembly), "host" lines of hex bytes, "end". The format
 * tools/rvx-jitdis reads. Returns the length (truncated to cap, like snprintf). */
size_t jit_dump_record(char *buf, size_t cap, const interp_block *b, unsigned n_ops,
                       const uint8_t *code, size_t size);

/* "name+0xoff" of the guest function holding pc, from the ELF symbol table of the file
 * mapped there (perf_map.c), into buf; "file+0xaddr" when the file has no symbol for it;
 * false (buf: "") when no file is mapped there. */
bool jit_guest_symbol(uint64_t pc, char *buf, size_t cap);

#endif

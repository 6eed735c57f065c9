/* Makes the bad ELF inputs of tests/suites/40-loader.sh from one good static riscv64 program:
 *   mkbad GOOD_ELF OUTDIR
 * writes OUTDIR/NAME for every case below and prints "NAME EXPECTED-WORDS" lines, the words
 * being what rvx's one-line reason must contain. */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t *good;
static size_t good_len;
static const char *outdir;

static void emit(const char *name, const uint8_t *b, size_t len, const char *expect)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", outdir, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(b, 1, len, f) != len || fclose(f) != 0) {
    perror(path);
    exit(2);
  }
  printf("%s %s\n", name, expect);
}

/* A fresh copy of the good file, for one mutation. */
static uint8_t *copy(void)
{
  uint8_t *b = malloc(good_len);
  memcpy(b, good, good_len);
  return b;
}

static Elf64_Ehdr *eh(uint8_t *b) { return (Elf64_Ehdr *)b; }
static Elf64_Phdr *ph(uint8_t *b, int i) { return (Elf64_Phdr *)(b + eh(b)->e_phoff) + i; }

/* Index of the n-th PT_LOAD. */
static int load_index(uint8_t *b, int n)
{
  for (int i = 0; i < eh(b)->e_phnum; i++)
    if (ph(b, i)->p_type == PT_LOAD && n-- == 0)
      return i;
  fprintf(stderr, "mkbad: the good file has too few PT_LOADs\n");
  exit(2);
}

int main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: mkbad GOOD_ELF OUTDIR\n");
    return 2;
  }
  outdir = argv[2];
  FILE *f = fopen(argv[1], "rb");
  if (!f)
    return perror(argv[1]), 2;
  fseek(f, 0, SEEK_END);
  good_len = (size_t)ftell(f);
  rewind(f);
  good = malloc(good_len);
  if (fread(good, 1, good_len, f) != good_len)
    return perror(argv[1]), 2;
  fclose(f);
  uint8_t *b;
  int i0, i1;

  emit("empty", good, 0, "not an ELF");
  emit("text", (const uint8_t *)"#!/bin/sh\necho hi\n", 18, "not an ELF");
  emit("magic-only", good, 4, "truncated");
  emit("ehdr-truncated", good, 40, "truncated ELF header");

  b = copy(); b[EI_CLASS] = ELFCLASS32;
  emit("elf32", b, good_len, "64-bit");
  b = copy(); b[EI_DATA] = ELFDATA2MSB;
  emit("big-endian", b, good_len, "little-endian");
  b = copy(); b[EI_VERSION] = 7;
  emit("bad-version", b, good_len, "version");
  b = copy(); eh(b)->e_machine = EM_AARCH64;
  emit("aarch64", b, good_len, "not a RISC-V program");
  b = copy(); eh(b)->e_type = ET_REL;
  emit("type-rel", b, good_len, "not an executable");
  b = copy(); eh(b)->e_type = ET_CORE;
  emit("type-core", b, good_len, "not an executable");
  b = copy(); eh(b)->e_phentsize = 32;
  emit("phentsize", b, good_len, "program header size");
  b = copy(); eh(b)->e_phnum = 0;
  emit("phnum-zero", b, good_len, "number of program headers");
  b = copy(); eh(b)->e_phnum = 0xfffe;
  emit("phnum-absurd", b, good_len, "number of program headers");
  b = copy(); eh(b)->e_phoff = good_len - 20;
  emit("phoff-past-end", b, good_len, "truncated program headers");
  b = copy(); eh(b)->e_phoff = UINT64_MAX - 8;
  emit("phoff-overflow", b, good_len, "truncated program headers");
  emit("phdrs-truncated", good, eh(good)->e_phoff + sizeof(Elf64_Phdr) + 10,
       "truncated program headers");

  b = copy(); i0 = load_index(b, 0); ph(b, i0)->p_filesz = good_len * 2;
  ph(b, i0)->p_memsz = good_len * 2;
  emit("segment-past-eof", b, good_len, "truncated");
  i1 = load_index(good, 1);
  emit("file-cut-in-segment", good, ph(good, i1)->p_offset + 16, "truncated");
  b = copy(); i0 = load_index(b, 0); ph(b, i0)->p_offset = UINT64_MAX - 100;
  emit("offset-overflow", b, good_len, "truncated");
  b = copy(); i1 = load_index(b, 1); ph(b, i1)->p_filesz = ph(b, i1)->p_memsz + 1;
  emit("filesz-gt-memsz", b, good_len, "exceeds memory size");
  b = copy(); i1 = load_index(b, 1); ph(b, i1)->p_vaddr += 0x10;
  emit("misaligned", b, good_len, "modulo the page size");
  b = copy(); i1 = load_index(b, 1); ph(b, i1)->p_align = 0x3000;
  emit("align-not-pow2", b, good_len, "power of two");
  b = copy(); i1 = load_index(b, 1);
  ph(b, i1)->p_vaddr = (UINT64_C(1) << 38) - 0x1000 + (ph(b, i1)->p_offset & 0xfff);
  emit("segment-past-space", b, good_len, "outside the guest address space");
  b = copy(); i1 = load_index(b, 1);
  ph(b, i1)->p_vaddr = UINT64_C(0xfffffffffffff000) + (ph(b, i1)->p_offset & 0xfff);
  emit("segment-wraps", b, good_len, "outside the guest address space");
  b = copy(); i1 = load_index(b, 1); ph(b, i1)->p_memsz = UINT64_MAX - 0x100;
  emit("memsz-huge", b, good_len, "outside the guest address space");
  b = copy(); i0 = load_index(b, 0); i1 = load_index(b, 1);
  ph(b, i1)->p_vaddr = ph(b, i0)->p_vaddr + 0x1000 + (ph(b, i1)->p_offset & 0xfff);
  emit("segments-overlap", b, good_len, "overlap");
  b = copy(); i0 = load_index(b, 0); ph(b, i0)->p_vaddr = 0; eh(b)->e_entry &= 0xffff;
  emit("page-zero", b, good_len, "page zero");
  b = copy(); eh(b)->e_entry = UINT64_C(1) << 40;
  emit("entry-outside", b, good_len, "entry point");
  b = copy();
  for (int i = 0; i < eh(b)->e_phnum; i++)
    if (ph(b, i)->p_type == PT_LOAD)
      ph(b, i)->p_type = PT_NULL;
  emit("no-load", b, good_len, "no loadable segments");
  /* A PT_INTERP whose string runs past the end of the file: never read beyond it. */
  b = copy(); i0 = load_index(b, 0); ph(b, 0)->p_type = PT_INTERP;
  ph(b, 0)->p_offset = good_len - 3;
  ph(b, 0)->p_filesz = 100;
  emit("interp-past-eof", b, good_len, "PT_INTERP");
  return 0;
}

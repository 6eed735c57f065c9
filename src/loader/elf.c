/* ELF64 RISC-V loading: validates every header field it uses against the file before
 * trusting it, then maps the PT_LOAD segments (file pages privately, bss as zero pages). */
#include "loader/loader.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem/mem.h"

#define PAGE UINT64_C(4096)
#define MAX_PHDRS_BYTES 65536   /* Linux refuses larger program header tables */
#define MIN_LOAD_ADDR PAGE      /* page zero stays unmapped, as mmap_min_addr wants */
/* Where static-PIE programs go: Linux's ELF_ET_DYN_BASE for riscv64, 2/3 of the space. */
#define ET_DYN_BASE ((GUEST_SIZE / 3 * 2) & ~(PAGE - 1))

typedef struct loadctx {
  const char *path;
  int fd;
  uint64_t size;     /* of the file */
  char *err;
  size_t errlen;
} loadctx;

__attribute__((format(printf, 2, 3))) static int fail(loadctx *c, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->err, c->errlen, fmt, ap);
  va_end(ap);
  return 126;
}

/* Reads exactly len bytes at off, which the caller checked lie inside the file. */
static bool read_at(loadctx *c, void *buf, size_t len, uint64_t off)
{
  size_t got = 0;
  while (got < len) {
    ssize_t n = pread(c->fd, (char *)buf + got, len - got, (off_t)(off + got));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    got += (size_t)n;
  }
  return true;
}

static const char *machine_name(unsigned m)
{
  switch (m) {
  case EM_X86_64: return "x86-64";
  case EM_386: return "i386";
  case EM_AARCH64: return "AArch64";
  case EM_ARM: return "ARM";
  case EM_PPC64: return "PowerPC64";
  case EM_S390: return "s390";
  case EM_MIPS: return "MIPS";
  case EM_LOONGARCH: return "LoongArch";
  default: return "unknown";
  }
}

static int check_ehdr(loadctx *c, const Elf64_Ehdr *eh)
{
  if (c->size < SELFMAG || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
    return fail(c, "not an ELF file (exec format error)");
  if (c->size < EI_NIDENT)
    return fail(c, "truncated ELF header (file is %llu bytes)", (unsigned long long)c->size);
  if (eh->e_ident[EI_CLASS] != ELFCLASS64)
    return fail(c, "not a 64-bit ELF file (ELF class %u); only riscv64 is supported",
                eh->e_ident[EI_CLASS]);
  if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
    return fail(c, "not a little-endian ELF file (ELF data %u); only riscv64 is supported",
                eh->e_ident[EI_DATA]);
  if (c->size < sizeof *eh)
    return fail(c, "truncated ELF header (file is %llu bytes)", (unsigned long long)c->size);
  if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
    return fail(c, "unsupported ELF version %u", eh->e_ident[EI_VERSION]);
  if (eh->e_machine != EM_RISCV)
    return fail(c, "not a RISC-V program (ELF machine %u: %s)", eh->e_machine,
                machine_name(eh->e_machine));
  if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
    return fail(c, "not an executable (ELF type %u)", eh->e_type);
  if (eh->e_phentsize != sizeof(Elf64_Phdr))
    return fail(c, "bad program header size %u (expected %zu)", eh->e_phentsize,
                sizeof(Elf64_Phdr));
  if (eh->e_phnum == 0 || eh->e_phnum == PN_XNUM ||
      (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > MAX_PHDRS_BYTES)
    return fail(c, "bad number of program headers (%u)", eh->e_phnum);
  uint64_t phsize = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
  if (eh->e_phoff > c->size || phsize > c->size - eh->e_phoff)
    return fail(c, "truncated program headers (%u at offset %llu, file is %llu bytes)",
                eh->e_phnum, (unsigned long long)eh->e_phoff, (unsigned long long)c->size);
  return 0;
}

/* Checks one PT_LOAD against the file and itself (not yet its place in the space). */
static int check_load(loadctx *c, const Elf64_Phdr *ph, unsigned i)
{
  if (ph->p_filesz > ph->p_memsz)
    return fail(c, "segment %u: file size 0x%llx exceeds memory size 0x%llx", i,
                (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
  if (ph->p_offset > c->size || ph->p_filesz > c->size - ph->p_offset)
    return fail(c, "segment %u is truncated (0x%llx bytes at offset 0x%llx, file is 0x%llx)",
                i, (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_offset,
                (unsigned long long)c->size);
  if ((ph->p_vaddr - ph->p_offset) % PAGE != 0)
    return fail(c, "segment %u: offset 0x%llx and address 0x%llx differ modulo the page size",
                i, (unsigned long long)ph->p_offset, (unsigned long long)ph->p_vaddr);
  if (ph->p_align > 1 && (ph->p_align & (ph->p_align - 1)))
    return fail(c, "segment %u: alignment 0x%llx is not a power of two", i,
                (unsigned long long)ph->p_align);
  if (ph->p_memsz >= GUEST_SIZE || ph->p_vaddr >= GUEST_SIZE ||
      ph->p_vaddr + ph->p_memsz > GUEST_SIZE)
    return fail(c, "segment %u (0x%llx bytes at 0x%llx) lies outside the guest address space",
                i, (unsigned long long)ph->p_memsz, (unsigned long long)ph->p_vaddr);
  return 0;
}

static int prot_of(uint32_t pf)
{
  return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
         (pf & PF_X ? PROT_EXEC : 0);
}

/* Maps one checked PT_LOAD at bias. */
static int map_load(loadctx *c, const Elf64_Phdr *ph, unsigned i, uint64_t bias)
{
  uint64_t start = ph->p_vaddr + bias, fend = start + ph->p_filesz, mend = start + ph->p_memsz;
  uint64_t ps = start & ~(PAGE - 1), fpage_end = (fend + PAGE - 1) & ~(PAGE - 1);
  uint64_t mpage_end = (mend + PAGE - 1) & ~(PAGE - 1);
  int e = 0;
  /* Writable at first, to clear the bss tail of the last file page. */
  if (ph->p_filesz > 0) {
    e = mem_map_file(ps, fpage_end - ps, PROT_READ | PROT_WRITE, c->fd,
                     ph->p_offset & ~(PAGE - 1), NULL);
    if (e == 0 && ph->p_memsz > ph->p_filesz && fend < fpage_end)
      memset(mem_g2h(fend), 0, fpage_end - fend);
  } else {
    fpage_end = ps;
  }
  if (e == 0 && mpage_end > fpage_end)
    e = mem_map_fixed(fpage_end, mpage_end - fpage_end, PROT_READ | PROT_WRITE, true, NULL);
  if (e == 0 && mpage_end > ps)
    e = (int)mem_mprotect(ps, mpage_end - ps, prot_of(ph->p_flags));
  if (e < 0)
    return fail(c, "cannot map segment %u at 0x%llx: %s", i, (unsigned long long)start,
                strerror(-e));
  return 0;
}

static int load(loadctx *c, ld_image *img)
{
  Elf64_Ehdr eh;
  memset(&eh, 0, sizeof eh);
  if (!read_at(c, &eh, c->size < sizeof eh ? (size_t)c->size : sizeof eh, 0))
    return fail(c, "cannot read the ELF header: %s", strerror(errno ? errno : EIO));
  int r = check_ehdr(c, &eh);
  if (r)
    return r;

  size_t phsize = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
  Elf64_Phdr *ph = malloc(phsize);
  if (!ph)
    return fail(c, "out of memory");
  if (!read_at(c, ph, phsize, eh.e_phoff)) {
    free(ph);
    return fail(c, "cannot read the program headers");
  }

  /* Pass 1: check every segment, find the image's extent and the special headers. */
  uint64_t lo = UINT64_MAX, hi = 0, max_align = PAGE, phdr_vaddr = UINT64_MAX;
  int nload = 0, stack_prot = PROT_READ | PROT_WRITE;
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    const Elf64_Phdr *p = &ph[i];
    if (p->p_type == PT_INTERP) {
      char interp[256] = "?";
      if (p->p_offset < c->size && p->p_filesz > 1 && p->p_filesz <= c->size - p->p_offset) {
        size_t n = p->p_filesz < sizeof interp ? (size_t)p->p_filesz : sizeof interp - 1;
        if (!read_at(c, interp, n, p->p_offset))
          n = 0;
        interp[n] = 0;
        for (char *s = interp; *s; s++)   /* keep the report on one printable line */
          if (*s < 0x20 || *s > 0x7e)
            *s = '?';
      }
      free(ph);
      return fail(c, "dynamically linked programs are not supported yet (PT_INTERP %s)",
                  interp);
    }
    if (p->p_type == PT_GNU_STACK)
      stack_prot = prot_of(p->p_flags) | PROT_READ | PROT_WRITE;
    if (p->p_type == PT_PHDR)
      phdr_vaddr = p->p_vaddr;
    if (p->p_type != PT_LOAD)
      continue;
    if ((r = check_load(c, p, i))) {
      free(ph);
      return r;
    }
    if (p->p_memsz == 0)
      continue;
    nload++;
    if (p->p_vaddr < lo)
      lo = p->p_vaddr;
    if (p->p_vaddr + p->p_memsz > hi)
      hi = p->p_vaddr + p->p_memsz;
    if (p->p_align > max_align && p->p_align <= GUEST_SIZE / 4)
      max_align = p->p_align;
    for (unsigned j = 0; j < i; j++) {
      const Elf64_Phdr *q = &ph[j];
      if (q->p_type == PT_LOAD && q->p_memsz && p->p_vaddr < q->p_vaddr + q->p_memsz &&
          q->p_vaddr < p->p_vaddr + p->p_memsz) {
        free(ph);
        return fail(c, "segments %u and %u overlap", j, i);
      }
    }
  }
  if (nload == 0) {
    free(ph);
    return fail(c, "no loadable segments");
  }

  uint64_t bias = 0, top = GUEST_STACK_TOP - mem_stack_size();
  if (eh.e_type == ET_DYN) {
    /* Place the image at ET_DYN_BASE, keeping the segments' alignment. */
    uint64_t base = ET_DYN_BASE & ~(max_align - 1), lo_al = lo & ~(max_align - 1);
    bias = base - lo_al;
    if (hi - lo_al > top - base) {
      free(ph);
      return fail(c, "the program (0x%llx bytes) does not fit in the guest address space",
                  (unsigned long long)(hi - lo));
    }
  } else if ((lo & ~(PAGE - 1)) < MIN_LOAD_ADDR) {
    free(ph);
    return fail(c, "a segment at 0x%llx maps page zero", (unsigned long long)lo);
  } else if (hi > top) {
    free(ph);
    return fail(c, "segments up to 0x%llx collide with the stack", (unsigned long long)hi);
  }
  if (eh.e_entry + bias >= GUEST_SIZE || eh.e_entry >= GUEST_SIZE) {
    free(ph);
    return fail(c, "entry point 0x%llx lies outside the guest address space",
                (unsigned long long)eh.e_entry);
  }

  /* Pass 2: map (the VMAs get the file's resolved path as their name). */
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
      continue;
    if ((r = map_load(c, &ph[i], i, bias))) {
      free(ph);
      return r;
    }
    /* AT_PHDR without PT_PHDR: where the segment holding e_phoff put the headers. */
    if (phdr_vaddr == UINT64_MAX && ph[i].p_offset <= eh.e_phoff &&
        eh.e_phoff + phsize <= ph[i].p_offset + ph[i].p_filesz)
      phdr_vaddr = ph[i].p_vaddr + (eh.e_phoff - ph[i].p_offset);
  }
  free(ph);

  img->entry = eh.e_entry + bias;
  img->load_bias = bias;
  img->phdr = phdr_vaddr == UINT64_MAX ? 0 : phdr_vaddr + bias;
  img->phnum = eh.e_phnum;
  img->phent = eh.e_phentsize;
  img->base = 0;
  img->brk_start = hi + bias;
  img->stack_prot = stack_prot;
  mem_set_brk_start(img->brk_start);
  return 0;
}

int ld_load_elf(const char *path, ld_image *img, char *err, size_t errlen)
{
  loadctx c = { .path = path, .fd = -1, .err = err, .errlen = errlen };
  c.fd = open(path, O_RDONLY | O_CLOEXEC);
  if (c.fd < 0) {
    int e = errno;
    snprintf(err, errlen, "%s", strerror(e));
    return e == ENOENT ? 127 : 126;
  }
  struct stat st;
  int r;
  if (fstat(c.fd, &st) < 0)
    r = fail(&c, "%s", strerror(errno));
  else if (S_ISDIR(st.st_mode))
    r = fail(&c, "%s", strerror(EISDIR));
  else if (!S_ISREG(st.st_mode))
    r = fail(&c, "not a regular file");
  else {
    c.size = (uint64_t)st.st_size;
    r = load(&c, img);
  }
  close(c.fd);
  return r;
}

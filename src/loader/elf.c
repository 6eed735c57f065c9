/* ELF64 RISC-V loading: validates every header field it uses against the file before
 * trusting it, then maps the PT_LOAD segments (file pages privately, bss as zero pages).
 * A program with PT_INTERP gets its dynamic loader mapped too, found through the sysroot
 * (sysroot.c), and starts there, as Linux's binfmt_elf does. */
#include "loader/loader.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem/mem.h"
#include "util/options.h"

#define PAGE UINT64_C(4096)
#define MAX_PHDRS_BYTES 65536   /* Linux refuses larger program header tables */
#define MIN_LOAD_ADDR PAGE      /* page zero stays unmapped, as mmap_min_addr wants */
/* Where static-PIE programs go: Linux's ELF_ET_DYN_BASE for riscv64, 2/3 of the space. */
#define ET_DYN_BASE ((GUEST_SIZE / 3 * 2) & ~(PAGE - 1))

/* One ELF file being loaded: the program or its dynamic loader. */
typedef struct loadctx {
  const char *path;
  const char *what;  /* prefix of error messages: "" for the program */
  int fd;
  uint64_t size;     /* of the file */
  char *err;
  size_t errlen;
  Elf64_Ehdr eh;
  Elf64_Phdr *ph;    /* e_phnum entries, checked by parse */
  /* What parse found: the PT_LOAD extent, the largest alignment, PT_PHDR, PT_GNU_STACK. */
  uint64_t lo, hi, max_align, phdr_vaddr;
  int stack_prot;
  const Elf64_Phdr *interp;   /* the first PT_INTERP, or NULL */
} loadctx;

__attribute__((format(printf, 2, 3))) static int fail(loadctx *c, const char *fmt, ...)
{
  size_t n = (size_t)snprintf(c->err, c->errlen, "%s", c->what);
  if (n < c->errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->errlen - n, fmt, ap);
    va_end(ap);
  }
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

/* Reads the ELF and program headers and checks every PT_LOAD (pass 1): the image's extent,
 * alignment and special headers end up in c. */
static int parse(loadctx *c)
{
  memset(&c->eh, 0, sizeof c->eh);
  if (!read_at(c, &c->eh, c->size < sizeof c->eh ? (size_t)c->size : sizeof c->eh, 0))
    return fail(c, "cannot read the ELF header: %s", strerror(errno ? errno : EIO));
  int r = check_ehdr(c, &c->eh);
  if (r)
    return r;

  const Elf64_Ehdr *eh = &c->eh;
  size_t phsize = (size_t)eh->e_phnum * sizeof(Elf64_Phdr);
  c->ph = malloc(phsize);
  if (!c->ph)
    return fail(c, "out of memory");
  if (!read_at(c, c->ph, phsize, eh->e_phoff))
    return fail(c, "cannot read the program headers");

  c->lo = UINT64_MAX, c->hi = 0, c->max_align = PAGE, c->phdr_vaddr = UINT64_MAX;
  c->stack_prot = PROT_READ | PROT_WRITE;
  c->interp = NULL;
  int nload = 0;
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    const Elf64_Phdr *p = &c->ph[i];
    if (p->p_type == PT_INTERP && !c->interp)
      c->interp = p;
    if (p->p_type == PT_GNU_STACK)
      c->stack_prot = prot_of(p->p_flags) | PROT_READ | PROT_WRITE;
    if (p->p_type == PT_PHDR)
      c->phdr_vaddr = p->p_vaddr;
    if (p->p_type != PT_LOAD)
      continue;
    if ((r = check_load(c, p, i)))
      return r;
    if (p->p_memsz == 0)
      continue;
    nload++;
    if (p->p_vaddr < c->lo)
      c->lo = p->p_vaddr;
    if (p->p_vaddr + p->p_memsz > c->hi)
      c->hi = p->p_vaddr + p->p_memsz;
    if (p->p_align > c->max_align && p->p_align <= GUEST_SIZE / 4)
      c->max_align = p->p_align;
    for (unsigned j = 0; j < i; j++) {
      const Elf64_Phdr *q = &c->ph[j];
      if (q->p_type == PT_LOAD && q->p_memsz && p->p_vaddr < q->p_vaddr + q->p_memsz &&
          q->p_vaddr < p->p_vaddr + p->p_memsz)
        return fail(c, "segments %u and %u overlap", j, i);
    }
  }
  if (nload == 0)
    return fail(c, "no loadable segments");
  return 0;
}

/* The load bias of an ET_DYN image placed at base (a multiple of its alignment), or
 * UINT64_MAX when it does not fit below top. */
static uint64_t bias_at(const loadctx *c, uint64_t base, uint64_t top)
{
  uint64_t lo_al = c->lo & ~(c->max_align - 1);
  if (base >= top || c->hi - lo_al > top - base)
    return UINT64_MAX;
  return base - lo_al;
}

/* Where the program goes: its link address (ET_EXEC) or ET_DYN_BASE, as Linux puts a PIE
 * program (with or without an interpreter) at ELF_ET_DYN_BASE. */
static int place_program(loadctx *c, uint64_t *bias)
{
  uint64_t top = GUEST_STACK_TOP - mem_stack_size();
  *bias = 0;
  if (c->eh.e_type == ET_DYN) {
    *bias = bias_at(c, ET_DYN_BASE & ~(c->max_align - 1), top);
    if (*bias == UINT64_MAX)
      return fail(c, "the program (0x%llx bytes) does not fit in the guest address space",
                  (unsigned long long)(c->hi - c->lo));
  } else if ((c->lo & ~(PAGE - 1)) < MIN_LOAD_ADDR) {
    return fail(c, "a segment at 0x%llx maps page zero", (unsigned long long)c->lo);
  } else if (c->hi > top) {
    return fail(c, "segments up to 0x%llx collide with the stack", (unsigned long long)c->hi);
  }
  return 0;
}

/* Where the dynamic loader goes: an ET_DYN one where a guest mmap of its whole extent without
 * an address would land (top-down from mmap_base, so just below the stack gap), which is what
 * Linux's load_elf_interp does; an ET_EXEC one at its link address, which must be free. */
static int place_interp(loadctx *c, uint64_t *bias)
{
  *bias = 0;
  if (c->eh.e_type == ET_EXEC) {
    if ((c->lo & ~(PAGE - 1)) < MIN_LOAD_ADDR || c->hi > GUEST_STACK_TOP - mem_stack_size() ||
        !mem_range_free(c->lo & ~(PAGE - 1), c->hi - (c->lo & ~(PAGE - 1))))
      return fail(c, "its segments (0x%llx-0x%llx) collide with the program or the stack",
                  (unsigned long long)c->lo, (unsigned long long)c->hi);
    return 0;
  }
  uint64_t lo_al = c->lo & ~(c->max_align - 1), span = c->hi - lo_al;
  if (span > GUEST_SIZE / 2)
    return fail(c, "it is too large (0x%llx bytes)", (unsigned long long)span);
  /* Ask the guest allocator for the extent plus slack for alignment, then give it back: the
   * segments go there at once (nothing else runs yet), and the gaps between them stay free. */
  uint64_t len = ((span + PAGE - 1) & ~(PAGE - 1)) + c->max_align - PAGE;
  int64_t a = mem_mmap(0, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (a < 0)
    return fail(c, "no room for it in the guest address space: %s", strerror((int)-a));
  mem_munmap((uint64_t)a, len);
  uint64_t base = ((uint64_t)a + len - ((span + PAGE - 1) & ~(PAGE - 1))) & ~(c->max_align - 1);
  *bias = bias_at(c, base, (uint64_t)a + len);
  if (*bias == UINT64_MAX)   /* cannot happen: the slack covers the alignment */
    return fail(c, "no room for it in the guest address space");
  return 0;
}

/* Pass 2: maps every PT_LOAD at bias (the VMAs get the file's resolved path as their name) and
 * finds AT_PHDR. */
static int map_all(loadctx *c, uint64_t bias, uint64_t *phdr)
{
  const Elf64_Ehdr *eh = &c->eh;
  uint64_t phsize = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), phdr_vaddr = c->phdr_vaddr;
  if (eh->e_entry >= GUEST_SIZE || eh->e_entry + bias >= GUEST_SIZE)
    return fail(c, "entry point 0x%llx lies outside the guest address space",
                (unsigned long long)eh->e_entry);
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    const Elf64_Phdr *p = &c->ph[i];
    if (p->p_type != PT_LOAD || p->p_memsz == 0)
      continue;
    int r = map_load(c, p, i, bias);
    if (r)
      return r;
    /* AT_PHDR without PT_PHDR: where the segment holding e_phoff put the headers. */
    if (phdr_vaddr == UINT64_MAX && p->p_offset <= eh->e_phoff &&
        eh->e_phoff + phsize <= p->p_offset + p->p_filesz)
      phdr_vaddr = p->p_vaddr + (eh->e_phoff - p->p_offset);
  }
  *phdr = phdr_vaddr == UINT64_MAX ? 0 : phdr_vaddr + bias;
  return 0;
}

/* Opens c->path as a regular file: 0, or 127 (missing) / 126 with the reason in c->err. */
static int open_file(loadctx *c)
{
  c->fd = open(c->path, O_RDONLY | O_CLOEXEC);
  if (c->fd < 0) {
    int e = errno;
    fail(c, "%s", strerror(e));
    return e == ENOENT ? 127 : 126;
  }
  struct stat st;
  if (fstat(c->fd, &st) < 0)
    return fail(c, "%s", strerror(errno));
  if (S_ISDIR(st.st_mode))
    return fail(c, "%s", strerror(EISDIR));
  if (!S_ISREG(st.st_mode))
    return fail(c, "not a regular file");
  c->size = (uint64_t)st.st_size;
  return 0;
}

static void close_file(loadctx *c)
{
  if (c->fd >= 0)
    close(c->fd);
  c->fd = -1;
  free(c->ph);
  c->ph = NULL;
}

/* Reads PT_INTERP's path as Linux checks it: 2 to PATH_MAX bytes ending in a NUL (a NUL
 * inside ends it early, as the kernel's open does). */
static int interp_path(loadctx *c, char *buf, size_t cap)
{
  const Elf64_Phdr *p = c->interp;
  if (p->p_filesz < 2 || p->p_filesz > cap)
    return fail(c, "bad PT_INTERP: %llu bytes", (unsigned long long)p->p_filesz);
  if (p->p_offset > c->size || p->p_filesz > c->size - p->p_offset)
    return fail(c, "bad PT_INTERP: %llu bytes at offset 0x%llx run past the end of the file",
                (unsigned long long)p->p_filesz, (unsigned long long)p->p_offset);
  if (!read_at(c, buf, (size_t)p->p_filesz, p->p_offset))
    return fail(c, "cannot read PT_INTERP");
  if (buf[p->p_filesz - 1] != 0)
    return fail(c, "bad PT_INTERP: the path does not end in a NUL");
  return 0;
}

/* A copy of s for a message, kept on one printable line. */
static void printable(char *dst, size_t cap, const char *s)
{
  size_t i = 0;
  for (; s[i] && i + 1 < cap; i++)
    dst[i] = s[i] < 0x20 || s[i] > 0x7e ? '?' : s[i];
  dst[i] = 0;
}

/* Loads the dynamic loader named by the program's PT_INTERP; sets img->entry and img->base. */
static int load_interp(loadctx *prog, ld_image *img)
{
  char name[PATH_MAX], shown[PATH_MAX], host[PATH_MAX], what[PATH_MAX + 32];
  int r = interp_path(prog, name, sizeof name);
  if (r)
    return r;
  printable(shown, sizeof shown, name);
  snprintf(what, sizeof what, "dynamic loader %s: ", shown);
  loadctx c = { .what = what, .fd = -1, .err = prog->err, .errlen = prog->errlen };
  c.path = ld_sysroot_path(name, host, sizeof host);
  r = open_file(&c);
  if (r == 127) {
    /* Linux says ENOENT for the program; the missing piece is the loader: name it, and
     * how to point rvx at a system root that has it. */
    const char *root = rvx_opts.sysroot;
    char where[PATH_MAX + 64];
    if (name[0] != '/')
      snprintf(where, sizeof where, "relative to the current directory");
    else if (root)
      snprintf(where, sizeof where, "neither under %s nor on the host", root);
    else
      snprintf(where, sizeof where, "not on the host, and no system root is set");
    snprintf(prog->err, prog->errlen,
             "cannot find its dynamic loader %s (%s); give rvx a riscv64 system root with "
             "-L DIR or RVX_LD_PREFIX=DIR", shown, where);
  }
  uint64_t bias = 0, phdr;
  if (!r)
    r = parse(&c);
  if (!r)
    r = place_interp(&c, &bias);
  if (!r)
    r = map_all(&c, bias, &phdr);
  if (!r) {
    img->entry = c.eh.e_entry + bias;
    img->base = bias;   /* Linux's AT_BASE is the loader's load bias (0 for ET_EXEC) */
  }
  close_file(&c);
  return r;
}

static int load(loadctx *c, ld_image *img)
{
  uint64_t bias, phdr;
  int r = parse(c);
  if (!r)
    r = place_program(c, &bias);
  if (!r)
    r = map_all(c, bias, &phdr);
  if (r)
    return r;
  img->entry = c->eh.e_entry + bias;
  img->at_entry = img->entry;
  img->load_bias = bias;
  img->phdr = phdr;
  img->phnum = c->eh.e_phnum;
  img->phent = c->eh.e_phentsize;
  img->base = 0;
  img->brk_start = c->hi + bias;
  img->stack_prot = c->stack_prot;
  if (c->interp && (r = load_interp(c, img)))
    return r;
  mem_set_brk_start(img->brk_start);
  return 0;
}

/* A relative sysroot must keep meaning the same directory after the guest's chdir. */
static void absolute_sysroot(void)
{
  static char abs[PATH_MAX];
  const char *root = rvx_opts.sysroot;
  if (root && root[0] != '/' && realpath(root, abs))
    rvx_opts.sysroot = abs;
}

int ld_load_elf(const char *path, ld_image *img, char *err, size_t errlen)
{
  absolute_sysroot();
  loadctx c = { .path = path, .what = "", .fd = -1, .err = err, .errlen = errlen };
  int r = open_file(&c);
  if (!r)
    r = load(&c, img);
  close_file(&c);
  return r;
}

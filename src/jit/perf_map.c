/* --perf-map: /tmp/perf-PID.map, the file host `perf report` reads to name code it finds in
 * anonymous executable memory: one "START SIZE name" line (hex, no 0x) per translation, the
 * name being the guest function and the guest pc ("hot_loop+0x10 [0x10450]").
 *
 * Guest functions come from the ELF symbol tables (.symtab, else .dynsym) of whatever file
 * the guest has mapped at the block's pc: the program, its dynamic loader and every shared
 * library, found through the guest's VMA map (mem_format_maps, the /proc/self/maps text) and
 * read from the host file. A pc becomes a symbol address through the file offset it was
 * mapped from and the PT_LOAD segment holding that offset, so load biases need no special
 * case. Modules and symbol tables are cached; the module list is read again on a miss and
 * after every code cache flush (unmapping code flushes it). */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/code_cache.h"
#include "jit/jit_tools.h"
#include "mem/mem.h"

void jit_perf_map_add(const interp_block *b, const uint8_t *code, size_t size);
void jit_tools_append(const char *path, bool *started, const char *buf, size_t n);

typedef struct sym {
  uint64_t value, size;
  const char *name;   /* into the owning elf's strtab copy */
} sym;

/* A file the guest maps code from: its PT_LOAD segments and its sorted function symbols. */
typedef struct elf_file {
  char *path;
  bool ok;
  Elf64_Phdr *ph;
  unsigned n_ph;
  sym *syms;
  size_t n_syms;
  char *strtab;
} elf_file;

/* An executable mapping of a file. */
typedef struct module {
  uint64_t start, end, off;
  elf_file *elf;
} module;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static elf_file **files;
static size_t n_files;
static module *mods;
static size_t n_mods;
static uint64_t mods_gen = UINT64_MAX;   /* cc_flushes when the list was read */

static bool pread_all(int fd, void *buf, size_t n, uint64_t off) {
  return n == 0 || pread(fd, buf, n, (off_t)off) == (ssize_t)n;
}

static int sym_cmp(const void *a, const void *b) {
  const sym *x = a, *y = b;
  return x->value < y->value ? -1 : x->value > y->value;
}

/* Reads the program headers and the function symbols of path (host file). Bad or foreign
 * files give an elf_file that names nothing. */
static void elf_load(elf_file *e) {
  int fd = open(e->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  Elf64_Ehdr eh;
  Elf64_Shdr *sh = NULL;
  Elf64_Sym *st = NULL;
  if (!pread_all(fd, &eh, sizeof eh, 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_RISCV ||
      eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_shentsize != sizeof(Elf64_Shdr) ||
      eh.e_phnum > 256 || eh.e_shnum > 65000)
    goto out;
  e->ph = calloc(eh.e_phnum ? eh.e_phnum : 1, sizeof *e->ph);
  sh = calloc(eh.e_shnum ? eh.e_shnum : 1, sizeof *sh);
  if (!e->ph || !sh || !pread_all(fd, e->ph, eh.e_phnum * sizeof *e->ph, eh.e_phoff) ||
      !pread_all(fd, sh, eh.e_shnum * sizeof *sh, eh.e_shoff))
    goto out;
  e->n_ph = eh.e_phnum;
  /* .symtab when the file has one (not stripped), else .dynsym (exported functions). */
  int pick = -1;
  for (int want = SHT_SYMTAB; pick < 0 && want >= 0; want = want == SHT_SYMTAB ? SHT_DYNSYM : -1)
    for (unsigned i = 0; i < eh.e_shnum; i++)
      if (sh[i].sh_type == (unsigned)want && sh[i].sh_link < eh.e_shnum &&
          sh[i].sh_entsize == sizeof(Elf64_Sym)) {
        pick = (int)i;
        break;
      }
  if (pick < 0)
    goto done;
  const Elf64_Shdr *ss = &sh[pick], *sstr = &sh[ss->sh_link];
  if (ss->sh_size > (256u << 20) || sstr->sh_size > (256u << 20))
    goto done;
  size_t n = ss->sh_size / sizeof *st;
  st = malloc(ss->sh_size ? ss->sh_size : 1);
  e->strtab = malloc(sstr->sh_size + 1);
  e->syms = calloc(n ? n : 1, sizeof *e->syms);
  if (!st || !e->strtab || !e->syms || !pread_all(fd, st, ss->sh_size, ss->sh_offset) ||
      !pread_all(fd, e->strtab, sstr->sh_size, sstr->sh_offset))
    goto done;
  e->strtab[sstr->sh_size] = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned type = ELF64_ST_TYPE(st[i].st_info);
    /* Assembly labels are NOTYPE (load_gp in crt1); "$x"/"$d" mark code and data. */
    bool code = type == STT_FUNC || type == STT_GNU_IFUNC || type == STT_NOTYPE;
    if (!code || st[i].st_shndx == SHN_UNDEF || st[i].st_shndx >= SHN_LORESERVE ||
        st[i].st_name >= sstr->sh_size || !e->strtab[st[i].st_name] ||
        e->strtab[st[i].st_name] == '$' || e->strtab[st[i].st_name] == '.')
      continue;
    e->syms[e->n_syms++] = (sym){ st[i].st_value, st[i].st_size, e->strtab + st[i].st_name };
  }
  qsort(e->syms, e->n_syms, sizeof *e->syms, sym_cmp);
done:
  e->ok = true;
out:
  free(sh);
  free(st);
  close(fd);
}

static elf_file *elf_get(const char *path) {
  for (size_t i = 0; i < n_files; i++)
    if (strcmp(files[i]->path, path) == 0)
      return files[i];
  elf_file **f = realloc(files, (n_files + 1) * sizeof *f);
  elf_file *e = calloc(1, sizeof *e);
  if (!f || !e) {
    free(e);
    if (f)
      files = f;
    return NULL;
  }
  files = f;
  e->path = strdup(path);
  if (!e->path) {
    free(e);
    return NULL;
  }
  elf_load(e);
  files[n_files++] = e;
  return e;
}

/* Reads the executable file mappings from the guest's VMA map. */
static void read_modules(void) {
  size_t len = mem_format_maps(NULL, 0);
  char *text = malloc(len + 1);
  if (!text)
    return;
  mem_format_maps(text, len + 1);
  n_mods = 0;
  for (char *line = text, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next)
      *next++ = 0;
    unsigned long long start, end, off;
    char perms[8];
    int at = 0;
    if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %n", &start, &end, perms, &off, &at) < 4 ||
        at == 0 || perms[2] != 'x' || line[at] != '/')
      continue;
    elf_file *e = elf_get(line + at);
    module *m = realloc(mods, (n_mods + 1) * sizeof *m);
    if (!e || !m)
      continue;
    mods = m;
    mods[n_mods++] = (module){ start, end, off, e };
  }
  free(text);
  mods_gen = cc_flushes;
}

static const module *find(uint64_t pc) {
  for (size_t i = 0; i < n_mods; i++)
    if (pc >= mods[i].start && pc < mods[i].end)
      return &mods[i];
  return NULL;
}

static const module *module_at(uint64_t pc) {
  if (mods_gen != cc_flushes)
    read_modules();
  const module *m = find(pc);
  if (!m) {   /* mapped since the list was read */
    read_modules();
    m = find(pc);
  }
  return m;
}

static bool lookup(uint64_t pc, char *buf, size_t cap) {
  const module *m = module_at(pc);
  if (!m || !m->elf->ok)
    return false;
  const elf_file *e = m->elf;
  uint64_t foff = pc - m->start + m->off, va = 0;
  bool found = false;
  for (unsigned i = 0; i < e->n_ph && !found; i++)
    if (e->ph[i].p_type == PT_LOAD && foff >= e->ph[i].p_offset &&
        foff - e->ph[i].p_offset < e->ph[i].p_filesz) {
      va = e->ph[i].p_vaddr + (foff - e->ph[i].p_offset);
      found = true;
    }
  if (!found)
    return false;
  /* Without a symbol (a stripped library: ld.so exports few): the file and the address. */
  const char *base = strrchr(e->path, '/') ? strrchr(e->path, '/') + 1 : e->path;
  if (e->n_syms == 0) {
    snprintf(buf, cap, "%s+0x%" PRIx64, base, va);
    return true;
  }
  size_t lo = 0, hi = e->n_syms;   /* the last symbol at or below va */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (e->syms[mid].value <= va)
      lo = mid;
    else
      hi = mid;
  }
  const sym *s = &e->syms[lo];
  if (s->value > va || (s->size && va - s->value >= s->size)) {
    snprintf(buf, cap, "%s+0x%" PRIx64, base, va);
    return true;
  }
  if (va == s->value)
    snprintf(buf, cap, "%s", s->name);
  else
    snprintf(buf, cap, "%s+0x%" PRIx64, s->name, va - s->value);
  return true;
}

bool jit_guest_symbol(uint64_t pc, char *buf, size_t cap) {
  if (cap)
    buf[0] = 0;
  pthread_mutex_lock(&lock);
  bool ok = lookup(pc, buf, cap);
  pthread_mutex_unlock(&lock);
  if (!ok && cap)
    buf[0] = 0;
  return ok;
}

static void copy_file(const char *from, const char *to, bool *started) {
  int fd = open(from, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  char buf[8192];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    jit_tools_append(to, started, buf, (size_t)n);
  close(fd);
}

void jit_perf_map_add(const interp_block *b, const uint8_t *code, size_t size) {
  static pthread_mutex_t file_lock = PTHREAD_MUTEX_INITIALIZER;
  static pid_t pid;
  static bool started;
  static char path[64];
  char name[200], line[300];
  if (!jit_guest_symbol(b->pc, name, sizeof name))
    snprintf(name, sizeof name, "guest");
  int n = snprintf(line, sizeof line, "%" PRIxPTR " %zx %s [0x%" PRIx64 "]\n",
                   (uintptr_t)code, size, name, b->pc);
  if (n <= 0)
    return;
  pthread_mutex_lock(&file_lock);
  if (pid != getpid()) {
    /* perf finds the map by pid: a forked child writes its own, which starts with the
     * parent's lines (it runs the translations it inherited). */
    char old[64];
    snprintf(old, sizeof old, "%s", path);
    bool inherited = pid != 0;
    pid = getpid();
    started = false;
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)pid);
    if (inherited)
      copy_file(old, path, &started);
  }
  jit_tools_append(path, &started, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
  pthread_mutex_unlock(&file_lock);
}

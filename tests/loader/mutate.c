/* Writes deterministic mutants of an ELF file for the loader's crash test:
 *   mutate GOOD_ELF OUTDIR PREFIX COUNT SEED
 * Each mutant changes 1 to 4 things in the ELF header and the program headers: random bytes,
 * fields set to boundary values, or the file cut short. Same seed, same files. */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng;

static uint64_t next(void)
{
  /* splitmix64 */
  uint64_t z = (rng += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static uint64_t below(uint64_t n) { return n ? next() % n : 0; }

/* Values at the edges of what a loader must check. */
static uint64_t boundary(size_t file_len)
{
  static const uint64_t v[] = {
    0, 1, 7, 0x38, 0x40, 0xfff, 0x1000, 0x1001, 0x10000, 0x7fffffff, 0x80000000,
    0xffffffff, UINT64_C(1) << 37, (UINT64_C(1) << 38) - 0x1000, UINT64_C(1) << 38,
    UINT64_C(1) << 63, UINT64_MAX, UINT64_MAX - 0xfff, UINT64_MAX - 0x37,
  };
  uint64_t r = below(sizeof v / sizeof v[0] + 3);
  if (r < sizeof v / sizeof v[0])
    return v[r];
  if (r == sizeof v / sizeof v[0])
    return file_len;
  if (r == sizeof v / sizeof v[0] + 1)
    return file_len + 1;
  return file_len - 1;
}

static void put(uint8_t *b, size_t off, size_t size, uint64_t v)
{
  memcpy(b + off, &v, size);   /* little-endian host: the low bytes */
}

int main(int argc, char **argv)
{
  if (argc != 6) {
    fprintf(stderr, "usage: mutate GOOD_ELF OUTDIR PREFIX COUNT SEED\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f)
    return perror(argv[1]), 2;
  fseek(f, 0, SEEK_END);
  size_t len = (size_t)ftell(f);
  rewind(f);
  uint8_t *good = malloc(len), *b = malloc(len);
  if (fread(good, 1, len, f) != len)
    return perror(argv[1]), 2;
  fclose(f);
  const Elf64_Ehdr *geh = (const Elf64_Ehdr *)good;
  size_t phoff = (size_t)geh->e_phoff, phsize = (size_t)geh->e_phnum * sizeof(Elf64_Phdr);
  if (len < sizeof *geh || phoff + phsize > len) {
    fprintf(stderr, "mutate: %s is not a good ELF file\n", argv[1]);
    return 2;
  }
  int count = atoi(argv[4]);
  uint64_t seed = strtoull(argv[5], NULL, 0);

  /* Field offsets and sizes: the ELF header's, and each program header's. */
  static const uint8_t eh_fields[][2] = {
    { 16, 2 }, { 18, 2 }, { 20, 4 }, { 24, 8 }, { 32, 8 }, { 48, 4 }, { 52, 2 }, { 54, 2 },
    { 56, 2 },
  };
  static const uint8_t ph_fields[][2] = {
    { 0, 4 }, { 4, 4 }, { 8, 8 }, { 16, 8 }, { 32, 8 }, { 40, 8 }, { 48, 8 },
  };

  for (int n = 0; n < count; n++) {
    rng = seed * 1000003u + (uint64_t)n;
    memcpy(b, good, len);
    size_t out_len = len;
    int changes = 1 + (int)below(4);
    for (int c = 0; c < changes; c++) {
      switch (below(6)) {
      case 0: /* a random byte of the ELF header */
        b[below(sizeof(Elf64_Ehdr))] = (uint8_t)next();
        break;
      case 1: /* a random byte of the program headers */
        b[phoff + below(phsize)] = (uint8_t)next();
        break;
      case 2: { /* an ELF header field to a boundary value */
        size_t k = below(sizeof eh_fields / sizeof eh_fields[0]);
        put(b, eh_fields[k][0], eh_fields[k][1], boundary(len));
        break;
      }
      case 3: case 4: { /* a program header field to a boundary value or nearby */
        size_t k = below(sizeof ph_fields / sizeof ph_fields[0]);
        size_t at = phoff + below(geh->e_phnum) * sizeof(Elf64_Phdr) + ph_fields[k][0];
        uint64_t v = boundary(len);
        if (below(2)) {   /* or nudge the current value */
          memcpy(&v, b + at, ph_fields[k][1]);
          v += (uint64_t)(int64_t)(int)(below(0x4000) - 0x2000);
        }
        put(b, at, ph_fields[k][1], v);
        break;
      }
      case 5: /* cut the file short */
        if (below(4) == 0)
          out_len = below(len);
        break;
      }
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%03d", argv[2], argv[3], n);
    FILE *o = fopen(path, "wb");
    if (!o || fwrite(b, 1, out_len, o) != out_len || fclose(o) != 0)
      return perror(path), 2;
  }
  return 0;
}

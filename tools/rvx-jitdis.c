/* rvx-jitdis: lists rvx's translation records (rvx -d jit / --dump-jit=FILE, and the record
 * in a --verify report) with the host code disassembled by Zydis, under each block's guest
 * disassembly. A host tool: rvx is linked statically and Zydis is a shared library here.
 *
 *   cc -O2 -o rvx-jitdis tools/rvx-jitdis.c -lZydis
 *   rvx-jitdis [FILE...]      (no FILE or "-": standard input)
 *
 * Lines that are not part of a record pass through unchanged. Exit status: 0, or 1 when a
 * host byte did not decode or a record is malformed (each is reported in the listing), 2 when
 * a file cannot be read. Summary on stderr with -s. */
#include <Zydis/Zydis.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct record {
  char head[512];
  char **guest;
  size_t n_guest;
  uint8_t *host;
  size_t n_host, cap_host;
  uint64_t host_addr;
  bool bad;
} record;

static unsigned long n_records, n_insns, n_bad;

static int hexval(int c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
         c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void add_host(record *r, const char *line) {
  unsigned long long addr;
  int at = 0;
  if (sscanf(line, "host 0x%llx %n", &addr, &at) < 1 || at == 0) {
    r->bad = true;
    return;
  }
  if (r->n_host == 0)
    r->host_addr = addr;
  else if (addr != r->host_addr + r->n_host)
    r->bad = true;   /* a gap: the lines are not one run of code */
  const char *p = line + at;
  size_t len = strcspn(p, " \r\n");
  if (len % 2) {
    r->bad = true;
    return;
  }
  if (r->n_host + len / 2 > r->cap_host) {
    size_t cap = 2 * (r->n_host + len / 2) + 64;
    uint8_t *h = realloc(r->host, cap);
    if (!h) {
      r->bad = true;
      return;
    }
    r->host = h;
    r->cap_host = cap;
  }
  for (size_t i = 0; i < len; i += 2) {
    int a = hexval(p[i]), b = hexval(p[i + 1]);
    if (a < 0 || b < 0) {
      r->bad = true;
      return;
    }
    r->host[r->n_host++] = (uint8_t)(a << 4 | b);
  }
}

static void print_record(record *r) {
  n_records++;
  printf("== %s", r->head + strlen("translation "));
  printf("   guest code:\n");
  for (size_t i = 0; i < r->n_guest; i++) {
    unsigned long long pc;
    char enc[16];
    int at = 0;
    const char *g = r->guest[i];
    if (sscanf(g, "guest 0x%llx %15s %n", &pc, enc, &at) >= 2 && at > 0)
      printf("     %12llx:  %-8s  %s", pc, enc, g + at);
    else
      printf("     %s", g);
  }
  printf("   host code (%zu bytes):\n", r->n_host);
  size_t off = 0;
  while (off < r->n_host) {
    ZydisDisassembledInstruction in;
    uint64_t at = r->host_addr + off;
    if (!ZYAN_SUCCESS(ZydisDisassembleIntel(ZYDIS_MACHINE_MODE_LONG_64, at, r->host + off,
                                            r->n_host - off, &in))) {
      printf("     %" PRIx64 ":  %02x%20s  (bad: not an x86-64 instruction)\n", at,
             r->host[off], "");
      n_bad++;
      off++;
      continue;
    }
    char bytes[64] = "";
    size_t n = 0;
    for (unsigned i = 0; i < in.info.length && n + 4 < sizeof bytes; i++)
      n += (size_t)snprintf(bytes + n, sizeof bytes - n, "%02x ", r->host[off + i]);
    printf("     %" PRIx64 ":  %-33s %s\n", at, bytes, in.text);
    n_insns++;
    off += in.info.length;
  }
  if (r->bad) {
    printf("   (malformed record)\n");
    n_bad++;
  }
  printf("\n");
}

static void clear(record *r) {
  for (size_t i = 0; i < r->n_guest; i++)
    free(r->guest[i]);
  free(r->guest);
  free(r->host);
  memset(r, 0, sizeof *r);
}

static void run(FILE *f) {
  char *line = NULL;
  size_t cap = 0;
  record r;
  bool in = false;
  memset(&r, 0, sizeof r);
  while (getline(&line, &cap, f) > 0) {
    if (strncmp(line, "translation ", 12) == 0) {
      if (in) {   /* the previous one never ended */
        r.bad = true;
        print_record(&r);
        clear(&r);
      }
      in = true;
      snprintf(r.head, sizeof r.head, "%s", line);
    } else if (in && strncmp(line, "guest ", 6) == 0) {
      char **g = realloc(r.guest, (r.n_guest + 1) * sizeof *g);
      if (g) {
        r.guest = g;
        r.guest[r.n_guest++] = strdup(line);
      }
    } else if (in && strncmp(line, "host ", 5) == 0) {
      add_host(&r, line);
    } else if (in && strncmp(line, "end", 3) == 0) {
      print_record(&r);
      clear(&r);
      in = false;
    } else {
      fputs(line, stdout);
    }
  }
  if (in) {
    r.bad = true;
    print_record(&r);
    clear(&r);
  }
  free(line);
}

int main(int argc, char **argv) {
  bool summary = false;
  int files = 0, status = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-s") == 0) {
      summary = true;
      continue;
    }
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      puts("usage: rvx-jitdis [-s] [FILE...]: lists rvx translation records (rvx -d jit,\n"
           "  --dump-jit=FILE, --verify reports) with the host code disassembled;\n"
           "  -s: a summary on stderr");
      return 0;
    }
    files++;
    FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
    if (!f) {
      perror(argv[i]);
      status = 2;
      continue;
    }
    run(f);
    if (f != stdin)
      fclose(f);
  }
  if (!files)
    run(stdin);
  if (summary)
    fprintf(stderr, "rvx-jitdis: %lu translations, %lu host instructions, %lu errors\n",
            n_records, n_insns, n_bad);
  return status ? status : n_bad ? 1 : 0;
}

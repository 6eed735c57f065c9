/* The process's own /proc files show the guest: /proc/self/maps has the program's code mapped
 * r-xp under its name and the stack as [stack], every line in Linux's format;
 * /proc/self/cmdline holds the guest's argv; /proc/self/exe is the program. */
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  (void)argc;
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) {
    perror("maps");
    return 1;
  }
  char line[512];
  int lines = 0, bad = 0;
  uintptr_t code = (uintptr_t)main, stack = (uintptr_t)&line;
  while (fgets(line, sizeof line, f)) {
    unsigned long lo, hi, off, ino;
    unsigned maj, min;
    char perm[5], name[256] = "";
    int n = sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %255s", &lo, &hi, perm, &off, &maj, &min,
                   &ino, name);
    lines++;
    if (n < 7 || lo >= hi || strlen(perm) != 4) {
      bad++;
      continue;
    }
    if (code >= lo && code < hi)
      printf("code: %s %s\n", perm, basename(name));
    if (stack >= lo && stack < hi)
      printf("stack: %s %s\n", perm, name);
  }
  fclose(f);
  printf("maps lines>3: %d bad: %d\n", lines > 3, bad);

  f = fopen("/proc/self/cmdline", "r");
  int c, first = 1;
  printf("cmdline: ");
  while ((c = fgetc(f)) != EOF) {
    if (first && c == 0)
      first = 0, printf(" |");
    else if (!first)
      putchar(c ? c : '|');
  }
  putchar('\n');
  fclose(f);
  printf("argv0 basename %s\n", basename(argv[0]));
  FILE *e = fopen("/proc/self/exe", "r");
  char magic[4] = {0};
  printf("exe elf: %d\n", e && fread(magic, 1, 4, e) == 4 && memcmp(magic, "\177ELF", 4) == 0);
  return 0;
}

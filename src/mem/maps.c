/* The guest's /proc/self/maps, formatted from the VMA map as Linux's show_map_vma does, and
 * the interned names of file mappings (VMA names must live as long as the VMAs). */
#include "mem/mem_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <unistd.h>

typedef struct name_node {
  struct name_node *next;
  char s[];
} name_node;

static name_node *names;   /* guarded by mem_lock */

const char *mem_intern(const char *s)
{
  for (name_node *n = names; n; n = n->next)
    if (strcmp(n->s, s) == 0)
      return n->s;
  size_t len = strlen(s) + 1;
  name_node *n = malloc(sizeof *n + len);
  if (!n)
    return NULL;
  memcpy(n->s, s, len);
  n->next = names;
  names = n;
  return n->s;
}

const char *mem_fd_name(int fd)
{
  char link[64], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0)
    return NULL;
  target[n] = 0;
  return mem_intern(target);
}

/* Appends to buf like snprintf would, tracking the full length. */
static size_t add(char *buf, size_t cap, size_t at, const char *s, size_t n)
{
  if (at < cap)
    memcpy(buf + at, s, at + n <= cap ? n : cap - at);
  return at + n;
}

size_t mem_format_maps(char *buf, size_t cap)
{
  size_t at = 0;
  pthread_mutex_lock(&mem_lock);
  for (size_t i = 0; i < vma_n; i++) {
    const vma *v = &vma_tab[i];
    bool file = !(v->flags & VMA_ANON);
    char line[160];
    int n = snprintf(line, sizeof line, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                     (unsigned long long)v->start, (unsigned long long)v->end,
                     v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
                     v->prot & PROT_EXEC ? 'x' : '-', v->flags & VMA_SHARED ? 's' : 'p',
                     file ? (unsigned long long)v->off : 0ull,
                     file ? major((dev_t)v->dev) : 0u, file ? minor((dev_t)v->dev) : 0u,
                     file ? (unsigned long long)v->ino : 0ull);
    if (v->name) {
      /* Linux pads the name to column 73 (seq_setwidth 72, then one more space). */
      while (n < 73 && n < (int)sizeof line - 1)
        line[n++] = ' ';
    }
    at = add(buf, cap, at, line, (size_t)n);
    if (v->name)
      at = add(buf, cap, at, v->name, strlen(v->name));
    at = add(buf, cap, at, "\n", 1);
  }
  pthread_mutex_unlock(&mem_lock);
  if (cap)
    buf[at < cap ? at : cap - 1] = 0;
  return at;
}

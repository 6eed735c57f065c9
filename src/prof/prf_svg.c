/* The flame graph: one self-contained SVG file (no external script, style sheet or font).
 * Each frame is a <g class="f"> with a <title> (function, samples, percentage: the browser's
 * tooltip), a <rect> whose width is its share of the samples, and a label. The root ("all")
 * is at the bottom, callees above their callers, siblings in name order. A little inline
 * script shows the hovered frame in a details line and zooms into a clicked frame (click
 * the root, or "Reset zoom", to zoom out). */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "prof/prf_internal.h"

#define WIDTH 1200
#define PAD 10          /* left and right margin */
#define ROW 16          /* frame height plus gap */
#define TOP 34          /* title */
#define BOTTOM 30       /* details line */
#define MIN_PX 0.5      /* narrower frames (and what they call) are left out */
#define CHAR_PX 7.0     /* average width of a 12px label character */

/* Writes s as XML character data / attribute value: markup characters escaped, control
 * characters and bytes outside printable ASCII replaced (symbol names are not always UTF-8). */
static void put_xml(FILE *out, const char *s, size_t max)
{
  for (size_t i = 0; s[i] && i < max; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&apos;", out); break;
    default: fputc(c < 0x20 || c >= 0x7f ? '?' : c, out); break;
    }
  }
}

/* A warm colour from the name, so that a function has the same colour everywhere. */
static void colour(const char *name, unsigned *r, unsigned *g, unsigned *b)
{
  uint32_t h = 2166136261u;
  for (const char *s = name; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  *r = 205 + h % 50;
  *g = 80 + (h >> 8) % 150;
  *b = 30 + (h >> 16) % 50;
}

typedef struct svg {
  const prf_profile *p;
  FILE *out;
  double scale;   /* pixels per sample */
  unsigned height;
} svg;

static const prf_profile *cmp_p;

static int by_name(const void *a, const void *b)
{
  const prf_node *x = &cmp_p->nodes[*(const uint32_t *)a], *y = &cmp_p->nodes[*(const uint32_t *)b];
  return strcmp(cmp_p->funcs[x->func].name, cmp_p->funcs[y->func].name);
}

static void frame(svg *s, uint32_t node, double x, unsigned depth)
{
  const prf_profile *p = s->p;
  const prf_node *nd = &p->nodes[node];
  double w = (double)nd->count * s->scale;
  if (w < MIN_PX)
    return;
  const char *name = p->funcs[nd->func].name;
  double y = s->height - BOTTOM - (double)(depth + 1) * ROW;
  unsigned r, g, b;
  colour(name, &r, &g, &b);
  fputs("<g class=\"f\" data-n=\"", s->out);
  put_xml(s->out, name, 4096);
  fputs("\"><title>", s->out);
  put_xml(s->out, name, 4096);
  fprintf(s->out, " (%" PRIu64 " sample%s, %.2f%%)</title><rect x=\"%.2f\" y=\"%.0f\" "
          "width=\"%.2f\" height=\"%d\" fill=\"rgb(%u,%u,%u)\" rx=\"2\"/><text x=\"%.2f\" "
          "y=\"%.0f\">", nd->count, nd->count == 1 ? "" : "s",
          p->samples ? 100.0 * (double)nd->count / (double)p->samples : 0.0, x, y, w, ROW - 1,
          r, g, b, x + 3, y + ROW - 4);
  size_t fit = w > 6 ? (size_t)((w - 6) / CHAR_PX) : 0;
  size_t len = strlen(name);
  if (fit >= 3 && len <= fit) {
    put_xml(s->out, name, len);
  } else if (fit >= 3) {
    put_xml(s->out, name, fit - 2);
    fputs("..", s->out);
  }
  fputs("</text></g>\n", s->out);
  /* Children in name order, left to right. */
  size_t n = 0, first = 0;
  for (uint32_t c = nd->child; c; c = p->nodes[c].next)
    n++;
  if (!n)
    return;
  uint32_t *kids = malloc(n * sizeof *kids);
  if (!kids)
    return;
  for (uint32_t c = nd->child; c; c = p->nodes[c].next)
    kids[first++] = c;
  cmp_p = p;
  qsort(kids, n, sizeof *kids, by_name);
  double cx = x;
  for (size_t i = 0; i < n; i++) {
    frame(s, kids[i], cx, depth + 1);
    cx += (double)p->nodes[kids[i]].count * s->scale;
  }
  free(kids);
}

static const char script[] =
  "var W=" "1200" ",P=10,det=document.getElementById('details'),"
  "fr=[].slice.call(document.querySelectorAll('g.f'));\n"
  "function R(g){return g.getElementsByTagName('rect')[0];}\n"
  "function T(g){return g.getElementsByTagName('text')[0];}\n"
  "fr.forEach(function(g){var r=R(g);g.x0=+r.getAttribute('x');g.w0=+r.getAttribute('width');\n"
  "  g.onmouseover=function(){det.textContent=g.getElementsByTagName('title')[0].textContent;};\n"
  "  g.onmouseout=function(){det.textContent=' ';};\n"
  "  g.onclick=function(){zoom(g);};});\n"
  "function label(g,w){var n=g.getAttribute('data-n'),m=Math.floor((w-6)/7);\n"
  "  T(g).textContent=m<3?'':(n.length>m?n.slice(0,m-2)+'..':n);}\n"
  "function zoom(z){var a=z.x0,b=z.x0+z.w0,s=(W-2*P)/z.w0,e=1e-6;\n"
  "  fr.forEach(function(g){var l=g.x0,h=g.x0+g.w0;\n"
  "    if(h<=a+e||l>=b-e){g.style.display='none';return;}\n"
  "    g.style.display='';var x=P+(Math.max(l,a)-a)*s,w=(Math.min(h,b)-Math.max(l,a))*s;\n"
  "    R(g).setAttribute('x',x.toFixed(2));R(g).setAttribute('width',w.toFixed(2));\n"
  "    T(g).setAttribute('x',(x+3).toFixed(2));label(g,w);});}\n"
  "document.getElementById('unzoom').onclick=function(){zoom(fr[0]);};\n";

void prf_write_svg(const prf_profile *p, FILE *out, const char *title)
{
  svg s = { p, out, p->samples ? (double)(WIDTH - 2 * PAD) / (double)p->samples : 0, 0 };
  s.height = TOP + (p->max_depth + 1) * ROW + BOTTOM;
  _Static_assert(WIDTH == 1200 && PAD == 10, "the script's W and P");
  fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
          "<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%u\" "
          "viewBox=\"0 0 %d %u\" font-family=\"Verdana, DejaVu Sans, sans-serif\" "
          "font-size=\"12\">\n", WIDTH, s.height, WIDTH, s.height);
  fputs("<style type=\"text/css\"><![CDATA[\n"
        "g.f rect { stroke: #fff; stroke-width: 0.5; }\n"
        "g.f:hover rect { stroke: #000; stroke-width: 1; }\n"
        "g.f { cursor: pointer; }\n"
        "text { fill: #000; pointer-events: none; }\n"
        "#unzoom { cursor: pointer; pointer-events: all; }\n"
        "]]></style>\n", out);
  fprintf(out, "<defs><linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">"
          "<stop offset=\"5%%\" stop-color=\"#eeeeee\"/><stop offset=\"95%%\" "
          "stop-color=\"#eeeeb0\"/></linearGradient></defs>\n"
          "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%u\" fill=\"url(#bg)\"/>\n",
          WIDTH, s.height);
  fputs("<text x=\"600\" y=\"22\" text-anchor=\"middle\" font-size=\"16\">rvx profile: ", out);
  put_xml(out, title, 200);
  fprintf(out, " (%" PRIu64 " samples)</text>\n", p->samples);
  fprintf(out, "<text id=\"unzoom\" x=\"%d\" y=\"22\">Reset zoom</text>\n", PAD);
  fprintf(out, "<text id=\"details\" x=\"%d\" y=\"%u\"> </text>\n", PAD, s.height - 10);
  if (p->samples)
    frame(&s, 0, PAD, 0);
  else
    fprintf(out, "<text x=\"600\" y=\"%u\" text-anchor=\"middle\">no samples</text>\n",
            s.height / 2);
  fprintf(out, "<script type=\"text/ecmascript\"><![CDATA[\n%s]]></script>\n</svg>\n", script);
}

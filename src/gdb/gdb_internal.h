/* The gdb stub's parts, shared between its files: the stop/resume protocol between guest
 * threads and the server thread (stop.c), the breakpoint and watchpoint sets (points.c), the
 * packet layer (packet.c), registers and the target description (regs.c). */
#ifndef RVX_GDB_INTERNAL_H
#define RVX_GDB_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gdb/gdb.h"

/* ---- stop.c: all-stop between the guest threads and the server thread ----
 * A guest thread runs instructions only while no stop is requested and gdb's last resume
 * let it run. A stop (an event of some thread, Ctrl-C, the start) sets gdb_stop_req; every
 * thread stepping guest code parks at its next instruction; threads in a syscall count as
 * stopped (they park when it returns). The server thread talks to gdb only while every
 * thread is parked or in a syscall. */
extern pthread_mutex_t gdb_lock;
extern volatile int gdb_stop_req;

/* What stopped the world, as the next stop reply tells it. */
typedef struct gdb_event {
  int tid;
  int sig;            /* host (= guest) signal number; 0 for none */
  uint64_t watch;     /* address of the write watchpoint hit, when watch_hit */
  bool watch_hit;
} gdb_event;

/* Resume actions per thread, as the server sets them from a vCont (or c/s/C/S). */
enum { GDB_STAY = 0, GDB_CONT = 'c', GDB_STEP = 's' };

/* The guest threads' side. gdb_thread_go: waits until this thread may run guest code;
 * gdb_thread_park: stops running (a stop is requested) and waits the same way;
 * gdb_thread_leave: no longer runs guest code under gdb (a syscall, or the debugger went).
 * gdb_thread_report: reports event e and waits to be resumed; false if another stop came
 * first (e was not reported); *resume_sig is the signal gdb resumed the thread with. */
void gdb_thread_go(int tid);
void gdb_thread_park(int tid);
bool gdb_thread_leave(void);   /* whether the thread was counted as running */
bool gdb_thread_report(const gdb_event *e, int *resume_sig);
/* What the last resume asked of the calling thread (GDB_CONT or GDB_STEP). */
extern __thread int gdb_tl_action;

/* The server's side. gdb_stop_init: the guest starts stopped, the event names first_tid;
 * gdb_stop_after_fork: in a forked child (no debugger). */
void gdb_stop_init(int first_tid);
void gdb_stop_after_fork(void);
/* The server's side. gdb_wait_stopped blocks until a stop is requested (or gdb sends
 * something while the guest runs: returns false then, with nothing changed) and every
 * thread has parked; *ev is what to report. */
bool gdb_wait_stopped(gdb_event *ev, int sock);
/* Sets one thread's action (tid 0: the default for every thread not named). */
void gdb_set_action(int tid, int action, int sig);
/* Lets the threads go as gdb_set_action said (the actions then start over from "stay"). */
void gdb_resume(void);
/* Asks every guest thread to stop (Ctrl-C): the event names `tid` with SIGINT. */
void gdb_request_stop(int tid, int sig);
/* Detach: no more stops; every parked thread goes on in the normal engine. */
void gdb_release_all(void);

/* ---- points.c: breakpoints (any number) and write watchpoints ---- */
extern volatile unsigned gdb_n_bps, gdb_n_watches;
bool gdb_bp_add(uint64_t pc);
bool gdb_bp_del(uint64_t pc);
bool gdb_bp_has(uint64_t pc);
bool gdb_watch_add(uint64_t addr, uint64_t len);
bool gdb_watch_del(uint64_t addr, uint64_t len);
/* After a store: the first watched range whose bytes changed (its saved bytes are updated);
 * false when none. */
bool gdb_watch_changed(uint64_t *addr);
void gdb_points_clear(void);
/* Bumped by every change of the breakpoint set. */
extern unsigned gdb_bp_gen;
/* Whether the breakpoint set differs from the one at the previous call (the one the cached
 * blocks were built for); the current set is remembered as that one. */
bool gdb_bps_changed(void);

/* ---- packet.c: the remote serial protocol's framing ---- */
#define GDB_PACKET_MAX 16384   /* PacketSize we announce (bytes of packet data) */
/* Reads one packet (acknowledged unless no-ack mode) into buf, unescaped and NUL-terminated;
 * returns its length, or -1 when gdb is gone. A lone 0x03 (Ctrl-C) gives the packet "\x03". */
int gdb_get_packet(int fd, char *buf, size_t cap);
/* Sends a packet; false when gdb is gone. Serialized (a guest thread's exit may send one). */
bool gdb_put_packet(int fd, const char *data, size_t len);
bool gdb_put_str(int fd, const char *s);
extern bool gdb_no_ack;
/* Hex helpers: a value as little-endian bytes, and back. */
char *gdb_hex_bytes(char *out, const void *p, size_t n);
bool gdb_unhex_bytes(const char *in, void *p, size_t n);
/* Parses a hex number at *s (moves past it); false if there is none. */
bool gdb_parse_hex(const char **s, uint64_t *v);

/* ---- regs.c: registers and the target description ---- */
/* gdb's register numbers: x0..x31 0-31, pc 32, f0..f31 33-64, fflags 66, frm 67, fcsr 68. */
/* Appends register r of cpu as hex to out; returns the end, or NULL for no such register. */
char *gdb_reg_get(const rv_cpu *cpu, unsigned r, char *out);
bool gdb_reg_set(rv_cpu *cpu, unsigned r, const char *hex);
/* All registers the g packet carries, in order; and G. */
char *gdb_regs_get(const rv_cpu *cpu, char *out);
bool gdb_regs_set(rv_cpu *cpu, const char *hex);
extern const char gdb_target_xml[];
/* Host signal number <-> gdb's own numbering (the protocol's). */
int gdb_sig_to_gdb(int sig);
int gdb_sig_from_gdb(int gsig);

#endif

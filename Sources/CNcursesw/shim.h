#ifndef SPYGLASS_CNCURSESW_SHIM_H
#define SPYGLASS_CNCURSESW_SHIM_H
// Wide-character curses: must be defined before <curses.h>.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros that do not import into Swift, as tiny inline functions.
static inline int sg_attr_bold(void) { return (int)A_BOLD; }
static inline int sg_attr_reverse(void) { return (int)A_REVERSE; }
static inline int sg_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int sg_attr_dim(void) { return (int)A_DIM; }
static inline int sg_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int sg_key_resize(void) { return KEY_RESIZE; }
static inline int sg_err(void) { return ERR; }

// Used by the TerminalUI curses adapter (Sources/TerminalUI/Curses). Some of these are macros in
// some ncurses builds (attrset, getmaxy), so they are wrapped rather than called directly.
static inline int sg_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sg_ok(void) { return OK; }
static inline void sg_attrset(int attrs) { attrset(attrs); }
static inline int sg_lines(void) { return getmaxy(stdscr); }
static inline int sg_cols(void) { return getmaxx(stdscr); }
static inline void sg_mvaddstr(int y, int x, const char *s) { mvaddstr(y, x, s); }
static inline void sg_move(int y, int x) { move(y, x); }
static inline void sg_clrtoeol(void) { clrtoeol(); }
static inline void sg_keypad_on(void) { keypad(stdscr, TRUE); }
static inline void sg_timeout(int ms) { timeout(ms); }
/// Reads one key or character; returns OK (character in *ch), KEY_CODE_YES (key code in *ch) or ERR.
static inline int sg_get_wch(unsigned int *ch) { wint_t w = 0; int r = get_wch(&w); *ch = (unsigned int)w; return r; }
static inline int sg_key_up(void) { return KEY_UP; }
static inline int sg_key_down(void) { return KEY_DOWN; }
static inline int sg_key_left(void) { return KEY_LEFT; }
static inline int sg_key_right(void) { return KEY_RIGHT; }
static inline int sg_key_ppage(void) { return KEY_PPAGE; }
static inline int sg_key_npage(void) { return KEY_NPAGE; }
static inline int sg_key_home(void) { return KEY_HOME; }
static inline int sg_key_end(void) { return KEY_END; }
static inline int sg_key_enter(void) { return KEY_ENTER; }
static inline int sg_key_backspace(void) { return KEY_BACKSPACE; }
static inline int sg_key_dc(void) { return KEY_DC; }
static inline int sg_key_btab(void) { return KEY_BTAB; }
static inline int sg_colors(void) { return COLORS; }

// ---------------------------------------------------------------------------------------------
// Crash restore (Sources/TerminalUI/Curses/CrashGuard.swift is the only caller, so the static state
// below exists once: each Swift file that calls these would get its own copy of it).
//
// A fatal signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) must not leave the user's shell
// in raw mode on the alternate screen. The handler does only async-signal-safe work: tcsetattr with
// the termios saved before initscr, write(2) of escape sequences prepared before the crash, write(2)
// of one message line, then SIG_DFL and raise, so the exit status and core dump are kept. endwin is
// not async-signal-safe (it allocates and takes locks), so it is never called here.
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// Every static below has an initializer: Swift's importer emits tentative definitions
// (`static T x;`) as undefined references, and the link fails.
#define SG_FATAL_COUNT 6
static const int sg_fatal_signals[SG_FATAL_COUNT] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
static struct sigaction sg_previous_actions[SG_FATAL_COUNT] = { 0 };
static volatile sig_atomic_t sg_guard_installed = 0;
static struct termios sg_saved_termios = { 0 };
static volatile sig_atomic_t sg_termios_fd = -1;
static char sg_restore_sequence[256] = { 0 };
static volatile sig_atomic_t sg_restore_length = 0;

/// Saves the terminal's modes (call before initscr). Returns 0 when a terminal was found.
static inline int sg_save_termios(void) {
    const int fds[3] = { STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO };
    for (int i = 0; i < 3; i++) {
        if (isatty(fds[i]) && tcgetattr(fds[i], &sg_saved_termios) == 0) { sg_termios_fd = fds[i]; return 0; }
    }
    sg_termios_fd = -1;
    return -1;
}

static inline void sg_append_capability(const char *name, const char *fallback) {
    const char *value = tigetstr(name);
    // (char *)-1: not a string capability; NULL: absent. Padding ("$<5>") would print literally.
    if (value == NULL || value == (char *)-1 || strstr(value, "$<") != NULL) value = fallback;
    size_t used = (size_t)sg_restore_length, length = strlen(value);
    if (used + length >= sizeof sg_restore_sequence) return;
    memcpy(sg_restore_sequence + used, value, length);
    sg_restore_length = (sig_atomic_t)(used + length);
}

/// Prepares the bytes that undo curses' screen state (call after initscr, when terminfo is loaded):
/// attributes off, keypad transmit off, normal cursor, leave the alternate screen.
static inline void sg_prepare_restore_sequence(void) {
    sg_restore_length = 0;
    sg_append_capability("sgr0", "\033[m");
    sg_append_capability("rmkx", "\033[?1l\033>");
    sg_append_capability("cnorm", "\033[?25h");
    sg_append_capability("rmcup", "\033[?1049l");
}

static inline void sg_write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n <= 0) return;
        bytes += n;
        length -= (size_t)n;
    }
}

static void sg_fatal_signal_handler(int sig) {
    int saved_errno = errno;
    int fd = sg_termios_fd;
    if (fd >= 0) tcsetattr(fd, TCSANOW, &sg_saved_termios);
    if (sg_restore_length > 0) sg_write_all(fd >= 0 ? fd : STDOUT_FILENO, sg_restore_sequence, (size_t)sg_restore_length);
    // "spyglass: internal error (signal N); the terminal was restored\n", N formatted by hand
    // (snprintf is not async-signal-safe).
    char line[96];
    size_t n = 0;
    const char *head = "spyglass: internal error (signal ";
    const char *tail = "); the terminal was restored\n";
    for (const char *p = head; *p; p++) line[n++] = *p;
    char digits[12];
    int d = 0;
    unsigned int value = (unsigned int)sig;
    do { digits[d++] = (char)('0' + value % 10); value /= 10; } while (value > 0 && d < 11);
    while (d > 0) line[n++] = digits[--d];
    for (const char *p = tail; *p; p++) line[n++] = *p;
    sg_write_all(STDERR_FILENO, line, n);
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    errno = saved_errno;
    // Blocked until the handler returns, then delivered with the default action (core, status).
    raise(sig);
}

/// Installs the handler for every fatal signal, on an alternate stack so a stack overflow is
/// handled too. Returns 0 on success.
static inline int sg_install_fatal_handlers(void) {
    if (sg_guard_installed) return 0;
    static char *alternate_stack = NULL;
    if (alternate_stack == NULL) {
        size_t size = 64 * 1024;
        alternate_stack = malloc(size);
        if (alternate_stack != NULL) {
            stack_t stack;
            memset(&stack, 0, sizeof stack);
            stack.ss_sp = alternate_stack;
            stack.ss_size = size;
            sigaltstack(&stack, NULL);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = sg_fatal_signal_handler;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < SG_FATAL_COUNT; i++) sigaddset(&action.sa_mask, sg_fatal_signals[i]);
    action.sa_flags = SA_ONSTACK;
    for (int i = 0; i < SG_FATAL_COUNT; i++) {
        if (sigaction(sg_fatal_signals[i], &action, &sg_previous_actions[i]) != 0) return -1;
    }
    sg_guard_installed = 1;
    return 0;
}

/// Puts back the handlers that were there before (after endwin: nothing left to restore).
static inline void sg_remove_fatal_handlers(void) {
    if (!sg_guard_installed) return;
    for (int i = 0; i < SG_FATAL_COUNT; i++) sigaction(sg_fatal_signals[i], &sg_previous_actions[i], NULL);
    sg_guard_installed = 0;
}
#endif

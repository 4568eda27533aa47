/* rusage: runs a command and writes what it cost, as JSON, to OUT.
 *
 *     rusage OUT COMMAND [ARGS...]
 *
 * wall (s), cpu (user + system, s, from wait4: to the microsecond, unlike
 * GNU time's 10 ms steps), maxrss_kib (peak resident set) and status. The
 * command inherits the terminal, so it can run full-screen inside tmux.
 *
 * In C, not Python: the kernel's peak RSS of a child includes the pages of
 * the parent copy it ran as between fork and exec, so a Python parent
 * (10 MB) would hide a program smaller than itself. This one is well under
 * 1 MB. bench/run compiles it with cc into target/bench. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: rusage OUT COMMAND [ARGS...]\n");
        return 2;
    }
    double started = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    double wall = now() - started;
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    /* Written under another name and renamed, so a watcher never reads half. */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        perror(tmp);
        return 1;
    }
    fprintf(f, "{\"wall\": %.6f, \"cpu\": %.6f, \"maxrss_kib\": %ld, \"status\": %d}\n", wall,
            cpu, ru.ru_maxrss, code);
    if (fclose(f) != 0 || rename(tmp, argv[1]) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}

/*
 * cputime - run a command and print the CPU time (user + system) it and
 * every process it waited for used, in microseconds, as the last line of
 * stderr (stdout stays the command's).
 *
 * usage: cputime COMMAND [ARG...]
 * Exit status: the command's, or 127 if it could not be run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static long long usec(const struct timeval *tv)
{
	return (long long)tv->tv_sec * 1000000 + tv->tv_usec;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status;

	if (argc < 2) {
		fprintf(stderr, "usage: cputime COMMAND [ARG...]\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("cputime: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "cputime: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("cputime: waitpid");
		return 127;
	}
	/* This process has waited for nothing else, so this is the command. */
	if (getrusage(RUSAGE_CHILDREN, &ru) < 0) {
		perror("cputime: getrusage");
		return 127;
	}
	fprintf(stderr, "%lld\n", usec(&ru.ru_utime) + usec(&ru.ru_stime));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * <ksim/config.h> - the kernel's boot configuration (kern/config.c).
 *
 * Read once, at boot, from the YAML file MACHSIM_CONFIG names; what the
 * file leaves out comes from the machine.  A file that cannot be read
 * or is malformed stops the boot: its path, line and column and the
 * reason go to stderr and the process exits with status 1, so that the
 * kernel never runs half-configured.
 */
#ifndef KSIM_CONFIG_H
#define KSIM_CONFIG_H

#include <sched.h>
#include <stdint.h>

#define MACHSIM_VERSION		"0.1.0"

#define KSIM_CONFIG_MAX_PSETS	16
#define KSIM_CONFIG_MAX_STORES	8

struct ksim_config_pset {
	char		name[64];
	cpu_set_t	cpus;		/* host CPU numbers */
};

struct ksim_config_store {
	char		path[256];	/* the backing store's file */
	uint64_t	size;		/* bytes */
};

struct ksim_config {
	char		path[256];	/* the file read, or "" */
	char		host_name[256];	/* "" : the host's */
	char		kernel_version[512]; /* "" : machsim's own */
	char		boot_info[4096];
	uint32_t	alarm_resolution_ns; /* CLOCK_ALARM_CURRES */
	unsigned	npsets;		/* created at boot, besides the
					   default set */
	struct ksim_config_pset psets[KSIM_CONFIG_MAX_PSETS];
	unsigned	nstores;	/* default pager backing stores */
	struct ksim_config_store stores[KSIM_CONFIG_MAX_STORES];
	uint32_t	port_space_limit; /* 0: the built-in one */
	uint32_t	task_semaphore_limit;
};

extern struct ksim_config ksim_config;

/*
 * Fill ksim_config from the file MACHSIM_CONFIG names (if any) over the
 * defaults.  0, or -1 with the message in err (file:line:col: reason).
 */
int ksim_config_parse_file(const char *path, struct ksim_config *out,
    char *err, size_t errlen);
void ksim_config_defaults(struct ksim_config *c);
/* At boot: parse, or report and exit(1). */
void ksim_config_load(void);

#endif /* KSIM_CONFIG_H */

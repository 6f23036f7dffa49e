/*
 * config.c - the kernel's boot configuration (<ksim/config.h>).
 *
 * The file is YAML, read with libyaml, which is loaded when a file is
 * named (so that programs linked with libmach need no YAML library of
 * their own).  Its shape:
 *
 *	host:
 *	  name: build-host		# host name reported by the kernel
 *	  kernel_version: "..."		# host_kernel_version's string
 *	  boot_info: "..."		# host_get_boot_info's string
 *	clock:
 *	  alarm_resolution_ns: 1000000	# CLOCK_ALARM_CURRES
 *	processor_sets:			# sets made at boot, besides the
 *	  - name: realtime		# default one; their CPUs leave it
 *	    cpus: [2, 3]		# (numbers, or "2-3")
 *	default_pager:
 *	  stores:			# backing stores made at boot
 *	    - path: /var/tmp/machsim.swap
 *	      size: 64M			# bytes, with K, M or G
 *	limits:
 *	  port_space: 65536		# most entries of one IPC space
 *	  task_semaphores: 1024		# most semaphores of one task
 *
 * Every key is optional.  An unknown key, a value of the wrong kind or
 * out of range, or a YAML syntax error is an error at its place.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include <ksim/config.h>

struct ksim_config ksim_config;

/* ---- libyaml, loaded on demand ------------------------------------------------- */

static struct {
	int (*parser_initialize)(yaml_parser_t *);
	void (*parser_delete)(yaml_parser_t *);
	void (*set_input_string)(yaml_parser_t *, const unsigned char *,
	    size_t);
	int (*parse)(yaml_parser_t *, yaml_event_t *);
	void (*event_delete)(yaml_event_t *);
} yaml;

static bool yaml_load(void)
{
	static const char *const names[] = { "libyaml-0.so.2", "libyaml.so" };
	void *h = NULL;
	size_t i;

	if (yaml.parse != NULL)
		return true;
	for (i = 0; i < sizeof(names) / sizeof(names[0]) && h == NULL; i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return false;
	*(void **)&yaml.parser_initialize = dlsym(h, "yaml_parser_initialize");
	*(void **)&yaml.parser_delete = dlsym(h, "yaml_parser_delete");
	*(void **)&yaml.set_input_string = dlsym(h,
	    "yaml_parser_set_input_string");
	*(void **)&yaml.event_delete = dlsym(h, "yaml_event_delete");
	*(void **)&yaml.parse = dlsym(h, "yaml_parser_parse");
	return yaml.parser_initialize != NULL && yaml.parser_delete != NULL &&
	    yaml.set_input_string != NULL && yaml.event_delete != NULL &&
	    yaml.parse != NULL;
}

/* ---- a document tree ------------------------------------------------------------- */

enum node_kind { N_SCALAR, N_MAP, N_SEQ };

struct node {
	enum node_kind	kind;
	unsigned	line, col;	/* 1-based */
	char		*text;		/* scalar */
	struct node	**kids;		/* map: key, value, key, value...;
					   seq: items */
	size_t		nkids;
};

struct parse {
	const char	*path;
	char		*err;
	size_t		errlen;
	bool		failed;
};

static void fail(struct parse *p, unsigned line, unsigned col,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (p->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%u:%u: error: %s", p->path, line, col,
	    msg);
	p->failed = true;
}

static void node_free(struct node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n);
}

static struct node *node_new(enum node_kind kind, const yaml_mark_t *m)
{
	struct node *n = calloc(1, sizeof(*n));

	if (n == NULL)
		abort();
	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void node_add(struct node *parent, struct node *kid)
{
	struct node **k = realloc(parent->kids, (parent->nkids + 1) *
	    sizeof(*k));

	if (k == NULL)
		abort();
	k[parent->nkids++] = kid;
	parent->kids = k;
}

/* The next node from the event stream (the event already read is ev). */
static struct node *build(struct parse *p, yaml_parser_t *yp,
    yaml_event_t *ev, unsigned depth)
{
	struct node *n;
	yaml_event_t kid;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(N_SCALAR, &ev->start_mark);
		n->text = strndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		if (n->text == NULL)
			abort();
		return n;
	case YAML_ALIAS_EVENT:
		fail(p, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "aliases are not allowed in a configuration");
		return NULL;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		break;
	default:
		fail(p, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1, "unexpected YAML event");
		return NULL;
	}
	if (depth > 16) {
		fail(p, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1, "nested too deeply");
		return NULL;
	}
	n = node_new(ev->type == YAML_MAPPING_START_EVENT ? N_MAP : N_SEQ,
	    &ev->start_mark);
	for (;;) {
		struct node *k;

		if (!yaml.parse(yp, &kid)) {
			fail(p, (unsigned)yp->problem_mark.line + 1,
			    (unsigned)yp->problem_mark.column + 1, "%s",
			    yp->problem != NULL ? yp->problem : "bad YAML");
			node_free(n);
			return NULL;
		}
		if (kid.type == YAML_MAPPING_END_EVENT ||
		    kid.type == YAML_SEQUENCE_END_EVENT) {
			yaml.event_delete(&kid);
			return n;
		}
		k = build(p, yp, &kid, depth + 1);
		yaml.event_delete(&kid);
		if (k == NULL) {
			node_free(n);
			return NULL;
		}
		node_add(n, k);
	}
}

/* ---- reading the tree -------------------------------------------------------------- */

static bool want(struct parse *p, const struct node *n, enum node_kind kind,
    const char *what)
{
	static const char *const kinds[] = { "a value", "a mapping",
	    "a list" };

	if (n->kind == kind)
		return true;
	fail(p, n->line, n->col, "%s must be %s", what, kinds[kind]);
	return false;
}

static bool get_string(struct parse *p, const struct node *n, char *out,
    size_t size, const char *what)
{
	if (!want(p, n, N_SCALAR, what))
		return false;
	if (strlen(n->text) >= size) {
		fail(p, n->line, n->col, "%s is longer than %zu bytes", what,
		    size - 1);
		return false;
	}
	memcpy(out, n->text, strlen(n->text) + 1);
	return true;
}

/* An unsigned number with an optional K, M or G (1024s). */
static bool get_number(struct parse *p, const struct node *n, uint64_t min,
    uint64_t max, bool suffix, uint64_t *out, const char *what)
{
	unsigned long long v;
	char *end;

	if (!want(p, n, N_SCALAR, what))
		return false;
	errno = 0;
	v = strtoull(n->text, &end, 0);
	if (end == n->text || n->text[0] == '-' || errno != 0)
		goto bad;
	if (suffix && *end != '\0' && end[1] == '\0') {
		unsigned shift = *end == 'K' || *end == 'k' ? 10 :
		    *end == 'M' || *end == 'm' ? 20 :
		    *end == 'G' || *end == 'g' ? 30 : 0;

		if (shift == 0 || v > (max >> shift))
			goto bad;
		v <<= shift;
		end++;
	}
	if (*end != '\0' || v < min || v > max)
		goto bad;
	*out = v;
	return true;
bad:
	fail(p, n->line, n->col, "%s: '%s' is not a number in %llu..%llu%s",
	    what, n->text, (unsigned long long)min, (unsigned long long)max,
	    suffix ? " (K, M or G may follow)" : "");
	return false;
}

/* cpus: a list of CPU numbers, or a string of numbers and ranges. */
static bool get_cpus(struct parse *p, const struct node *n, cpu_set_t *set)
{
	size_t i;

	CPU_ZERO(set);
	if (n->kind == N_SEQ) {
		for (i = 0; i < n->nkids; i++) {
			uint64_t v;

			if (!get_number(p, n->kids[i], 0, CPU_SETSIZE - 1,
			    false, &v, "a CPU number"))
				return false;
			CPU_SET((int)v, set);
		}
	} else if (n->kind == N_SCALAR) {
		const char *s = n->text;

		while (*s != '\0') {
			unsigned long a, b;
			char *end;

			a = b = strtoul(s, &end, 10);
			if (end == s)
				goto bad;
			if (*end == '-') {
				s = end + 1;
				b = strtoul(s, &end, 10);
				if (end == s)
					goto bad;
			}
			if (a > b || b >= CPU_SETSIZE)
				goto bad;
			for (; a <= b; a++)
				CPU_SET((int)a, set);
			s = end;
			if (*s == ',')
				s++;
			else if (*s != '\0')
				goto bad;
		}
	} else {
		goto bad;
	}
	if (CPU_COUNT(set) == 0)
		goto bad;
	return true;
bad:
	fail(p, n->line, n->col, "cpus must be CPU numbers: a list, or a "
	    "string such as \"2-3,6\"");
	return false;
}

/* Walk a mapping, handing each known key's value to its reader. */
static bool each_key(struct parse *p, const struct node *map,
    const char *what, const char *const *keys, size_t nkeys,
    bool (*fn)(struct parse *, size_t, const struct node *, void *),
    void *arg)
{
	size_t i, k;

	if (!want(p, map, N_MAP, what))
		return false;
	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct node *key = map->kids[i];

		if (!want(p, key, N_SCALAR, "a key"))
			return false;
		for (k = 0; k < nkeys && strcmp(keys[k], key->text) != 0; k++)
			;
		if (k == nkeys) {
			fail(p, key->line, key->col, "unknown key '%s' in %s",
			    key->text, what);
			return false;
		}
		if (!fn(p, k, map->kids[i + 1], arg))
			return false;
	}
	return true;
}

static bool host_key(struct parse *p, size_t k, const struct node *v,
    void *arg)
{
	struct ksim_config *c = arg;

	switch (k) {
	case 0:
		return get_string(p, v, c->host_name, sizeof(c->host_name),
		    "host.name");
	case 1:
		return get_string(p, v, c->kernel_version,
		    sizeof(c->kernel_version), "host.kernel_version");
	default:
		return get_string(p, v, c->boot_info, sizeof(c->boot_info),
		    "host.boot_info");
	}
}

static bool clock_key(struct parse *p, size_t k, const struct node *v,
    void *arg)
{
	struct ksim_config *c = arg;
	uint64_t ns;

	(void)k;
	if (!get_number(p, v, 1000, 1000000000, false, &ns,
	    "clock.alarm_resolution_ns"))
		return false;
	c->alarm_resolution_ns = (uint32_t)ns;
	return true;
}

static bool pset_key(struct parse *p, size_t k, const struct node *v,
    void *arg)
{
	struct ksim_config_pset *ps = arg;

	if (k == 0)
		return get_string(p, v, ps->name, sizeof(ps->name),
		    "processor_sets[].name");
	return get_cpus(p, v, &ps->cpus);
}

static bool store_key(struct parse *p, size_t k, const struct node *v,
    void *arg)
{
	struct ksim_config_store *st = arg;

	if (k == 0)
		return get_string(p, v, st->path, sizeof(st->path),
		    "default_pager.stores[].path");
	return get_number(p, v, 4096, UINT64_C(1) << 40, true, &st->size,
	    "default_pager.stores[].size");
}

static bool pager_key(struct parse *p, size_t k, const struct node *v,
    void *arg)
{
	static const char *const keys[] = { "path", "size" };
	struct ksim_config *c = arg;
	size_t i;

	(void)k;
	if (!want(p, v, N_SEQ, "default_pager.stores"))
		return false;
	for (i = 0; i < v->nkids; i++) {
		struct ksim_config_store *st;

		if (c->nstores == KSIM_CONFIG_MAX_STORES) {
			fail(p, v->kids[i]->line, v->kids[i]->col,
			    "more than %d backing stores",
			    KSIM_CONFIG_MAX_STORES);
			return false;
		}
		st = &c->stores[c->nstores];
		memset(st, 0, sizeof(*st));
		if (!each_key(p, v->kids[i], "a backing store", keys, 2,
		    store_key, st))
			return false;
		if (st->path[0] == '\0' || st->size == 0) {
			fail(p, v->kids[i]->line, v->kids[i]->col,
			    "a backing store needs a path and a size");
			return false;
		}
		c->nstores++;
	}
	return true;
}

static bool limits_key(struct parse *p, size_t k, const struct node *v,
    void *arg)
{
	struct ksim_config *c = arg;
	uint64_t n;

	if (k == 0) {
		if (!get_number(p, v, 64, 1u << 22, false, &n,
		    "limits.port_space"))
			return false;
		c->port_space_limit = (uint32_t)n;
	} else {
		if (!get_number(p, v, 1, 65536, false, &n,
		    "limits.task_semaphores"))
			return false;
		c->task_semaphore_limit = (uint32_t)n;
	}
	return true;
}

static bool psets(struct parse *p, const struct node *v,
    struct ksim_config *c)
{
	static const char *const keys[] = { "name", "cpus" };
	size_t i;

	if (!want(p, v, N_SEQ, "processor_sets"))
		return false;
	for (i = 0; i < v->nkids; i++) {
		struct ksim_config_pset *ps;

		if (c->npsets == KSIM_CONFIG_MAX_PSETS) {
			fail(p, v->kids[i]->line, v->kids[i]->col,
			    "more than %d processor sets",
			    KSIM_CONFIG_MAX_PSETS);
			return false;
		}
		ps = &c->psets[c->npsets];
		memset(ps, 0, sizeof(*ps));
		if (!each_key(p, v->kids[i], "a processor set", keys, 2,
		    pset_key, ps))
			return false;
		if (ps->name[0] == '\0' || CPU_COUNT(&ps->cpus) == 0) {
			fail(p, v->kids[i]->line, v->kids[i]->col,
			    "a processor set needs a name and cpus");
			return false;
		}
		c->npsets++;
	}
	return true;
}

static bool top_key(struct parse *p, size_t k, const struct node *v,
    void *arg)
{
	static const char *const host_keys[] = { "name", "kernel_version",
	    "boot_info" };
	static const char *const clock_keys[] = { "alarm_resolution_ns" };
	static const char *const pager_keys[] = { "stores" };
	static const char *const limit_keys[] = { "port_space",
	    "task_semaphores" };
	struct ksim_config *c = arg;

	switch (k) {
	case 0:
		return each_key(p, v, "host", host_keys, 3, host_key, c);
	case 1:
		return each_key(p, v, "clock", clock_keys, 1, clock_key, c);
	case 2:
		return psets(p, v, c);
	case 3:
		return each_key(p, v, "default_pager", pager_keys, 1,
		    pager_key, c);
	default:
		return each_key(p, v, "limits", limit_keys, 2, limits_key, c);
	}
}

/* ---- the file ----------------------------------------------------------------------- */

void ksim_config_defaults(struct ksim_config *c)
{
	memset(c, 0, sizeof(*c));
	c->alarm_resolution_ns = 1000000;	/* 1 ms */
}

static char *read_all(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap + 65536);

			if (nb == NULL)
				abort();
			buf = nb;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
		if (len > (16u << 20)) {	/* no configuration is this big */
			errno = EFBIG;
			free(buf);
			fclose(f);
			return NULL;
		}
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*lenp = len;
	return buf;
}

int ksim_config_parse_file(const char *path, struct ksim_config *out,
    char *err, size_t errlen)
{
	static const char *const keys[] = { "host", "clock", "processor_sets",
	    "default_pager", "limits" };
	struct parse p = { path, err, errlen, false };
	struct ksim_config c;
	struct node *root = NULL;
	yaml_parser_t yp;
	yaml_event_t ev;
	size_t len = 0;
	char *text;
	bool done = false;

	ksim_config_defaults(&c);
	snprintf(c.path, sizeof(c.path), "%s", path);
	text = read_all(path, &len);
	if (text == NULL) {
		snprintf(err, errlen, "%s:1:1: error: cannot read the "
		    "configuration: %s", path, strerror(errno));
		return -1;
	}
	if (!yaml_load()) {
		snprintf(err, errlen, "%s:1:1: error: cannot load libyaml "
		    "(libyaml-0.so.2) to read the configuration", path);
		free(text);
		return -1;
	}
	yaml.parser_initialize(&yp);
	yaml.set_input_string(&yp, (const unsigned char *)text, len);
	while (!done && !p.failed) {
		if (!yaml.parse(&yp, &ev)) {
			fail(&p, (unsigned)yp.problem_mark.line + 1,
			    (unsigned)yp.problem_mark.column + 1, "%s",
			    yp.problem != NULL ? yp.problem : "bad YAML");
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (root != NULL) {
				fail(&p, (unsigned)ev.start_mark.line + 1,
				    (unsigned)ev.start_mark.column + 1,
				    "one document only");
				break;
			}
			root = build(&p, &yp, &ev, 0);
			break;
		default:
			break;
		}
		yaml.event_delete(&ev);
	}
	yaml.parser_delete(&yp);
	free(text);
	/* An empty file configures nothing. */
	if (!p.failed && root != NULL && !(root->kind == N_SCALAR &&
	    root->text[0] == '\0'))
		(void)each_key(&p, root, "the configuration", keys, 5, top_key,
		    &c);
	node_free(root);
	if (p.failed)
		return -1;
	*out = c;
	return 0;
}

void ksim_config_load(void)
{
	const char *path = getenv("MACHSIM_CONFIG");
	char err[512];

	ksim_config_defaults(&ksim_config);
	if (path == NULL || path[0] == '\0')
		return;
	if (ksim_config_parse_file(path, &ksim_config, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "machsim: %s\nmachsim: the kernel does not boot "
		    "with a configuration it cannot read\n", err);
		fflush(stderr);
		_exit(1);
	}
}

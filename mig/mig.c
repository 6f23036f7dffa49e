/*
 * mig.c - the pipeline: parse, check, emit (see mig.h).
 *
 *   buffer --ast_parse--> ast_file --check_file--> m_interface --emit_*-->
 *   outputs in memory
 *
 * Each pass runs only when the one before reported no error, so a syntax
 * error never cascades into "type not defined" noise and nothing is
 * emitted from a broken model.
 */
#include "mig.h"

#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "emit.h"
#include "model.h"
#include "writer.h"

static const struct mig_loc no_loc;

const char *mig_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

void mig_diag_setup(struct diag *d, const struct mig_options *o)
{
	d->max_errors = o->max_errors;
	d->warnings_off = o->quiet;
	d->werror = o->werror;
}

/* ---- output names ---- */

/* The path an output goes to, or NULL when it is not generated:
   `named` from the command line, else `def` unless -n. */
static const char *out_path(const struct mig_options *o, const char *named,
			    const char *def)
{
	const char *p = named ? named : o->only_named ? NULL : def;
	if (p && strcmp(p, "/dev/null") == 0)
		return NULL;
	return p;
}

/* ---- collecting outputs ---- */

struct collect {
	const struct mig_options *o;
	struct arena *a;
	struct diag *d;
	const struct m_interface *m;
	struct emit_names names;
	struct mig_outputs *out;
	int cap;
	bool failed;
};

/* Move a writer's text into the arena as output `path`. */
static void add_output(struct collect *c, const char *path,
		       struct writer *w)
{
	size_t len = 0;
	bool failed = w->failed;
	char *text = failed ? NULL : w_take(w, &len);
	w_free(w);
	char *copy = failed ? NULL :
		     arena_strndup(c->a, text ? text : "", text ? len : 0);
	free(text);
	if (!copy) {
		diag_error(c->d, no_loc, "out of memory writing '%s'", path);
		c->failed = true;
		return;
	}
	if (c->out->nfiles == c->cap) {
		int cap = c->cap ? 2 * c->cap : 16;
		struct mig_output *v = arena_alloc(c->a, (size_t)cap *
						   sizeof *v);
		if (!v) {
			diag_error(c->d, no_loc, "out of memory");
			c->failed = true;
			return;
		}
		if (c->out->nfiles)
			memcpy(v, c->out->files,
			       (size_t)c->out->nfiles * sizeof *v);
		c->out->files = v;
		c->cap = cap;
	}
	struct mig_output *f = &c->out->files[c->out->nfiles++];
	f->path = path;
	f->data = copy;
	f->len = len;
}

/* The per-routine files of -i PREFIX. */
static void emit_split_user(struct collect *c)
{
	const struct m_interface *m = c->m;
	for (int i = 0; i < m->count && !c->failed; i++) {
		const struct m_routine *r = &m->routines[i];
		if (r->skip)
			continue;
		const char *path = arena_printf(c->a, "%s%s.c",
						c->o->split_prefix, r->name);
		if (!path) {
			diag_error(c->d, no_loc, "out of memory");
			c->failed = true;
			return;
		}
		struct writer w;
		w_init(&w);
		emit_user_routine(&w, m, c->o, &c->names, r);
		add_output(c, path, &w);
	}
}

/* Default names come from the subsystem name (section 4.1). */
static void emit_all(struct collect *c)
{
	const struct mig_options *o = c->o;
	const struct m_interface *m = c->m;
	struct arena *a = c->a;
	const char *def_header = arena_printf(a, "%s.h", m->name);
	const char *def_user = arena_printf(a, "%sUser.c", m->name);
	const char *def_server = arena_printf(a, "%sServer.c", m->name);
	if (!def_header || !def_user || !def_server) {
		diag_error(c->d, no_loc, "out of memory");
		c->failed = true;
		return;
	}
	const char *header = out_path(o, o->header, def_header);
	const char *user = o->split_prefix ? NULL :
			   out_path(o, o->user, def_user);
	const char *server = out_path(o, o->server, def_server);
	const char *sheader = out_path(o, o->sheader, NULL);

	c->names.user_header = mig_basename(o->header &&
		strcmp(o->header, "/dev/null") != 0 ? o->header : def_header);
	c->names.server_header = sheader ? mig_basename(sheader) : NULL;

	struct writer w;
	if (header) {
		w_init(&w);
		emit_user_header(&w, m, o, &c->names);
		add_output(c, header, &w);
	}
	if (o->split_prefix)
		emit_split_user(c);
	if (user) {
		w_init(&w);
		emit_user(&w, m, o, &c->names);
		add_output(c, user, &w);
	}
	if (server) {
		w_init(&w);
		emit_server(&w, m, o, &c->names);
		add_output(c, server, &w);
	}
	if (sheader) {
		w_init(&w);
		emit_server_header(&w, m, o, &c->names);
		add_output(c, sheader, &w);
	}
	const char *path;
	if ((path = out_path(o, o->iheader, NULL))) {
		w_init(&w);
		emit_iheader(&w, m, o);
		add_output(c, path, &w);
	}
	if ((path = out_path(o, o->dheader, NULL))) {
		w_init(&w);
		emit_dheader(&w, m, o);
		add_output(c, path, &w);
	}
	if ((path = out_path(o, o->list, NULL))) {
		w_init(&w);
		emit_list(&w, m);
		add_output(c, path, &w);
	}
	if ((path = out_path(o, o->yaml, NULL))) {
		w_init(&w);
		if (!emit_yaml(&w, m)) {
			w_free(&w);
			diag_error(c->d, no_loc, "cannot write the YAML "
				   "description");
			c->failed = true;
			return;
		}
		add_output(c, path, &w);
	}
}

/* Warnings about option combinations that only the model can judge. */
static void option_warnings(const struct mig_options *o, struct diag *d,
			    const struct m_interface *m)
{
	if (o->split_prefix && o->user)
		diag_warning(d, no_loc, "-user is ignored with -i");
	if (o->iheader && strcmp(o->iheader, "/dev/null") != 0 &&
	    !m->kernel_server)
		diag_warning(d, no_loc, "-iheader: subsystem '%s' is not "
			     "KernelServer; the file has no definitions",
			     m->name);
}

int mig_compile_buffer(const struct mig_options *o, struct arena *a,
		       struct diag *d, const char *name, const char *buf,
		       size_t len, struct mig_outputs *out)
{
	out->files = NULL;
	out->nfiles = 0;
	out->stopped = o->dump_ast || o->dump_model;
	out->ast = NULL;
	out->model = NULL;

	struct ast_file *f = ast_parse(a, d, name, buf, len);
	if (!f) {
		if (a->failed)
			diag_error(d, no_loc, "out of memory");
		return 1;
	}
	out->ast = f;
	if (o->dump_ast) {
		if (out->print)
			ast_dump(f, out->print);
		return diag_ok(d) ? 0 : 1;
	}
	if (!diag_ok(d))
		return 1;

	struct m_interface *m = check_file(a, d, f, o);
	if (!m || !diag_ok(d)) {
		if (a->failed)
			diag_error(d, no_loc, "out of memory");
		return 1;
	}
	out->model = m;
	if ((o->dump_model || o->verbose) && out->print)
		model_dump(m, out->print);
	if (o->dump_model)
		return 0;

	option_warnings(o, d, m);
	struct collect c = { .o = o, .a = a, .d = d, .m = m, .out = out };
	emit_all(&c);
	if (c.failed || !diag_ok(d)) {
		out->nfiles = 0;
		return 1;
	}
	return 0;
}

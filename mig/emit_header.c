/*
 * emit_header.c - the user and server headers (section 4.4), and the
 * small outputs of section 4.9: -iheader, -dheader, -list.
 */
#include <ctype.h>
#include <stdio.h>

#include "emit.h"
#include "emit_common.h"

static const unsigned user_header_imports =
	IMPORT_BIT(IMPORT_ALL) | IMPORT_BIT(IMPORT_USER) |
	IMPORT_BIT(IMPORT_DEFS);
static const unsigned server_header_imports =
	IMPORT_BIT(IMPORT_ALL) | IMPORT_BIT(IMPORT_SERVER) |
	IMPORT_BIT(IMPORT_DEFS);

static void open_guard(struct writer *w, const char *guard)
{
	w_line(w, "#ifndef\t%s", guard);
	w_line(w, "#define\t%s", guard);
}

static void open_cplusplus(struct writer *w)
{
	w_blank(w);
	w_line(w, "#ifdef\t__cplusplus");
	w_line(w, "extern \"C\" {");
	w_line(w, "#endif");
}

static void close_cplusplus(struct writer *w)
{
	w_blank(w);
	w_line(w, "#ifdef\t__cplusplus");
	w_line(w, "}");
	w_line(w, "#endif");
}

static void emit_msg_count(struct writer *w, const struct m_interface *m)
{
	w_blank(w);
	w_line(w, "#ifndef\t%s_MSG_COUNT", m->name);
	w_line(w, "#define\t%s_MSG_COUNT\t%d", m->name, m->count);
	w_line(w, "#endif\t/* %s_MSG_COUNT */", m->name);
}

static void emit_name_map(struct writer *w, const struct m_interface *m)
{
	int i, last = -1;

	for (i = 0; i < m->count; i++)
		if (!m->routines[i].skip)
			last = i;
	w_blank(w);
	w_line(w, "#ifndef subsystem_to_name_map_%s", m->name);
	w_put(w, "#define subsystem_to_name_map_%s", m->name);
	for (i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip)
			continue;
		w_put(w, " \\\n    { \"%s\", %lld }%s", r->name,
		      (long long)r->request_id, i == last ? "" : ",");
	}
	w_line(w, "%s", "");
	w_line(w, "#endif");
}

static void emit_header_start(struct writer *w, const struct m_interface *m,
			      const struct mig_options *o, const char *guard,
			      bool server)
{
	emit_banner(w, m);
	open_guard(w, guard);
	w_blank(w);
	w_line(w, "/* Module %s */", m->name);
	w_blank(w);
	if (o && o->split_headers)
		emit_split_includes(w, server);
	else
		emit_std_includes(w);
}

void emit_user_header(struct writer *w, const struct m_interface *m,
		      const struct mig_options *o,
		      const struct emit_names *n)
{
	char guard[512];
	int i;

	(void)n;
	snprintf(guard, sizeof guard, "_%s_user_", m->name);
	emit_header_start(w, m, o, guard, false);
	emit_msg_count(w, m);
	emit_imports(w, m, user_header_imports);
	open_cplusplus(w);
	w_blank(w);
	w_line(w, "/* User-side interface of %s */", m->name);
	for (i = 0; i < m->count; i++) {
		if (m->routines[i].skip)
			continue;
		w_blank(w);
		emit_user_prototype(w, &m->routines[i]);
	}
	close_cplusplus(w);
	emit_typedef_blocks(w, m);
	emit_unions(w, m, m->user_prefix ? m->user_prefix : "", "user");
	emit_name_map(w, m);
	w_blank(w);
	w_line(w, "#endif\t /* %s */", guard);
}

void emit_server_header(struct writer *w, const struct m_interface *m,
			const struct mig_options *o,
			const struct emit_names *n)
{
	char guard[512];
	int i;

	(void)n;
	snprintf(guard, sizeof guard, "_%s_server_", m->name);
	emit_header_start(w, m, o, guard, true);
	emit_msg_count(w, m);
	emit_imports(w, m, server_header_imports);
	emit_defaults(w, false);
	open_cplusplus(w);
	w_blank(w);
	w_line(w, "/* Server-side interface of %s */", m->name);
	for (i = 0; i < m->count; i++) {
		if (m->routines[i].skip)
			continue;
		w_blank(w);
		emit_server_prototype(w, &m->routines[i]);
	}
	emit_demux_prototypes(w, m);
	w_blank(w);
	w_line(w, "/* Description of this subsystem, for use in direct RPC */");
	emit_table_head(w, m, "extern const", ";");
	close_cplusplus(w);
	emit_typedef_blocks(w, m);
	emit_unions(w, m, m->server_prefix ? m->server_prefix : "", "server");
	w_blank(w);
	w_line(w, "#endif\t /* %s */", guard);
}

void emit_iheader(struct writer *w, const struct m_interface *m,
		  const struct mig_options *o)
{
	char guard[512];
	int i;

	(void)o;
	snprintf(guard, sizeof guard, "_%s_internal_", m->name);
	emit_banner(w, m);
	open_guard(w, guard);
	w_blank(w);
	if (m->kernel_server) {
		for (i = 0; i < m->count; i++) {
			const struct m_routine *r = &m->routines[i];

			if (!r->skip)
				w_line(w, "#define %s %s_external",
				       r->user_function, r->user_function);
		}
		w_blank(w);
	}
	w_line(w, "#endif\t /* %s */", guard);
}

static void upper(char *dst, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i + 1 < n && s[i]; i++)
		dst[i] = (char)toupper((unsigned char)s[i]);
	dst[i] = '\0';
}

void emit_dheader(struct writer *w, const struct m_interface *m,
		  const struct mig_options *o)
{
	char guard[512], up[512];
	int i;

	(void)o;
	snprintf(guard, sizeof guard, "_%s_defines", m->name);
	emit_banner(w, m);
	open_guard(w, guard);
	w_blank(w);
	for (i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip)
			continue;
		upper(up, sizeof up, r->name);
		w_line(w, "#define MACH_ID_%s %lld", up,
		       (long long)r->request_id);
		if (!r->simple)
			w_line(w, "#define MACH_ID_%s_REPLY %lld", up,
			       (long long)r->reply_id);
	}
	w_blank(w);
	w_line(w, "#endif\t /* %s */", guard);
}

void emit_list(struct writer *w, const struct m_interface *m)
{
	int i;

	for (i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip)
			continue;
		w_line(w, "%s %lld %s %d %lld %lld", m->name,
		       (long long)m->base, r->name, r->number,
		       (long long)r->request_id,
		       r->simple ? 0LL : (long long)r->reply_id);
	}
}

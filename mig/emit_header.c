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

#define NLINES(a) (sizeof (a) / sizeof *(a))

/* ---- Apple's fixed blocks ---- */

static const char *const autotest_block[] = {
	"#ifdef AUTOTEST",
	"#ifndef FUNCTION_PTR_T",
	"#define FUNCTION_PTR_T",
	"typedef void (*function_ptr_t)(mach_port_t, char *, "
		"mach_msg_type_number_t);",
	"typedef struct {",
	"        char            * name;",
	"        function_ptr_t  function;",
	"} function_table_entry;",
	"typedef function_table_entry   *function_table_t;",
	"#endif /* FUNCTION_PTR_T */",
	"#endif /* AUTOTEST */",
};

static const char *const caution_block[] = {
	"/********************** Caution **************************/",
	"/* The following data types should be used to calculate  */",
	"/* maximum message sizes only. The actual message may be */",
	"/* smaller, and the position of the arguments within the */",
	"/* message layout may vary from what is presented here.  */",
	"/* For example, if any of the arguments are variable-    */",
	"/* sized, and less than the maximum is sent, the data    */",
	"/* will be packed tight in the actual message to reduce  */",
	"/* the presence of holes.                                */",
	"/********************** Caution **************************/",
};

static void emit_caution(struct writer *w)
{
	w_blank(w);
	emit_lines(w, caution_block, NLINES(caution_block));
}

/* "#ifdef __<name> / __<name> / #endif": a hook the includer may define */
static void emit_hook(struct writer *w, const char *name)
{
	w_blank(w);
	w_line(w, "#ifdef %s", name);
	w_line(w, "%s", name);
	w_line(w, "#endif /* %s */", name);
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
	int i;
	bool first = true;

	/* Apple's continues the first line even when no routine follows;
	   the empty line then ends the definition */
	w_blank(w);
	w_line(w, "#ifndef subsystem_to_name_map_%s", m->name);
	w_put(w, "#define subsystem_to_name_map_%s \\", m->name);
	for (i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip)
			continue;
		w_put(w, "%s\n    { \"%s\", %lld }", first ? "" : ",\\",
		      r->name, (long long)r->request_id);
		first = false;
	}
	w_line(w, "%s", "");
	if (first)
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
	if (o && o->split_headers) {
		emit_split_includes(w, server);
	} else {
		emit_std_includes(w);
		emit_voucher_blocks(w);
	}
	w_blank(w);
	emit_lines(w, autotest_block, NLINES(autotest_block));
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
	emit_hook(w, "__BeforeMigUserHeader");
	w_blank(w);
	w_line(w, "#include <sys/cdefs.h>");
	w_line(w, "__BEGIN_DECLS");
	w_blank(w);
	for (i = 0; i < m->count; i++) {
		if (m->routines[i].skip)
			continue;
		w_blank(w);
		emit_user_prototype(w, &m->routines[i]);
	}
	w_blank(w);
	w_line(w, "__END_DECLS");
	emit_caution(w);
	emit_message_types(w, m, m->user_prefix ? m->user_prefix : "",
			   "user");
	emit_name_map(w, m);
	emit_hook(w, "__AfterMigUserHeader");
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
	emit_hook(w, "__BeforeMigServerHeader");
	w_blank(w);
	w_line(w, "#ifndef MIG_SERVER_ROUTINE");
	w_line(w, "#define MIG_SERVER_ROUTINE");
	w_line(w, "#endif");
	w_blank(w);
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
	emit_message_types(w, m, m->server_prefix ? m->server_prefix : "",
			   "server");
	emit_name_map(w, m);
	emit_hook(w, "__AfterMigServerHeader");
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

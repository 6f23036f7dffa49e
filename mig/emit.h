/*
 * emit.h - the emitters: model in, C (or YAML, or lists) out.
 *
 * Emitters only print: every decision comes from the model (model.h) and
 * the options.  Each writes one output into a writer; none touches files.
 * `names` carries the basenames the outputs refer to each other by.
 */
#ifndef MIG_EMIT_H
#define MIG_EMIT_H

#include <stdbool.h>

#include "model.h"
#include "options.h"
#include "writer.h"

struct emit_names {
	const char *user_header;     /* basename of the user header */
	const char *server_header;   /* basename of the server header, or
	                                NULL when none is written */
};

/* section 4.4 */
void emit_user_header(struct writer *w, const struct m_interface *m,
		      const struct mig_options *o,
		      const struct emit_names *n);
/* section 4.4 (server header) */
void emit_server_header(struct writer *w, const struct m_interface *m,
			const struct mig_options *o,
			const struct emit_names *n);
/* section 4.5 / 4.6: all routines */
void emit_user(struct writer *w, const struct m_interface *m,
	       const struct mig_options *o, const struct emit_names *n);
/* -i: the file for one routine */
void emit_user_routine(struct writer *w, const struct m_interface *m,
		       const struct mig_options *o,
		       const struct emit_names *n,
		       const struct m_routine *r);
/* section 4.7 */
void emit_server(struct writer *w, const struct m_interface *m,
		 const struct mig_options *o, const struct emit_names *n);
/* section 4.9 */
void emit_iheader(struct writer *w, const struct m_interface *m,
		  const struct mig_options *o);
void emit_dheader(struct writer *w, const struct m_interface *m,
		  const struct mig_options *o);
void emit_list(struct writer *w, const struct m_interface *m);
/* section 6.3; false when libyaml failed */
bool emit_yaml(struct writer *w, const struct m_interface *m);

#endif

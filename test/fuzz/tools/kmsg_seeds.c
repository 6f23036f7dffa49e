/*
 * kmsg_seeds.c - writes the seed corpus of the kernel message fuzzer
 * (test/fuzz/kmsg-corpus/): a valid message of each shape for each
 * target, in fuzz_kmsg.c's input layout.  `make fuzz-kmsg-seeds' builds
 * and runs it; the corpus is committed, so this only matters when a
 * layout changes.  Usage: kmsg_seeds DIR.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mach_port.h>

#include "e2e.h"
#include "fuzz/fuzz_kmsg.h"

/* fk_names indices (fuzz_kmsg.c) */
enum { N_NULL, N_DEST, N_REPLY, N_SONCE, N_DEAD, N_PSET, N_SVC, N_TASK,
	N_THREAD, N_HOST, N_DEADNAME, N_DEST2, N_SONCE2 };

static const char *dir;

static void put(const char *name, unsigned target, unsigned opt,
    const void *msg, size_t size)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	fputc((int)target, f);
	fputc((int)opt, f);
	fwrite(msg, 1, size, f);
	fclose(f);
}

static void head(mach_msg_header_t *h, mach_msg_bits_t bits,
    mach_msg_size_t size, mach_port_name_t remote, mach_port_name_t local,
    mach_msg_id_t id)
{
	h->msgh_bits = bits;
	h->msgh_size = size;
	h->msgh_remote_port = remote;
	h->msgh_local_port = local;
	h->msgh_voucher_port = 0;
	h->msgh_id = id;
}

static void port_d(mach_msg_port_descriptor_t *d, mach_port_name_t n,
    unsigned disp)
{
	memset(d, 0, sizeof(*d));
	d->name = n;
	d->disposition = disp;
	d->type = MACH_MSG_PORT_DESCRIPTOR;
}

static void ool_d(mach_msg_ool_descriptor_t *d, uintptr_t k, uint32_t size,
    bool dealloc)
{
	memset(d, 0, sizeof(*d));
	d->address = (void *)k;
	d->size = size;
	d->deallocate = dealloc;
	d->copy = MACH_MSG_VIRTUAL_COPY;
	d->type = MACH_MSG_OOL_DESCRIPTOR;
}

#define RPC	MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, \
		    MACH_MSG_TYPE_MAKE_SEND_ONCE)
#define CPLX	MACH_MSGH_BITS_COMPLEX

static void own(void)
{
	struct { mach_msg_header_t h; uint32_t v; } s;
	struct {
		mach_msg_header_t		h;
		mach_msg_body_t			b;
		mach_msg_port_descriptor_t	p[6];
		uint32_t			v;
	} c;
	struct {
		mach_msg_header_t		h;
		mach_msg_body_t			b;
		mach_msg_ool_descriptor_t	o[3];
		mach_msg_ool_ports_descriptor_t	op;
	} o;

	memset(&s, 0, sizeof(s));
	head(&s.h, MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), 0, N_DEST, 0,
	    1);
	s.v = 42;
	put("own-simple", FK_TO_OWN, 0, &s, sizeof(s));
	put("own-header-only", FK_TO_OWN, 0, &s, sizeof(s.h));
	head(&s.h, RPC, 0, N_DEST, N_REPLY, 2);
	put("own-reply-receive", FK_TO_OWN, 0x01 | (4 << 2), &s, sizeof(s));
	head(&s.h, MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE,
	    MACH_MSG_TYPE_MOVE_SEND_ONCE), 0, N_SONCE, N_SONCE2, 3);
	put("any-send-once-both", FK_TO_ANY, 0x01, &s, sizeof(s));
	head(&s.h, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_COPY_SEND), 0, N_DEST, N_DEST, 4);
	put("any-same-name", FK_TO_ANY, 0x03 | 0x80, &s, sizeof(s));
	head(&s.h, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 0,
	    N_DEADNAME, 0, 5);
	put("any-dead-dest", FK_TO_ANY, 0, &s, sizeof(s));

	memset(&c, 0, sizeof(c));
	head(&c.h, CPLX | MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0), 0,
	    N_DEST, 0, 10);
	c.b.msgh_descriptor_count = 6;
	port_d(&c.p[0], N_DEST2, MACH_MSG_TYPE_MOVE_RECEIVE);
	port_d(&c.p[1], N_SVC, MACH_MSG_TYPE_COPY_SEND);
	port_d(&c.p[2], N_SONCE2, MACH_MSG_TYPE_MOVE_SEND_ONCE);
	port_d(&c.p[3], N_REPLY, MACH_MSG_TYPE_MAKE_SEND);
	port_d(&c.p[4], N_DEADNAME, MACH_MSG_TYPE_COPY_SEND);
	port_d(&c.p[5], N_DEAD, MACH_MSG_TYPE_MOVE_SEND);
	c.v = 7;
	put("own-ports", FK_TO_OWN, 0x01, &c, sizeof(c));
	/* The receive right of the destination itself: a circular send. */
	port_d(&c.p[0], N_DEST, MACH_MSG_TYPE_MOVE_RECEIVE);
	put("own-circular", FK_TO_OWN, 0, &c, sizeof(c));
	c.b.msgh_descriptor_count = 2;
	port_d(&c.p[0], N_PSET, MACH_MSG_TYPE_MOVE_RECEIVE);
	put("own-pset-right", FK_TO_OWN, 0, &c, 24 + 4 + 24);

	memset(&o, 0, sizeof(o));
	head(&o.h, CPLX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 0,
	    N_DEST, 0, 11);
	o.b.msgh_descriptor_count = 4;
	ool_d(&o.o[0], 1, 5000, false);
	ool_d(&o.o[1], 2, 0, false);
	ool_d(&o.o[2], 3, 4096, true);
	o.op.address = (void *)1;
	o.op.count = 2;
	o.op.disposition = MACH_MSG_TYPE_MAKE_SEND;
	o.op.copy = MACH_MSG_VIRTUAL_COPY;
	o.op.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	put("own-ool", FK_TO_OWN, 0x01 | 0x02, &o, sizeof(o));
	ool_d(&o.o[0], 0x10000, 100, false);		/* not mapped */
	put("own-ool-unreadable", FK_TO_OWN, 0, &o, sizeof(o));
}

static void kobject(void)
{
	__Request__mach_port_allocate_t a;
	__Request__mach_port_type_t t;
	__Request__mach_port_get_refs_t g;
	__Request__mach_port_insert_right_t ir;
	__Request__mach_port_names_t n;

	memset(&a, 0, sizeof(a));
	head(&a.Head, RPC, 0, 0, N_REPLY, 3204);
	a.NDR = NDR_record;
	a.right = MACH_PORT_RIGHT_RECEIVE;
	put("kobject-port-allocate", FK_TO_KOBJECT, 0x01, &a, sizeof(a));
	memset(&t, 0, sizeof(t));
	head(&t.Head, RPC, 0, 0, N_REPLY, 3201);
	t.NDR = NDR_record;
	t.name = N_DEST;
	put("kobject-port-type", FK_TO_KOBJECT, 0, &t, sizeof(t));
	memset(&g, 0, sizeof(g));
	head(&g.Head, RPC, 0, 0, N_REPLY, 3207);
	g.NDR = NDR_record;
	g.name = N_SVC;
	g.right = MACH_PORT_RIGHT_SEND;
	put("kobject-get-refs", FK_TO_KOBJECT, 0x01, &g, sizeof(g));
	memset(&ir, 0, sizeof(ir));
	head(&ir.Head, CPLX | RPC, 0, 0, N_REPLY, 3214);
	ir.msgh_body.msgh_descriptor_count = 1;
	port_d(&ir.poly, N_DEST2, MACH_MSG_TYPE_MAKE_SEND);
	ir.NDR = NDR_record;
	ir.name = 0x777;
	put("kobject-insert-right", FK_TO_KOBJECT, 0x01, &ir, sizeof(ir));
	memset(&n, 0, sizeof(n));
	head(&n.Head, RPC, 0, 0, N_REPLY, 3200);
	put("kobject-port-names", FK_TO_KOBJECT, 0x01, &n, sizeof(n));
	put("kobject-thread-port-names", FK_TO_KOBJECT | (1 << 2), 0x01, &n,
	    sizeof(n));
	put("kobject-host-port-names", FK_TO_KOBJECT | (2 << 2), 0x01, &n,
	    sizeof(n));
	head(&n.Head, RPC, 0, 0, N_REPLY, 0x7fffffff);
	put("kobject-id-max", FK_TO_KOBJECT, 0x01, &n, sizeof(n));
}

static void server(void)
{
	__Request__e2e_scalars_t sc;
	__Request__e2e_inline_t in;
	__Request__e2e_strings_t st;
	__Request__e2e_ports_in_t pi;
	__Request__e2e_ool_t ool;
	__Request__e2e_poly_t po;
	__Request__e2e_port_arrays_t pa;
	__Request__e2e_note_t no;
	__Request__e2e_fail_t fa;
	__Request__e2e_ports_out_t out;
	__Request__e2e_stop_t stop;

	memset(&sc, 0, sizeof(sc));
	head(&sc.Head, RPC, 0, 0, N_REPLY, 7300);
	sc.NDR = NDR_record;
	sc.a = 1;
	sc.b = 2;
	put("server-scalars", FK_TO_SERVER, 0, &sc, sizeof(sc));

	memset(&in, 0, sizeof(in));
	head(&in.Head, RPC, 0, 0, N_REPLY, 7301);
	in.NDR = NDR_record;
	in.vCnt = 16;
	put("server-inline", FK_TO_SERVER, 0, &in, sizeof(in));

	memset(&st, 0, sizeof(st));
	head(&st.Head, RPC, 0, 0, N_REPLY, 7304);
	st.NDR = NDR_record;
	strcpy(st.s, "abc");
	st.vsCnt = 4;
	memcpy(st.vs, "xyz", 4);
	put("server-strings", FK_TO_SERVER, 0, &st, sizeof(st) - 28);

	memset(&pi, 0, sizeof(pi));
	head(&pi.Head, CPLX | RPC, 0, 0, N_REPLY, 7305);
	pi.msgh_body.msgh_descriptor_count = 6;
	port_d(&pi.r, N_DEST2, MACH_MSG_TYPE_MOVE_RECEIVE);
	port_d(&pi.s, N_SVC, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pi.so, N_SONCE, MACH_MSG_TYPE_MOVE_SEND_ONCE);
	port_d(&pi.c, N_DEST, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pi.m, N_REPLY, MACH_MSG_TYPE_MAKE_SEND);
	port_d(&pi.mo, N_REPLY, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	pi.NDR = NDR_record;
	pi.nm = 0x1234;
	put("server-ports-in", FK_TO_SERVER, 0, &pi, sizeof(pi));

	memset(&ool, 0, sizeof(ool));
	head(&ool.Head, CPLX | RPC, 0, 0, N_REPLY, 7303);
	ool.msgh_body.msgh_descriptor_count = 7;
	ool_d(&ool.a, 1, 300, false);
	ool_d(&ool.d, 2, 5000, true);
	ool_d(&ool.dr, 3, 0, false);
	ool_d(&ool.fx, 4, 16, false);
	ool_d(&ool.bd, 5, 64, false);
	ool_d(&ool.ints, 6, 40, false);
	ool_d(&ool.pc, 7, 10, false);
	ool.NDR = NDR_record;
	ool.aCnt = 300;
	ool.dCnt = 5000;
	ool.bdCnt = 64;
	ool.intsCnt = 10;
	ool.pcCnt = 10;
	put("server-ool", FK_TO_SERVER, 0, &ool, sizeof(ool));

	memset(&po, 0, sizeof(po));
	head(&po.Head, CPLX | RPC, 0, 0, N_REPLY, 7306 + 1);
	po.msgh_body.msgh_descriptor_count = 2;
	port_d(&po.p, N_DEST, MACH_MSG_TYPE_MOVE_RECEIVE);
	port_d(&po.once, N_REPLY, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	po.NDR = NDR_record;
	po.which = 2;
	put("server-poly", FK_TO_SERVER, 0, &po, sizeof(po));

	memset(&pa, 0, sizeof(pa));
	head(&pa.Head, CPLX | RPC, 0, 0, N_REPLY, 7308);
	pa.msgh_body.msgh_descriptor_count = 9;
	port_d(&pa.four[0], N_SVC, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pa.four[1], N_DEST, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pa.four[2], 0, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pa.four[3], N_DEADNAME, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pa.some[0], N_SVC, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pa.some[1], 0, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pa.some[2], 0, MACH_MSG_TYPE_COPY_SEND);
	port_d(&pa.some[3], 0, MACH_MSG_TYPE_COPY_SEND);
	pa.many.address = (void *)1;
	pa.many.count = 1;
	pa.many.disposition = MACH_MSG_TYPE_COPY_SEND;
	pa.many.copy = MACH_MSG_VIRTUAL_COPY;
	pa.many.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	pa.NDR = NDR_record;
	pa.someCnt = 1;
	pa.manyCnt = 1;
	put("server-port-arrays", FK_TO_SERVER, 0, &pa, sizeof(pa));

	memset(&no, 0, sizeof(no));
	head(&no.Head, CPLX | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 0,
	    0, 0, 7310);
	no.msgh_body.msgh_descriptor_count = 1;
	port_d(&no.p, N_DEST, MACH_MSG_TYPE_MAKE_SEND);
	no.NDR = NDR_record;
	put("server-note", FK_TO_SERVER, 0, &no, sizeof(no));

	memset(&fa, 0, sizeof(fa));
	head(&fa.Head, CPLX | RPC, 0, 0, N_REPLY, 7311);
	fa.msgh_body.msgh_descriptor_count = 2;
	port_d(&fa.p, N_DEST, MACH_MSG_TYPE_MAKE_SEND);
	ool_d(&fa.d, 1, 100, false);
	fa.NDR = NDR_record;
	fa.code = 5;
	fa.dCnt = 100;
	put("server-fail", FK_TO_SERVER, 0, &fa, sizeof(fa));

	memset(&out, 0, sizeof(out));
	head(&out.Head, RPC, 0, 0, N_REPLY, 7306);
	put("server-ports-out", FK_TO_SERVER, 0, &out, sizeof(out));
	head(&out.Head, RPC, 0, 0, N_REPLY, 7309);
	put("server-trailer", FK_TO_SERVER, 0, &out, sizeof(out));
	head(&out.Head, RPC, 0, 0, N_REPLY, 7312);
	put("server-skipped-id", FK_TO_SERVER, 0, &out, sizeof(out));
	memset(&stop, 0, sizeof(stop));
	head(&stop.Head, RPC, 0, 0, N_REPLY, 7313);
	put("server-stop", FK_TO_SERVER, 0, &stop, sizeof(stop));
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: kmsg_seeds DIR\n");
		return 2;
	}
	dir = argv[1];
	own();
	kobject();
	server();
	return 0;
}

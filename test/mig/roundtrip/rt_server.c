/*
 * rt_server.c - the work functions behind rt.defs (ServerPrefix srv_).
 * Each records what it saw in rt_seen so the tests can check the request
 * arrived intact.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rtServer.h"
#include "rt_server.h"

struct rt_seen rt_seen;

kern_return_t srv_rt_add(mach_port_t server, int a, int b, int *sum)
{
	rt_seen.server = server;
	*sum = a + b;
	return KERN_SUCCESS;
}

kern_return_t srv_rt_note(mach_port_t server, int v)
{
	rt_seen.server = server;
	rt_seen.note = v;
	return KERN_SUCCESS;
}

kern_return_t srv_rt_fixarr(mach_port_t server, int4_t f, int4_t g,
			    bytes13_t c)
{
	int i;

	(void)server;
	for (i = 0; i < 4; i++)
		g[i] = f[i] * 2;
	for (i = 0; i < 13; i++)
		c[i] = (char)(c[i] + 1);
	return KERN_SUCCESS;
}

kern_return_t srv_rt_vararr(mach_port_t server, intvar_t v,
			    mach_msg_type_number_t vCnt, int tail,
			    intvar_t w, mach_msg_type_number_t *wCnt,
			    int *tail2)
{
	mach_msg_type_number_t i;

	(void)server;
	rt_seen.count = vCnt;
	rt_seen.tail = tail;
	rt_seen.out_capacity = *wCnt;
	for (i = 0; i < vCnt; i++)
		w[i] = v[vCnt - 1 - i];
	*wCnt = vCnt;
	*tail2 = tail + 1;
	return KERN_SUCCESS;
}

kern_return_t srv_rt_ool(mach_port_t server, ool_t data,
			 mach_msg_type_number_t dataCnt, ool_t *back,
			 mach_msg_type_number_t *backCnt, ints_t ints,
			 mach_msg_type_number_t intsCnt, ints_t *ints2,
			 mach_msg_type_number_t *ints2Cnt)
{
	mach_msg_type_number_t i;
	unsigned char *b = malloc(dataCnt ? dataCnt : 1);
	int *n = malloc(intsCnt ? intsCnt * sizeof(int) : 1);

	(void)server;
	for (i = 0; i < dataCnt; i++)
		b[i] = data[dataCnt - 1 - i];
	for (i = 0; i < intsCnt; i++)
		n[i] = ints[i] * 3;
	rt_seen.count = dataCnt;
	free(data);             /* ^array[]: the region is ours */
	*back = b;
	*backCnt = dataCnt;
	*ints2 = n;
	*ints2Cnt = intsCnt;
	return KERN_SUCCESS;
}

kern_return_t srv_rt_strings(mach_port_t server, name_t s, vname_t vs,
			     name_t os, vname_t ovs)
{
	size_t n = strlen(vs), i;

	(void)server;
	strcpy(os, "got:");
	strncat(os, s, sizeof(name_t) - 5);
	for (i = 0; i < n; i++)
		ovs[i] = vs[n - 1 - i];
	ovs[n] = '\0';
	return KERN_SUCCESS;
}

kern_return_t srv_rt_ports(mach_port_t server, mach_port_t p,
			   mach_port_t *q, mach_port_t r, ports_t pa,
			   mach_msg_type_number_t paCnt)
{
	mach_msg_type_number_t i;

	(void)server;
	rt_seen.port_p = p;
	rt_seen.port_r = r;
	rt_seen.count = paCnt;
	rt_seen.port_sum = 0;
	for (i = 0; i < paCnt; i++)
		rt_seen.port_sum += pa[i];
	*q = p + 1;
	return KERN_SUCCESS;
}

kern_return_t srv_rt_cio(mach_port_t server, intvar_t w,
			 mach_msg_type_number_t *wCnt)
{
	mach_msg_type_number_t i;

	(void)server;
	rt_seen.out_capacity = *wCnt;
	for (i = 0; i < 10; i++)
		w[i] = (int)i;
	*wCnt = 10;
	return KERN_SUCCESS;
}

/* rt_tail: a request that ends in its variable array; n its sum. */
kern_return_t srv_rt_tail(mach_port_t server, intvar_t v,
			  mach_msg_type_number_t vCnt, int *n)
{
	mach_msg_type_number_t i;

	(void)server;
	rt_seen.count = vCnt;
	*n = 0;
	for (i = 0; i < vCnt; i++)
		*n += v[i];
	return KERN_SUCCESS;
}

kern_return_t srv_rt_fail(mach_port_t server, int code, int *never)
{
	(void)server;
	*never = 99;
	return code;
}

/* x: a reversed; y: b with each byte plus one; z: c plus every element */
kern_return_t srv_rt_twovar(mach_port_t server, intvar_t a,
			    mach_msg_type_number_t aCnt, bytesvar_t b,
			    mach_msg_type_number_t bCnt, int c, intvar_t x,
			    mach_msg_type_number_t *xCnt, bytesvar_t y,
			    mach_msg_type_number_t *yCnt, int *z)
{
	mach_msg_type_number_t i;

	(void)server;
	rt_seen.count = aCnt;
	rt_seen.tail = c;
	*z = c;
	for (i = 0; i < aCnt; i++) {
		x[i] = a[aCnt - 1 - i];
		*z += a[i];
	}
	for (i = 0; i < bCnt; i++) {
		y[i] = (char)(b[i] + 1);
		*z += b[i];
	}
	*xCnt = aCnt;
	*yCnt = bCnt;
	if (c == -1)            /* a count past the bound: the stub refuses it */
		*yCnt = 11;
	return KERN_SUCCESS;
}

/* The region comes in (count and bytes), a longer one goes back: the
   bytes reversed, then '!'. */
kern_return_t srv_rt_inool(mach_port_t server, ool_t *d,
			   mach_msg_type_number_t *dCnt)
{
	mach_msg_type_number_t i, n = *dCnt;
	unsigned char *b = malloc(n + 1);

	(void)server;
	rt_seen.aligned = (uintptr_t)d % _Alignof(ool_t) == 0;
	rt_seen.count = n;
	if (b == NULL)
		return KERN_RESOURCE_SHORTAGE;
	for (i = 0; i < n; i++)
		b[i] = (*d)[n - 1 - i];
	b[n] = '!';
	free(*d);		/* the region that came is ours */
	*d = b;			/* and this one goes (Dealloc) */
	*dCnt = n + 1;
	return KERN_SUCCESS;
}

/* A polymorphic right in and one out: q is p's name plus one, sent as
   a send-once right made from it; io comes back as the name after the
   one that came. */
kern_return_t srv_rt_poly(mach_port_t server, mach_port_t p,
			  mach_msg_type_name_t pPoly, mach_port_t s,
			  mach_port_t *q, mach_msg_type_name_t *qPoly,
			  mach_port_t *io)
{
	(void)server;
	rt_seen.note = (int)*io;
	*io += 1;
	rt_seen.port_p = p;
	rt_seen.poly = pPoly;
	rt_seen.port_r = s;
	*q = p + 1;
	*qPoly = MACH_MSG_TYPE_MAKE_SEND_ONCE;
	return KERN_SUCCESS;
}

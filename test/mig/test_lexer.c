/*
 * test_lexer.c - the scanner of mig/lexer.l (MIG-LANGUAGE.md section 1).
 *
 * Drives the reentrant scanner directly over strings and checks token
 * kinds, values, texts and locations, and the diagnostics it reports.
 * Needs the generated headers (build/mig/parser.h, lexer.h) on the
 * include path.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "parser.h"
#define YYSTYPE PARSER_STYPE
#define YYLTYPE PARSER_LTYPE
#include "lexer.h"

Suite *lexer_suite(void);

#define MAXTOK 64

struct lexed {
	struct arena arena;
	struct diag diag;
	int n;
	int kind[MAXTOK];
	struct tok tok[MAXTOK];
	struct mig_loc loc[MAXTOK];
};

/* Scan src to its end (at most MAXTOK tokens); diagnostics into
   l->diag.text without reading any file. */
static void lex(struct lexed *l, const char *src)
{
	struct lex_state lx;
	yyscan_t sc;
	arena_init(&l->arena);
	diag_init(&l->diag, &l->arena, NULL);
	l->diag.show_source = false;
	l->n = 0;
	lex_begin(&lx, &l->arena, &l->diag, "t.defs", src, strlen(src));
	ck_assert_int_eq(lexer_lex_init_extra(&lx, &sc), 0);
	YY_BUFFER_STATE b = lexer__scan_bytes(src, (int)strlen(src), sc);
	PARSER_STYPE v;
	PARSER_LTYPE loc;
	int k;
	while (l->n < MAXTOK && (k = lexer_lex(&v, &loc, sc)) != 0) {
		l->kind[l->n] = k;
		l->tok[l->n] = v.tok;
		l->loc[l->n] = loc;
		l->n++;
	}
	lexer__delete_buffer(b, sc);
	lexer_lex_destroy(sc);
	lex_end(&lx);
}

static void done(struct lexed *l)
{
	diag_fini(&l->diag);
	arena_free(&l->arena);
}

static const char *diags(const struct lexed *l)
{
	return l->diag.text ? l->diag.text : "";
}

#define CHECK_DIAG(l, s) \
	ck_assert_msg(strstr(diags(l), (s)) != NULL, \
		      "expected \"%s\" in:\n%s", (s), diags(l))

/* ---- words ---- */

START_TEST(identifiers_longest_match)
{
	struct lexed l;
	lex(&l, "input in inout _x9 out_ Routine");
	ck_assert_int_eq(l.n, 6);
	ck_assert_int_eq(l.kind[0], IDENT);
	ck_assert_str_eq(l.tok[0].text, "input");
	ck_assert_int_eq(l.kind[1], K_IN);
	ck_assert_int_eq(l.kind[2], K_INOUT);
	ck_assert_int_eq(l.kind[3], IDENT);
	ck_assert_int_eq(l.kind[4], IDENT);
	ck_assert_int_eq(l.kind[5], K_ROUTINE);
	ck_assert_str_eq(l.tok[5].text, "Routine");
	ck_assert_int_eq(l.diag.errors, 0);
	done(&l);
}
END_TEST

static const struct {
	const char *word;
	int kind;
} keywords[] = {
	{ "subsystem", K_SUBSYSTEM }, { "kerneluser", K_KERNELUSER },
	{ "kernelserver", K_KERNELSERVER }, { "routine", K_ROUTINE },
	{ "simpleroutine", K_SIMPLEROUTINE }, { "skip", K_SKIP },
	{ "type", K_TYPE }, { "import", K_IMPORT }, { "uimport", K_UIMPORT },
	{ "simport", K_SIMPORT }, { "dimport", K_DIMPORT },
	{ "iimport", K_IIMPORT }, { "serverprefix", K_SERVERPREFIX },
	{ "userprefix", K_USERPREFIX }, { "serverdemux", K_SERVERDEMUX },
	{ "rcsid", K_RCSID }, { "error", K_ERROR },
	{ "waittime", K_WAITTIME }, { "nowaittime", K_NOWAITTIME },
	{ "sendtime", K_SENDTIME }, { "nosendtime", K_NOSENDTIME },
	{ "msgoption", K_MSGOPTION },
	{ "usespecialreplyport", K_USESPECIALREPLYPORT },
	{ "consumeonsenderror", K_CONSUMEONSENDERROR },
	{ "array", K_ARRAY }, { "of", K_OF }, { "struct", K_STRUCT },
	{ "c_string", K_CSTRING }, { "polymorphic", K_POLYMORPHIC },
	{ "intran", K_INTRAN }, { "intranpayload", K_INTRANPAYLOAD },
	{ "outtran", K_OUTTRAN }, { "destructor", K_DESTRUCTOR },
	{ "ctype", K_CTYPE }, { "cusertype", K_CUSERTYPE },
	{ "cservertype", K_CSERVERTYPE },
	{ "in", K_IN }, { "out", K_OUT }, { "inout", K_INOUT },
	{ "requestport", K_REQUESTPORT }, { "replyport", K_REPLYPORT },
	{ "sreplyport", K_SREPLYPORT }, { "ureplyport", K_UREPLYPORT },
	{ "msgseqno", K_MSGSEQNO }, { "sectoken", K_SECTOKEN },
	{ "serversectoken", K_SERVERSECTOKEN },
	{ "usersectoken", K_USERSECTOKEN }, { "audittoken", K_AUDITTOKEN },
	{ "serveraudittoken", K_SERVERAUDITTOKEN },
	{ "useraudittoken", K_USERAUDITTOKEN },
	{ "servercontexttoken", K_SERVERCONTEXTTOKEN },
	{ "serverimpl", K_SERVERIMPL }, { "userimpl", K_USERIMPL },
	{ "dealloc", K_DEALLOC }, { "notdealloc", K_NOTDEALLOC },
	{ "countinout", K_COUNTINOUT }, { "samecount", K_SAMECOUNT },
	{ "retcode", K_RETCODE }, { "physicalcopy", K_PHYSICALCOPY },
	{ "overwrite", K_OVERWRITE }, { "auto", K_AUTO },
	{ "const", K_CONST }, { "islong", K_ISLONG },
	{ "isnotlong", K_ISNOTLONG }, { "servercopy", K_SERVERCOPY },
};

/* Every reserved word, in lower, upper and mixed case. */
START_TEST(keywords_case_insensitive)
{
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++) {
		/* import keywords open a file name (see imports); and
		   consumeonsenderror, a statement keyword, closes any
		   parenthesis and opens a raw field */
		if (strstr(keywords[i].word, "import") ||
		    keywords[i].kind == K_CONSUMEONSENDERROR)
			continue;
		char lower[64], upper[64], mixed[64], src[256];
		size_t n = strlen(keywords[i].word);
		for (size_t j = 0; j <= n; j++) {
			char c = keywords[i].word[j];
			lower[j] = c;
			upper[j] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
			mixed[j] = j % 2 ? upper[j] : lower[j];
		}
		/* in parentheses, so raw fields do not open */
		snprintf(src, sizeof src, "(%s %s %s)", lower, upper, mixed);
		struct lexed l;
		lex(&l, src);
		ck_assert_msg(l.n == 5, "'%s': %d tokens", src, l.n);
		for (int k = 1; k <= 3; k++)
			ck_assert_msg(l.kind[k] == keywords[i].kind,
				      "'%s' token %d", src, k);
		done(&l);
	}
}
END_TEST

START_TEST(case_sensitive_words)
{
	struct lexed l;
	lex(&l, "PointerTo PointerToIfNot ValueOf UserTypeLimit OnStackLimit "
		"pointerto VALUEOF usertypelimit Onstacklimit");
	ck_assert_int_eq(l.n, 9);
	ck_assert_int_eq(l.kind[0], K_POINTERTO);
	ck_assert_int_eq(l.kind[1], K_POINTERTOIFNOT);
	ck_assert_int_eq(l.kind[2], K_VALUEOF);
	ck_assert_int_eq(l.kind[3], K_USERTYPELIMIT);
	ck_assert_int_eq(l.kind[4], K_ONSTACKLIMIT);
	for (int i = 5; i < 9; i++)
		ck_assert_int_eq(l.kind[i], IDENT);
	ck_assert_ptr_null(l.tok[0].canon);
	ck_assert_str_eq(l.tok[5].canon, "PointerTo");
	ck_assert_str_eq(l.tok[6].canon, "ValueOf");
	ck_assert_str_eq(l.tok[7].canon, "UserTypeLimit");
	ck_assert_str_eq(l.tok[8].canon, "OnStackLimit");
	done(&l);
}
END_TEST

START_TEST(msgtype_names)
{
	struct lexed l;
	lex(&l, "MACH_MSG_TYPE_COPY_SEND MACH_MSG_TYPE_INTEGER_32 "
		"MACH_MSG_TYPE_POLYMORPHIC MACH_MSG_TYPE_STRING_C "
		"mach_msg_type_copy_send MACH_MSG_TYPE_NOPE "
		"MACH_MSG_TYPE_PORT_SEND_ONCE MACH_MSG_TYPE_MAKE_SEND_ONCE");
	ck_assert_int_eq(l.n, 8);
	ck_assert_int_eq(l.kind[0], MSGTYPE);
	ck_assert_int_eq(l.tok[0].msgtype, MT_COPY_SEND);
	ck_assert_int_eq(l.tok[0].num, 19);
	ck_assert_int_eq(l.tok[1].msgtype, MT_INTEGER_32);
	ck_assert_int_eq(l.tok[1].num, 2);
	ck_assert_int_eq(l.tok[2].msgtype, MT_POLYMORPHIC);
	ck_assert_int_eq(l.tok[2].num, -1);
	ck_assert_int_eq(l.tok[3].msgtype, MT_STRING_C);
	ck_assert_int_eq(l.kind[4], IDENT);
	ck_assert_str_eq(l.tok[4].canon, "MACH_MSG_TYPE_COPY_SEND");
	ck_assert_int_eq(l.kind[5], IDENT);
	ck_assert_ptr_null(l.tok[5].canon);
	ck_assert_int_eq(l.tok[6].num, 18);
	ck_assert_int_eq(l.tok[7].num, 21);
	done(&l);
}
END_TEST

START_TEST(msgtype_table)
{
	for (int i = 0; i < MT_COUNT_; i++) {
		const char *name = ast_msgtype_name((enum ast_msgtype)i);
		ck_assert_ptr_nonnull(name);
		ck_assert_int_eq(ast_msgtype_find(name), i);
	}
	ck_assert_int_eq(ast_msgtype_find("MACH_MSG_TYPE_"), -1);
	ck_assert_ptr_null(ast_msgtype_name(MT_COUNT_));
	ck_assert_int_eq(ast_msgtype_value(MT_MOVE_RECEIVE), 16);
	ck_assert_int_eq(ast_msgtype_value(MT_PORT_NAME), 15);
	ck_assert_ptr_null(ast_case_sensitive_word("ValueOf"));
	ck_assert_ptr_null(ast_case_sensitive_word("foo"));
	ck_assert_str_eq(ast_case_sensitive_word("pointertoifnot"),
			 "PointerToIfNot");
}
END_TEST

/* ---- numbers ---- */

START_TEST(numbers)
{
	struct lexed l;
	lex(&l, "0 42 0x1F 0xff 2147483647 0x7fffffff");
	ck_assert_int_eq(l.n, 6);
	int64_t want[] = { 0, 42, 31, 255, 2147483647, 2147483647 };
	for (int i = 0; i < 6; i++) {
		ck_assert_int_eq(l.kind[i], NUMBER);
		ck_assert_int_eq(l.tok[i].num, want[i]);
	}
	ck_assert_str_eq(l.tok[2].text, "0x1F");
	ck_assert_int_eq(l.diag.errors + l.diag.warnings, 0);
	done(&l);
}
END_TEST

START_TEST(number_leading_zero)
{
	struct lexed l;
	lex(&l, "010 00");
	ck_assert_int_eq(l.tok[0].num, 10);
	ck_assert_int_eq(l.tok[1].num, 0);
	ck_assert_int_eq(l.diag.errors, 0);
	ck_assert_int_eq(l.diag.warnings, 2);
	CHECK_DIAG(&l, "t.defs:1:1: warning: leading zero ignored; '010' is "
		   "decimal 10");
	done(&l);
}
END_TEST

START_TEST(number_errors)
{
	struct lexed l;
	lex(&l, "2147483648 0x80000000 99999999999999999999 1e3 0x 0X10 12ab");
	ck_assert_int_eq(l.n, 7);
	for (int i = 0; i < 7; i++)
		ck_assert_int_eq(l.kind[i], NUMBER);
	ck_assert_int_eq(l.diag.errors, 7);
	CHECK_DIAG(&l, "1:1: error: number '2147483648' is too large "
		   "(maximum 2147483647)");
	CHECK_DIAG(&l, "1:12: error: number '0x80000000' is too large");
	CHECK_DIAG(&l, "error: number '99999999999999999999' is too large");
	CHECK_DIAG(&l, "1:44: error: invalid number '1e3'");
	CHECK_DIAG(&l, "1:48: error: invalid number '0x'");
	CHECK_DIAG(&l, "error: invalid number '0X10'");
	CHECK_DIAG(&l, "error: invalid number '12ab'");
	done(&l);
}
END_TEST

/* ---- punctuation and bad characters ---- */

START_TEST(punctuation)
{
	const char *p = ": ; , + - * / ( ) = ^ [ ] { } |";
	struct lexed l;
	lex(&l, p);
	ck_assert_int_eq(l.n, 16);
	for (int i = 0; i < 16; i++) {
		ck_assert_int_eq(l.kind[i], p[2 * i]);
		ck_assert_int_eq(l.loc[i].col, 2 * i + 1);
		ck_assert_int_eq(l.loc[i].len, 1);
	}
	ck_assert_int_eq(l.diag.errors, 0);
	done(&l);
}
END_TEST

START_TEST(unexpected_characters)
{
	struct lexed l;
	lex(&l, "a ~ < > @ ` \x01 ' b");
	ck_assert_int_eq(l.n, 2);
	ck_assert_int_eq(l.diag.errors, 7);
	CHECK_DIAG(&l, "t.defs:1:3: error: unexpected character '~'");
	CHECK_DIAG(&l, "1:5: error: unexpected character '<'");
	CHECK_DIAG(&l, "1:7: error: unexpected character '>'");
	CHECK_DIAG(&l, "unexpected character '@'");
	CHECK_DIAG(&l, "unexpected character '`'");
	CHECK_DIAG(&l, "unexpected character '\\x01'");
	CHECK_DIAG(&l, "unexpected character '\\''");
	done(&l);
}
END_TEST

START_TEST(strings)
{
	struct lexed l;
	lex(&l, "RCSId \"$Id: x \\\" y$\"; \"open");
	ck_assert_int_eq(l.kind[0], K_RCSID);
	ck_assert_int_eq(l.kind[1], QSTRING);
	ck_assert_str_eq(l.tok[1].text, "\"$Id: x \\\" y$\"");
	ck_assert_int_eq(l.kind[2], ';');
	ck_assert_int_eq(l.kind[3], LEXERROR);
	CHECK_DIAG(&l, "1:23: error: missing terminating '\"' character");
	done(&l);
}
END_TEST

/* ---- locations, comments, whitespace ---- */

START_TEST(locations)
{
	struct lexed l;
	lex(&l, "type\tx =\r\n\f\v  y;\n  routine");
	ck_assert_int_eq(l.n, 6);
	ck_assert_int_eq(l.loc[0].line, 1);
	ck_assert_int_eq(l.loc[0].col, 1);
	ck_assert_int_eq(l.loc[0].len, 4);
	ck_assert_int_eq(l.loc[1].col, 6);          /* a tab counts 1 */
	ck_assert_int_eq(l.loc[3].line, 2);
	ck_assert_int_eq(l.loc[3].col, 5);
	ck_assert_int_eq(l.loc[5].line, 3);
	ck_assert_int_eq(l.loc[5].col, 3);
	ck_assert_int_eq(l.loc[5].len, 7);
	ck_assert_str_eq(l.loc[5].ppline, "  routine");
	ck_assert_str_eq(l.loc[0].ppline, "type\tx =\r");
	ck_assert_str_eq(l.loc[0].file->name, "t.defs");
	ck_assert_str_eq(l.tok[5].text, "routine");
	done(&l);
}
END_TEST

START_TEST(comments)
{
	struct lexed l;
	lex(&l, "a /* x\n y */ b // c d\ne /* never closed\n\n");
	ck_assert_int_eq(l.n, 3);
	ck_assert_str_eq(l.tok[1].text, "b");
	ck_assert_int_eq(l.loc[1].line, 2);
	ck_assert_int_eq(l.loc[1].col, 7);
	ck_assert_int_eq(l.loc[2].line, 3);
	ck_assert_int_eq(l.diag.errors, 1);
	CHECK_DIAG(&l, "t.defs:3:3: error: unterminated comment");
	done(&l);
}
END_TEST

/* ---- preprocessor lines ---- */

START_TEST(line_markers)
{
	struct lexed l;
	lex(&l, "a\n# 10 \"x.defs\"\nb\n\n#line 20 \"y\\\\z.defs\"\nc\n"
		"  # 7\nd\n#line 3\ne\n# 0 \"<built-in>\"\n"
		"# 40 \"y\\\\z.defs\" 3 4\nf");
	ck_assert_int_eq(l.n, 6);
	ck_assert_str_eq(l.loc[0].file->name, "t.defs");
	ck_assert_int_eq(l.loc[0].line, 1);
	ck_assert_str_eq(l.loc[1].file->name, "x.defs");
	ck_assert_int_eq(l.loc[1].line, 10);
	ck_assert_str_eq(l.loc[2].file->name, "y\\z.defs");
	ck_assert_int_eq(l.loc[2].line, 20);
	ck_assert_ptr_eq(l.loc[3].file, l.loc[2].file);
	ck_assert_int_eq(l.loc[3].line, 7);
	ck_assert_int_eq(l.loc[4].line, 3);
	ck_assert_str_eq(l.loc[5].file->name, "y\\z.defs");
	ck_assert_int_eq(l.loc[5].line, 40);
	ck_assert_int_eq(l.diag.errors, 0);
	done(&l);
}
END_TEST

START_TEST(include_stack)
{
	struct lexed l;
	lex(&l, "# 1 \"top.defs\"\nsubsystem\n"
		"# 1 \"/usr/include/stdc-predef.h\" 1 3 4\n"
		"# 1 \"top.defs\" 2\n"
		"x\n"
		"# 1 \"a.defs\" 1\n"
		"y\n"
		"# 1 \"b.defs\" 1 3\n"
		"z\n"
		"# 3 \"a.defs\" 2\n"
		"w\n"
		"# 3 \"top.defs\" 2\n"
		"v\n");
	ck_assert_int_eq(l.n, 6);
	const struct mig_srcfile *top = l.loc[0].file;
	ck_assert_str_eq(top->name, "top.defs");
	ck_assert_ptr_null(top->included_from);
	ck_assert_ptr_eq(l.loc[1].file, top);
	ck_assert_int_eq(l.loc[1].line, 1);
	const struct mig_srcfile *a = l.loc[2].file;
	ck_assert_str_eq(a->name, "a.defs");
	ck_assert_ptr_eq(a->included_from, top);
	ck_assert_int_eq(a->included_line, 2);
	const struct mig_srcfile *b = l.loc[3].file;
	ck_assert_str_eq(b->name, "b.defs");
	ck_assert_ptr_eq(b->included_from, a);
	ck_assert_int_eq(b->included_line, 2);
	ck_assert_ptr_eq(l.loc[4].file, a);
	ck_assert_int_eq(l.loc[4].line, 3);
	ck_assert_ptr_eq(l.loc[5].file, top);
	ck_assert_int_eq(l.loc[5].line, 3);
	ck_assert_int_eq(l.diag.errors, 0);
	done(&l);
}
END_TEST

START_TEST(skipped_directives)
{
	struct lexed l;
	lex(&l, "#pragma once\n#ident \"x\"\n#define A 1\n  #undef A\na");
	ck_assert_int_eq(l.n, 1);
	ck_assert_int_eq(l.loc[0].line, 5);
	ck_assert_int_eq(l.diag.errors, 0);
	done(&l);
}
END_TEST

START_TEST(bad_directives)
{
	struct lexed l;
	lex(&l, "#include <x.h>\n#line abc\n# 5 junk\n#\n  #if 1\n"
		"#line 5 \"f\" 1\n# 99999999999 \"x\"\n# 1 \"x\" 1 y\na # b");
	ck_assert_int_eq(l.n, 2);
	CHECK_DIAG(&l, "t.defs:1:1: error: unexpected preprocessor "
		   "directive '#include'");
	CHECK_DIAG(&l, "t.defs:2:1: error: expected a line number after "
		   "'#line'");
	CHECK_DIAG(&l, "t.defs:3:1: error: invalid line marker");
	CHECK_DIAG(&l, "t.defs:4:1: error: unexpected preprocessor "
		   "directive '#'");
	CHECK_DIAG(&l, "t.defs:5:3: error: unexpected preprocessor "
		   "directive '#if'");
	CHECK_DIAG(&l, "t.defs:6:1: error: invalid line marker");
	CHECK_DIAG(&l, "t.defs:7:1: error: line number out of range");
	CHECK_DIAG(&l, "t.defs:8:1: error: invalid line marker");
	CHECK_DIAG(&l, "t.defs:9:3: error: unexpected character '#'");
	ck_assert_int_eq(l.diag.errors, 9);
	done(&l);
}
END_TEST

/* ---- raw fields ---- */

START_TEST(raw_statements)
{
	struct lexed l;
	lex(&l, "WaitTime   a  |\n\t b ;\nMsgOption MACH_SEND_ALWAYS|"
		"MACH_RCV_LARGE;\nsendtime (x + 1) * 2;"
		"ConsumeOnSendError Timeout;");
	ck_assert_int_eq(l.n, 12);
	ck_assert_int_eq(l.kind[0], K_WAITTIME);
	ck_assert_int_eq(l.kind[1], RAW);
	ck_assert_str_eq(l.tok[1].text, "a | b");
	ck_assert_int_eq(l.loc[1].line, 1);
	ck_assert_int_eq(l.loc[1].col, 12);
	ck_assert_int_eq(l.loc[1].len, 4);
	ck_assert_int_eq(l.kind[2], ';');
	ck_assert_int_eq(l.loc[2].line, 2);
	ck_assert_int_eq(l.loc[2].col, 5);
	ck_assert_int_eq(l.kind[3], K_MSGOPTION);
	ck_assert_str_eq(l.tok[4].text, "MACH_SEND_ALWAYS|MACH_RCV_LARGE");
	ck_assert_int_eq(l.kind[6], K_SENDTIME);
	ck_assert_str_eq(l.tok[7].text, "(x + 1) * 2");
	ck_assert_int_eq(l.kind[9], K_CONSUMEONSENDERROR);
	ck_assert_str_eq(l.tok[10].text, "Timeout");
	ck_assert_int_eq(l.diag.errors, 0);
	done(&l);
}
END_TEST

START_TEST(raw_empty_and_eof)
{
	struct lexed l;
	lex(&l, "WaitTime ;\nWaitTime /* c */ ; MsgOption x");
	ck_assert_int_eq(l.n, 6);
	ck_assert_int_eq(l.kind[0], K_WAITTIME);
	ck_assert_int_eq(l.kind[1], ';');          /* no RAW: the parser
	                                              reports it */
	ck_assert_int_eq(l.kind[2], K_WAITTIME);
	ck_assert_int_eq(l.kind[3], ';');
	ck_assert_int_eq(l.kind[4], K_MSGOPTION);
	ck_assert_int_eq(l.kind[5], RAW);
	ck_assert_str_eq(l.tok[5].text, "x");
	done(&l);
}
END_TEST

START_TEST(raw_only_at_depth_zero)
{
	struct lexed l;
	lex(&l, "routine r(WaitTime t: int; msgoption o: int);\nwaittime 5;");
	ck_assert_int_eq(l.kind[3], K_WAITTIME);
	ck_assert_int_eq(l.kind[4], IDENT);
	ck_assert_int_eq(l.kind[8], K_MSGOPTION);
	ck_assert_int_eq(l.kind[9], IDENT);
	ck_assert_int_eq(l.kind[14], K_WAITTIME);
	ck_assert_int_eq(l.kind[15], RAW);
	ck_assert_str_eq(l.tok[15].text, "5");
	done(&l);
}
END_TEST

START_TEST(raw_after_unclosed_paren)
{
	/* a statement keyword abandons the open parenthesis */
	struct lexed l;
	lex(&l, "routine r(x: int;\ntype t = int;\nWaitTime 10;");
	int i = l.n - 3;
	ck_assert_int_eq(l.kind[i], K_WAITTIME);
	ck_assert_int_eq(l.kind[i + 1], RAW);
	done(&l);
}
END_TEST

START_TEST(raw_with_marker_inside)
{
	struct lexed l;
	lex(&l, "WaitTime\n# 7 \"m.defs\"\n  FOO ;\nx");
	ck_assert_int_eq(l.n, 4);
	ck_assert_int_eq(l.kind[1], RAW);
	ck_assert_str_eq(l.tok[1].text, "FOO");
	ck_assert_str_eq(l.loc[1].file->name, "m.defs");
	ck_assert_int_eq(l.loc[1].line, 7);
	ck_assert_int_eq(l.loc[3].line, 8);
	done(&l);
}
END_TEST

START_TEST(imports)
{
	struct lexed l;
	lex(&l, "import \"a.h\"; uimport <mach/x.h>; SIMPORT\n  <s.h>;"
		"dimport \"d.h\"; iimport <i.h>;");
	ck_assert_int_eq(l.n, 15);
	ck_assert_int_eq(l.kind[0], K_IMPORT);
	ck_assert_int_eq(l.kind[1], FILENAME);
	ck_assert_str_eq(l.tok[1].text, "\"a.h\"");
	ck_assert_int_eq(l.kind[3], K_UIMPORT);
	ck_assert_str_eq(l.tok[4].text, "<mach/x.h>");
	ck_assert_int_eq(l.kind[6], K_SIMPORT);
	ck_assert_str_eq(l.tok[7].text, "<s.h>");
	ck_assert_int_eq(l.loc[7].line, 2);
	ck_assert_int_eq(l.kind[9], K_DIMPORT);
	ck_assert_int_eq(l.kind[12], K_IIMPORT);
	ck_assert_int_eq(l.kind[13], FILENAME);
	ck_assert_int_eq(l.diag.errors, 0);
	done(&l);
}
END_TEST

START_TEST(bad_imports)
{
	struct lexed l;
	lex(&l, "import <x.h;\nuimport foo;\nimport \"y.h\nimport <>;"
		"\nimport");
	ck_assert_int_eq(l.kind[0], K_IMPORT);
	ck_assert_int_eq(l.kind[1], LEXERROR);
	ck_assert_int_eq(l.kind[2], ';');
	ck_assert_int_eq(l.kind[3], K_UIMPORT);
	ck_assert_int_eq(l.kind[4], LEXERROR);     /* "foo" */
	ck_assert_int_eq(l.kind[5], ';');
	CHECK_DIAG(&l, "t.defs:1:8: error: expected \"file\" or <file> after "
		   "'import'");
	CHECK_DIAG(&l, "t.defs:2:9: error: expected \"file\" or <file> after "
		   "'uimport'");
	CHECK_DIAG(&l, "t.defs:3:8: error: expected \"file\" or <file>");
	CHECK_DIAG(&l, "t.defs:4:8: error: expected \"file\" or <file>");
	ck_assert_int_eq(l.diag.errors, 5);
	done(&l);
}
END_TEST

START_TEST(nul_bytes)
{
	static const char src[] = "a\0b";
	struct lex_state lx;
	struct arena a;
	struct diag d;
	yyscan_t sc;
	arena_init(&a);
	diag_init(&d, &a, NULL);
	d.show_source = false;
	lex_begin(&lx, &a, &d, "t.defs", src, 3);
	lexer_lex_init_extra(&lx, &sc);
	YY_BUFFER_STATE b = lexer__scan_bytes(src, 3, sc);
	PARSER_STYPE v;
	PARSER_LTYPE loc;
	int n = 0;
	while (lexer_lex(&v, &loc, sc) != 0)
		n++;
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(d.errors, 1);
	ck_assert_ptr_nonnull(strstr(d.text, "unexpected character '\\x00'"));
	lexer__delete_buffer(b, sc);
	lexer_lex_destroy(sc);
	lex_end(&lx);
	diag_fini(&d);
	arena_free(&a);
}
END_TEST

Suite *lexer_suite(void)
{
	Suite *s = suite_create("lexer");
	TCase *t = tcase_create("words");
	tcase_add_test(t, identifiers_longest_match);
	tcase_add_test(t, keywords_case_insensitive);
	tcase_add_test(t, case_sensitive_words);
	tcase_add_test(t, msgtype_names);
	tcase_add_test(t, msgtype_table);
	suite_add_tcase(s, t);

	t = tcase_create("numbers");
	tcase_add_test(t, numbers);
	tcase_add_test(t, number_leading_zero);
	tcase_add_test(t, number_errors);
	suite_add_tcase(s, t);

	t = tcase_create("characters");
	tcase_add_test(t, punctuation);
	tcase_add_test(t, unexpected_characters);
	tcase_add_test(t, strings);
	tcase_add_test(t, locations);
	tcase_add_test(t, comments);
	tcase_add_test(t, nul_bytes);
	suite_add_tcase(s, t);

	t = tcase_create("preprocessor");
	tcase_add_test(t, line_markers);
	tcase_add_test(t, include_stack);
	tcase_add_test(t, skipped_directives);
	tcase_add_test(t, bad_directives);
	suite_add_tcase(s, t);

	t = tcase_create("raw");
	tcase_add_test(t, raw_statements);
	tcase_add_test(t, raw_empty_and_eof);
	tcase_add_test(t, raw_only_at_depth_zero);
	tcase_add_test(t, raw_after_unclosed_paren);
	tcase_add_test(t, raw_with_marker_inside);
	tcase_add_test(t, imports);
	tcase_add_test(t, bad_imports);
	suite_add_tcase(s, t);
	return s;
}

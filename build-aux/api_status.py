#!/usr/bin/env python3
"""Write docs/api-status.md: one row per call of the reference document.

The state of each call is read from the code, not typed by hand:
  - a call that is a MIG routine is served by a kernel work function
    ksim_<name>; if that function's body is only `return
    KERN_NOT_SUPPORTED;` the call is "planned" (it answers
    KERN_NOT_SUPPORTED), otherwise it "works";
  - a call that is a trap or library code is looked up in runtime/;
  - the tests column lists the suites whose sources name the call.
Notes for individual calls (partial work, Linux limits) come from the
NOTES table below.  Usage: build-aux/api_status.py > docs/api-status.md
(make api-status).
"""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NOTES = {
    'task_terminate': ('works', 'every thread of the task ends at once '
                       '(none returns to user code); then its space, '
                       'ports and map'),
    'task_set_emulation': ('not supported', 'Linux has no per-task system '
                           'call emulation vectors; answers '
                           'KERN_NOT_SUPPORTED'),
    'task_get_emulation_vector': ('not supported', 'as task_set_emulation'),
    'task_set_emulation_vector': ('not supported', 'as task_set_emulation'),
    'task_sample': ('not supported', 'Linux offers a process no sampling '
                    'of its own threads\' PCs into a port; answers '
                    'KERN_NOT_SUPPORTED'),
    'thread_sample': ('not supported', 'as task_sample'),
    'thread_get_state': ('works', 'real registers of a suspended (or '
                         'briefly held) thread; the caller\'s own, and the '
                         '32-bit flavors, are KERN_INVALID_ARGUMENT'),
    'thread_set_state': ('works', 'as thread_get_state; debug registers '
                         'cannot be set (KERN_NOT_SUPPORTED)'),
    'task_set_special_port': ('partial', 'TASK_KERNEL_PORT cannot be '
                              'replaced (KERN_NO_ACCESS)'),
    'thread_set_special_port': ('not supported', 'a thread\'s own port is '
                                'its identity here (KERN_NO_ACCESS)'),
    'thread_policy_set': ('works', 'standard and extended map to '
                          'SCHED_OTHER, fixed and time constraint to '
                          'SCHED_RR, precedence to the nice value; '
                          'KERN_NO_ACCESS where the process lacks the '
                          'privilege'),
    'task_create': ('partial', 'own IPC space and VM map; '
                    'inherit_memory: SHARE regions are shared at the same '
                    'address, NONE omitted, COPY copied into the child at '
                    'a new address (one address space: the parent\'s '
                    'address stays the parent\'s memory; vm_region in the '
                    'child finds the copy); the child is charged to the '
                    'first ledger of the array (none: its parent\'s), a '
                    'second (classic Mach\'s wired ledger) is '
                    'KERN_INVALID_ARGUMENT'),
    'ledger_create': ('works', 'limits in bytes of mapped memory, paid by '
                      'the parent; the root ledger comes from '
                      'machsim_host_ledger with the privileged host port '
                      '(classic Mach\'s task special ports 5 and 6 are '
                      'Darwin\'s TASK_INSPECT_PORT and TASK_READ_PORT)'),
    'ledger_get_remote': ('works', 'one host: returns the service ledger '
                          'ledger_set_remote recorded'),
    'i386_set_ldt': ('works', 'on the process\'s LDT (modify_ldt): Linux '
                     'keeps one per process, shared by every thread of '
                     'every task; only user code and data segments; '
                     'KERN_NOT_SUPPORTED on a kernel without modify_ldt'),
    'i386_get_ldt': ('works', 'as i386_set_ldt'),
    'i386_io_port_add': ('partial', 'the calling thread\'s I/O bitmap '
                         '(ioperm); another thread is KERN_NOT_SUPPORTED '
                         '(Linux changes only the caller\'s), as is a '
                         'kernel without ioperm; KERN_NO_ACCESS without '
                         'CAP_SYS_RAWIO; no device server: the kernel makes '
                         'I/O devices (i386_io_device_create)'),
    'i386_io_port_remove': ('partial', 'as i386_io_port_add'),
    'thread_wire': ('works', 'needs the privileged host port; locks the '
                    'thread\'s stack in memory (mlock2, MLOCK_ONFAULT), '
                    'Linux\'s nearest meaning of XNU\'s VM privilege; '
                    'KERN_RESOURCE_SHORTAGE past RLIMIT_MEMLOCK'),
    'host_security_set_task_token': ('works', 'the classic form carries '
                                     'only the security token: the audit '
                                     'token\'s euid and egid follow it; '
                                     'the task gets the host name port '
                                     'whichever host port is given'),
    'host_security_create_task_token': ('works', 'as task_create, with '
                                        'the token as in '
                                        'host_security_set_task_token'),
    'vm_protect': ('works', 'on memory the task\'s map records (vm_allocate, '
                   'vm_map, vm_remap, received out-of-line memory); the '
                   'process heap, stacks and static data are not the '
                   'kernel\'s to protect (KERN_INVALID_ADDRESS); a range '
                   'two tasks record at the same address (SHARE '
                   'inheritance) has one host protection'),
    'vm_behavior_set': ('works', 'DEFAULT to RSEQNTL are recorded and given '
                        'to madvise; WILLNEED and DONTNEED are one-time '
                        'advice (MADV_WILLNEED, MADV_COLD), not recorded'),
    'vm_map': ('works', 'fresh memory or a memory entry\'s; shared memory '
               'is a memfd mapped MAP_SHARED, private memory becomes one '
               'the first time it is shared (its contents copied once); '
               'copy is an eager copy, not copy-on-write'),
    'vm_remap': ('works', 'share: private memory becomes a memfd the first '
                 'time it is shared (contents copied once); copy: an eager '
                 'copy, not copy-on-write'),
    'vm_region': ('works', 'VM_REGION_BASIC_INFO and _64; other flavors '
                  'answer KERN_INVALID_ARGUMENT'),
    'vm_wire': ('works', 'mlock with per-region wire counts; needs the '
                'privileged host port (the bootstrap task\'s host port)'),
    'host_statistics': ('works', 'HOST_LOAD_INFO from the host\'s load '
                        'averages, HOST_VM_INFO (the VM counters, in its '
                        'three revisions), HOST_CPU_LOAD_INFO from '
                        '/proc/stat'),
    'host_info': ('works', 'BASIC (CPUs, memory, topology from the '
                  'machine), SCHED (the host\'s timer resolution and '
                  'round-robin quantum), RESOURCE_SIZES, PRIORITY, '
                  'SEMAPHORE_TRAPS, MACH_MSG_TRAP, CAN_HAS_DEBUGGER, '
                  'PREFERRED_USER_ARCH'),
    'host_reboot': ('not supported', 'rebooting or halting acts on the '
                    'whole machine, not the kernel in this process; '
                    'answers KERN_NOT_SUPPORTED after the privilege and '
                    'option checks'),
    'host_set_time': ('works', 'sets CLOCK_REALTIME: the privileged host '
                      'port, then CAP_SYS_TIME (KERN_NO_ACCESS without)'),
    'host_adjust_time': ('works', 'adjtime: the privileged host port, then '
                         'CAP_SYS_TIME (KERN_NO_ACCESS without)'),
    'clock_set_time': ('works', 'the calendar clock, as host_set_time; the '
                       'system clock counts from boot and answers '
                       'KERN_FAILURE'),
    'clock_set_attributes': ('works', 'CLOCK_ALARM_CURRES of the system '
                             'clock; the host\'s own resolutions are read '
                             'only (KERN_FAILURE)'),
    'clock_map_time': ('works', 'a read-only memory entry of one page '
                       'rewritten every millisecond (resolution 1 ms)'),
    'clock_alarm': ('works', 'on the system clock, rounded up to the alarm '
                    'resolution, served by a kernel thread'),
    'processor_start': ('not supported', 'bringing a CPU into service is '
                        'Linux CPU hotplug, for every process; answers '
                        'KERN_NOT_SUPPORTED'),
    'processor_exit': ('not supported', 'as processor_start'),
    'processor_control': ('not supported', 'machine commands to a CPU act '
                          'on the machine; answers KERN_NOT_SUPPORTED'),
    'processor_set_create': ('works', 'created sets are real: processors '
                             'assigned to them are the CPUs their threads '
                             'run on (sched_setaffinity)'),
    'processor_assign': ('works', 'the threads of both sets move to their '
                         'new CPUs; the last processor of a set with tasks '
                         'or threads stays (KERN_FAILURE)'),
    'task_assign': ('works', 'a set without processors cannot take a task '
                    '(KERN_FAILURE: Linux cannot run a thread on no CPU)'),
    'thread_assign': ('works', 'as task_assign'),
    'processor_set_statistics': ('works', 'task and thread counts; load '
                                 'and Mach factor are the host\'s one-minute '
                                 'figures in the share of the set\'s '
                                 'processors'),
    'mach_vm_purgable_control': ('works', 'states are recorded per region '
                                 '(VM_FLAGS_PURGABLE); PURGE_ALL empties '
                                 'volatile regions (their pages read as '
                                 'zero); the host never purges on its own'),
    'mach_vm_page_info': ('works', 'VM_PAGE_INFO_BASIC; dispositions '
                          'from the host\'s page tables (/proc/self/'
                          'pagemap): present and referenced, dirty '
                          '(private memory: no longer the host\'s zero '
                          'page; shared memory: every resident page), '
                          'paged out (in swap), external (a memory '
                          'manager\'s); depth is 0 (no shadow chains); an '
                          'unmapped page is all zeros, as Darwin\'s'),
    'mach_vm_page_range_query': ('works', 'one disposition per page, as '
                                 'mach_vm_page_info, written into the '
                                 'caller\'s memory a chunk at a time; '
                                 'unmapped pages are 0'),
    'mach_vm_remap_new': ('works', 'the protections asked for, which the '
                          'source must allow (KERN_PROTECTION_FAILURE, '
                          'nothing changed); the address of the source\'s '
                          'first byte comes back; copy is an eager copy, '
                          'as vm_remap\'s'),
    'vm_machine_attribute': ('works', 'x86-64 caches are coherent: '
                             'MATTR_CACHE reads on and its flushes do '
                             'nothing; migrate and replicate are off'),
    'mach_port_allocate_subsystem': ('not supported', 'RPC subsystem '
                                     'objects were dropped from Darwin; '
                                     'answers KERN_NOT_SUPPORTED'),
    'mach_subsystem_create': ('not supported', 'RPC subsystem objects '
                              'were dropped from Darwin; answers '
                              'KERN_NOT_SUPPORTED'),
    'exc_server': ('works', 'the demuxer generated from exc.defs, in '
                   'libmach (mach_exc_server too), with weak catch_ '
                   'defaults answering KERN_FAILURE'),
    'thread_policy': ('works', 'POLICY_TIMESHARE as SCHED_OTHER with a '
                      'nice value from the base priority, RR and FIFO as '
                      'SCHED_RR and SCHED_FIFO; limits are not kept '
                      '(Linux has none per thread); KERN_NO_ACCESS without '
                      'the privilege'),
    'task_policy': ('works', 'the policy of the task\'s new threads; with '
                    'change, every present thread takes it too'),
    'memory_object_server': ('works', 'the demuxer generated from '
                             'memory_object.defs, in libmach, with weak '
                             'defaults answering KERN_FAILURE '
                             '(docs/pager.md)'),
    'memory_object_default_server': ('works', 'the demuxer generated from '
                                     'memory_object_default.defs, in '
                                     'libmach (docs/pager.md)'),
    'clock_alarm_reply': ('works', 'the message the kernel sends when an '
                          'alarm rings (3125107, 48 bytes); a program '
                          'serves it with clock_reply_server and its own '
                          'clock_alarm_reply'),
    'clock_reply_server': ('works', 'the demuxer generated from '
                           'clock_reply.defs, in libmach, with a weak '
                           'clock_alarm_reply default'),
    'notify_server': ('works', 'the demuxer generated from notify.defs, '
                      'in libmach'),
    'task_create_identity_token': ('works', 'a send right to a new token '
                                   'that holds a reference to the task '
                                   'and goes with its last send right; '
                                   'Darwin\'s id 3457'),
    'task_identity_token_get_task_port': ('works', 'machsim\'s task has one '
                                          'port: TASK_FLAVOR_CONTROL, READ, '
                                          'INSPECT and NAME all give it '
                                          '(Darwin\'s read, inspect and '
                                          'name ports are distinct); a bad '
                                          'flavor, a port that is no token '
                                          'and a token whose task has ended '
                                          'answer KERN_INVALID_ARGUMENT; '
                                          'Darwin\'s id 3458'),
    'catch_mach_exception_raise_identity_protected': (
        'works', 'called by mach_exc_server (2408) for '
        'EXCEPTION_IDENTITY_PROTECTED with the thread\'s '
        'THREAD_IDENTIFIER_INFO id and a new identity token of its task, '
        'whose right the handler owns; the protected behaviors need '
        'MACH_EXCEPTION_CODES (Darwin checks it for this one only); '
        'libmach\'s weak default answers KERN_FAILURE'),
    'catch_mach_exception_raise_state_identity_protected': (
        'works', 'as catch_mach_exception_raise_identity_protected (2410), '
        'with the thread\'s state of the handler\'s flavor, which a '
        'successful reply replaces'),
    'mach_port_allocate_qos': ('works', 'the QoS preallocation is recorded '
                               'but messages are never preallocated'),
    'mach_port_allocate_full': ('works', 'as mach_port_allocate_qos; a '
                                'subsystem argument answers '
                                'KERN_INVALID_VALUE'),
}

# Calls that are traps or library code, not MIG routines (DEFS-MAP 1.5),
# with the runtime function that implements them.
LIBRARY = {
    'mach_msg', 'mach_msg_overwrite', 'mach_reply_port', 'mach_task_self',
    'mach_thread_self', 'mach_host_self', 'semaphore_signal',
    'semaphore_signal_all', 'semaphore_wait', 'semaphore_timedwait',
    'semaphore_signal_thread', 'notify_server', 'mach_msg_server',
    'mach_msg_server_once', 'exc_server', 'thread_switch', 'clock_sleep',
    'host_page_size', 'swtch', 'swtch_pri', 'thread_depress_abort',
    'mach_error_string', 'mach_error', 'clock_reply_server',
    'clock_alarm_reply', 'memory_object_server',
    'memory_object_default_server',
}


def read(path):
    with open(path, errors='replace') as f:
        return f.read()


def sources(*dirs):
    for d in dirs:
        for root, _, files in os.walk(os.path.join(TOP, d)):
            for n in files:
                if n.endswith('.c') or n.endswith('.h'):
                    yield os.path.join(root, n)


def kernel_functions():
    """name -> 'works' | 'planned' for every ksim_<name> definition."""
    out = {}
    pat = re.compile(r'^(?:kern_return_t|mach_msg_return_t)\s*\n?\s*'
                     r'ksim_(\w+)\s*\(([^)]*)\)\s*\{(.*?)^\}', re.M | re.S)
    for p in sources('kernel-sim'):
        for m in pat.finditer(read(p)):
            body = re.sub(r'/\*.*?\*/', '', m.group(3), flags=re.S)
            body = re.sub(r'\(void\)\s*\w+\s*;', '', body)
            stub = re.fullmatch(r'\s*return\s+KERN_NOT_SUPPORTED\s*;\s*',
                                body) is not None
            out[m.group(1)] = 'planned' if stub else 'works'
    return out


def library_functions():
    names = set()
    for p in sources('runtime'):
        for m in re.finditer(r'^\w[\w \*]*?\b(\w+)\s*\([^;]*?\)\s*\{',
                             read(p), re.M):
            names.add(m.group(1))
    return names


def test_suites():
    """suite name -> source text, for every test source."""
    suites = {}
    for p in sources('test'):
        text = read(p)
        for m in re.finditer(r'suite_create\("(\w+)"\)', text):
            suites.setdefault(m.group(1), '')
            suites[m.group(1)] += text
    return suites


def parse_calls(path):
    """(section, name) pairs from docs/reference-calls.txt."""
    sec, calls = None, []
    for line in read(path).split('\n'):
        line = line.strip()
        if not line or line.startswith('# '):
            continue
        if line.startswith('## '):
            sec = line[3:]
        else:
            calls.append((sec, line))
    return calls


# The bounds on what a caller may ask of the kernel: (constant, header,
# what it bounds, what happens past it).  The values are read from the
# headers, so the table stays true.
LIMITS = [
    ('IPC_KMSG_MAX_SIZE', 'kernel-sim/include/ksim/ipc.h',
     'bytes in one message (send_size)', '`MACH_SEND_TOO_LARGE`'),
    ('IPC_KMSG_MAX_PORTS', 'kernel-sim/include/ksim/ipc.h',
     'port slots in one message (port descriptors and OOL port array '
     'elements, NULL and DEAD included): at most one fewer',
     '`MACH_SEND_TOO_LARGE`'),
    ('MACH_PORT_QLIMIT_MAX', 'runtime/include/mach/port.h',
     'queue limit of a port (`MACH_PORT_LIMITS_INFO`)',
     '`KERN_INVALID_VALUE`'),
    ('IPC_SPACE_DEFAULT_LIMIT', 'kernel-sim/include/ksim/ipc.h',
     'names in a task\'s space, until `task_set_port_space`',
     'the right is not copied out: `MACH_MSG_IPC_SPACE`, '
     '`KERN_NO_SPACE`'),
    ('IPC_SPACE_MAX_LIMIT', 'kernel-sim/include/ksim/ipc.h',
     '`task_set_port_space`\'s table size', '`KERN_INVALID_VALUE`'),
    ('LOCK_SET_MAX_ULOCKS', 'kernel-sim/include/ksim/sync.h',
     'locks in one lock set', '`KERN_RESOURCE_SHORTAGE`'),
    ('TASK_MAX_ULOCKS', 'kernel-sim/include/ksim/sync.h',
     'locks in all of one task\'s lock sets', '`KERN_RESOURCE_SHORTAGE`'),
    ('TASK_MAX_SEMAPHORES', 'kernel-sim/include/ksim/sync.h',
     'semaphores of one task', '`KERN_RESOURCE_SHORTAGE`'),
]


def limit_value(name, header, depth=0):
    """The constant's value: its #define evaluated, names resolved in the
    same header, <mach/port.h> or <mach/message.h>, or its text when that fails."""
    m = None
    for h in (header, 'runtime/include/mach/port.h',
              'runtime/include/mach/message.h'):
        m = m or re.search(r'#define\s+%s\s+(.+)' % name,
                           read(os.path.join(TOP, h)))
    if not m:
        return '?'
    expr = re.sub(r'/\*.*?\*/', '', m.group(1)).strip()
    if depth < 4:
        expr = re.sub(r'\b([A-Z_][A-Z0-9_]+)\b',
                      lambda n: '(%s)' % limit_value(n.group(1), header,
                                                     depth + 1), expr)
    # The one sizeof a bound uses: the largest trailer (MACH-SEMANTICS 2.9).
    expr = expr.replace('(mach_msg_size_t)', '').replace(
        'sizeof(mach_msg_max_trailer_t)', '68')
    try:
        return str(int(eval(re.sub(r'\b(\d+)u\b', r'\1', expr),
                            {}, {})))
    except Exception:
        return expr


def print_limits():
    print('\n## Limits\n')
    print('Every count a caller chooses has a bound; past it the call '
          'answers the code given and changes nothing.  Out-of-line memory '
          'has no limit of the kernel\'s own: any range the sending task '
          'really has mapped is moved or copied (`MACH_SEND_INVALID_MEMORY` '
          'for memory that is not the task\'s or not readable, '
          '`MACH_SEND_NO_BUFFER` when the host has no memory for the '
          'copy).  Large allocations, copies and frees are done with the '
          'kernel lock released (`make bench`, stall figure).\n')
    print('| bound | value | what | past it |')
    print('|---|---|---|---|')
    for name, header, what, past in LIMITS:
        print('| `%s` (`%s`) | `%s` | %s | %s |' % (
            name, header, limit_value(name, header), what, past))


def main():
    listing = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(TOP, 'docs', 'reference-calls.txt')
    kfun = kernel_functions()
    lib = library_functions()
    suites = test_suites()
    rows, structs = [], []
    for sec, name in parse_calls(listing):
        if 'Data Structures' in (sec or '') or sec == 'Data Structures':
            structs.append(name)
            continue
        tests = sorted(s for s, text in suites.items()
                       if re.search(r'\b(ksim_)?%s\b' % re.escape(name),
                                    text))
        if name.startswith('do_mach_notify_'):
            state, note = 'works', ('called by notify_server; libmach\'s '
                                    'weak default answers KERN_FAILURE, so '
                                    'an unhandled notification is destroyed')
        elif name in NOTES:
            state, note = NOTES[name]
        elif name in kfun:
            state = kfun[name]
            note = ('through its MIG stub and the kernel demuxer'
                    if state == 'works' else
                    'its stub and demuxer exist; the kernel answers '
                    'KERN_NOT_SUPPORTED until the part it belongs to lands')
        elif name in LIBRARY or name in lib or \
                ('do_' + name.replace('do_', '')) in lib:
            if name in lib or name.startswith('do_') or name in (
                    'mach_task_self', 'mach_thread_self', 'mach_host_self'):
                state, note = 'works', 'trap or library code'
            else:
                state, note = 'planned', 'trap or library code of a later part'
        else:
            state, note = 'planned', 'not in libmach yet'
        if state == 'works' and not tests:
            state = 'works (untested)'
        rows.append((sec, name, state, tests, note))

    print('# API status\n')
    print('One row per call of the reference document. This file is written '
          'by `build-aux/api_status.py` from the code: a call whose kernel '
          'work function only answers `KERN_NOT_SUPPORTED` is "planned"; the '
          'tests column names the Check suites (`CK_RUN_SUITE=name make '
          'check`) whose sources exercise the call.\n')
    print('States: **works** (does what the reference says), **partial** '
          '(works within the limits the note gives), **not supported** '
          '(answers a documented error; the note says why), **planned** '
          '(answers `KERN_NOT_SUPPORTED`, or is not in libmach yet, until '
          'the part it belongs to lands).\n')
    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print('Summary: ' + ', '.join('%d %s' % (n, s)
                                  for s, n in sorted(counts.items())) + '.\n')
    cur = None
    for sec, name, state, tests, note in rows:
        if sec != cur:
            print('\n## %s\n' % sec)
            print('| call | state | tests | note |')
            print('|---|---|---|---|')
            cur = sec
        print('| `%s` | %s | %s | %s |' % (
            name, state, ', '.join('`%s`' % t for t in tests), note))
    print_limits()
    print('\n## Data structures\n')
    print('| structure | header |')
    print('|---|---|')
    for name in structs:
        hdr = ''
        for p in sorted(sources('runtime/include')):
            t = read(p)
            if re.search(r'(struct %s\s*\{|\}\s*%s(_t|_data_t)?\s*;|'
                         r'typedef[^;]*\b%s(_t|_data_t)?\s*;)'
                         % (name, name, name), t):
                hdr = '`<%s>`' % os.path.relpath(
                    p, os.path.join(TOP, 'runtime/include'))
                break
        print('| `%s` | %s |' % (name, hdr or 'not yet'))


main()

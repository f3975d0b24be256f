"""No network for the processes that run other people's queries.

pyoxigraph has its own HTTP client: a query with SERVICE <http://…> makes the
process that runs it open a TCP connection (the SSRF of issue 13). The read-only
check refuses SERVICE (:func:`kg.query.safety.check_read_only`), and, in case a
query ever slips past it, the processes that run other people's queries (the
server's workers, :mod:`kg.query.pool`) cannot open a network socket at all: a
seccomp filter makes socket() fail for every family but AF_UNIX (and io_uring,
which would bypass it). Linux x86-64 and arm64; elsewhere a new, empty network
namespace when the kernel allows it.
"""

from __future__ import annotations

import sys

# what a query hears when the sandbox stopped pyoxigraph's HTTP client
NO_NETWORK = "the query tried to reach the network (SERVICE), which kg does not allow"

_SECCOMP_ARCH = {  # machine → (AUDIT_ARCH, __NR_socket, __NR_io_uring_setup)
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}


def _seccomp_no_inet() -> bool:
    import ctypes
    import errno
    import platform

    arch = _SECCOMP_ARCH.get(platform.machine())
    if arch is None:
        return False
    audit, nr_socket, nr_uring = arch
    ld_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | errno.EACCES
    prog = [  # (code, jt, jf, k); seccomp_data: nr @0, arch @4, args[0] @16
        (ld_abs, 0, 0, 4),
        (jeq, 0, 7, audit),  # another ABI (i386 int 0x80): deny
        (ld_abs, 0, 0, 0),
        (jge, 5, 0, 0x40000000),  # x32 system calls: deny
        (jeq, 4, 0, nr_uring),
        (jeq, 0, 2, nr_socket),
        (ld_abs, 0, 0, 16),
        (jeq, 0, 1, 1),  # socket(AF_UNIX, …) only
        (ret, 0, 0, allow),
        (ret, 0, 0, deny),
    ]

    class Filter(ctypes.Structure):
        _fields_ = [
            ("code", ctypes.c_ushort),
            ("jt", ctypes.c_ubyte),
            ("jf", ctypes.c_ubyte),
            ("k", ctypes.c_uint32),
        ]

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    insns = (Filter * len(prog))(*[Filter(*i) for i in prog])
    fprog = Prog(len(prog), insns)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [
        ctypes.c_int,
        ctypes.c_ulong,
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
    ]
    if libc.prctl(38, 1, None, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        return False
    return libc.prctl(22, 2, ctypes.byref(fprog), 0, 0) == 0  # PR_SET_SECCOMP, FILTER


def _empty_netns() -> bool:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (0x40000000, 0x40000000 | 0x10000000):  # NEWNET, NEWNET|NEWUSER
        if libc.unshare(flags) == 0:
            return True
    return False


def deny_network() -> str | None:
    """Make this process unable to reach the network, for good: "seccomp",
    "netns", or None when neither is possible here (then only the read-only
    check stands between a query and the network)."""
    if sys.platform != "linux":
        return None
    try:
        if _seccomp_no_inet():
            return "seccomp"
        if _empty_netns():
            return "netns"
    except (OSError, AttributeError):
        pass
    return None

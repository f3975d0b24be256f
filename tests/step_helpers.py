"""Moments of a writer chosen by count, not by clock.

``STEP_COUNTER`` is Python source for the start of a script run with
``python -c``: an audit hook (``sys.addaudithook(count_step)``) counts every
change the process makes to the file system (a file opened for writing, a
rename, a removal, a folder made, a link, an SQLite database opened, a fork)
and calls ``on_step(n)`` before the n-th; the script defines ``on_step`` (to
kill itself there, or to send a signal). A loaded machine reaches the same
steps in the same order, so the test does not race a clock. Forked children
(pool workers, the quad loader) inherit the hook but do not count.
"""

STEP_COUNTER = """
import os, signal, sys
MAIN, seen = os.getpid(), 0
_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_STEPS = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.link", "os.truncate",
          "shutil.rmtree", "shutil.copyfile", "sqlite3.connect", "os.fork",
          "subprocess.Popen"}

def on_step(n):
    pass

def count_step(event, args):
    global seen
    if os.getpid() != MAIN:
        return
    if event == "open":
        mode, flags = args[1], args[2]
        if not (any(c in mode for c in "wax+") if isinstance(mode, str) else (flags or 0) & _WRITE):
            return
    elif event not in _STEPS:
        return
    seen += 1
    on_step(seen)
"""

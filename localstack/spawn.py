"""Starts a command detached in a new session (a portable `setsid nohup`), output appended to a log.

Usage: python3 spawn.py <logfile> <command> [args...]   -> prints the child's pid, which is also its
process-group id, so `kill -- -<pid>` reaches it and whatever it started in its group.
"""

import subprocess
import sys

log, command = sys.argv[1], sys.argv[2:]
with open(log, "ab") as out:
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
print(child.pid)

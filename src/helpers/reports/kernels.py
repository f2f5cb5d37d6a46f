"""Preloaded kernels: each notebook gets a fresh kernel forked from a process that has already imported
the modules the catalogue's notebooks import (pandas, matplotlib, helpers…).

Starting a kernel and importing those modules costs about 2 s of CPU per report, as much as a small
notebook's own work. Each build worker therefore starts one *kernel server*: a plain Python process that
imports the modules once, then forks a new ipykernel for every notebook. A fork starts with the imports
done and nothing else — no notebook ever ran in the server — so a report is computed as in a fresh kernel.

jupyter_client stays in charge: it launches a small *stub* (`python -m helpers.reports.kernels connect …`)
as if it were the kernel. The stub asks the server to fork a kernel with the stub's connection file,
working directory and environment, forwards interrupt and terminate signals to it, and exits with its exit
status. If the stub is killed, the server kills the kernel; if the server dies, its kernels die with it
(Linux parent-death signal). When the server is not running, kernels start the ordinary way.

The imports at the top are kept light: the stub is started for every kernel.
"""

from __future__ import annotations

import ast
import json
import os
import select
import signal
import socket
import sys

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
KERNEL_MACHINERY = ("ipykernel.kernelapp",)
PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.05


def modules_imported(sources: list[str]) -> list[str]:
    """Modules imported by notebook code cells (`import a.b`, `from a import b` -> a, a.b), sorted."""
    modules: set[str] = set()
    for source in sources:
        code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
                modules.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*")
    return sorted(modules)


# --- the kernel server -------------------------------------------------------------------------------------

def serve(address: str, modules: list[str]) -> None:
    """Import `modules`, then fork one kernel per connection on the Unix socket `address`, until the
    process that started the server exits."""
    import importlib

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is for the build to handle
    owner = os.getppid()  # taken before the slow imports, so that a worker killed meanwhile is noticed
    # What ipykernel does at start-up, done before matplotlib is imported so that its backend is the same
    # as in an ordinary kernel.
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    for module in (*KERNEL_MACHINERY, *modules):
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - `from a import name` names are often not modules; the notebook decides
            pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)  # the socket appearing tells the worker that the server is ready
    listener.listen(1)
    try:
        while os.getppid() == owner:
            if select.select([listener], [], [], 1.0)[0]:
                connection, _ = listener.accept()
                with connection:
                    serve_one_kernel(connection, listener, owner)
    finally:
        os.unlink(address)
        os.rmdir(os.path.dirname(address))


def start_server(modules: list[str], cwd: str):
    """Start a kernel server for this process, working in `cwd`; returns (process, socket address)."""
    import subprocess
    import tempfile

    address = os.path.join(tempfile.mkdtemp(prefix="kernel-server-"), "socket")
    process = subprocess.Popen([sys.executable, "-m", "helpers.reports.kernels", "serve", address, *modules],
                               stdin=subprocess.DEVNULL, cwd=cwd)
    return process, address


def wait_until_ready(process, address: str, seconds: float) -> bool:
    """Whether the server is listening (its imports done) within `seconds`."""
    import time

    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        if os.path.exists(address):
            return True
        time.sleep(POLL_SECONDS)
    return False


def serve_one_kernel(connection: socket.socket, listener: socket.socket, owner: int) -> None:
    """Fork the kernel a stub asked for; report its exit, or kill it if the stub or the worker goes away."""
    request = json.loads(connection.makefile("r").readline())
    pid = os.fork()
    if pid == 0:
        listener.close()
        connection.close()
        run_kernel(request)
    connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    while True:
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            connection.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
            return
        stub_gone = select.select([connection], [], [], POLL_SECONDS)[0]  # readable here means closed
        if stub_gone or os.getppid() != owner:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return


def run_kernel(request: dict) -> None:
    """In the forked child: become the kernel jupyter_client asked for, as `python -m ipykernel_launcher`."""
    try:
        if sys.platform.startswith("linux"):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        os.setsid()  # like jupyter_client's own launch: a Ctrl-C in the terminal is not for the kernel
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # ipykernel reads its launcher's pid from the environment when it is imported, which for us was in
        # the server: pass it explicitly, as an ordinary kernel would have it.
        launcher = [f"--IPKernelApp.parent_handle={request['env']['JPY_PARENT_PID']}"] \
            if "JPY_PARENT_PID" in request["env"] else []
        sys.argv = ["ipykernel_launcher", *request["argv"], *launcher]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(sys.argv[1:])
        app.start()
    finally:
        os._exit(0)


# --- the stub jupyter_client launches ----------------------------------------------------------------------

def connect(address: str, argv: list[str]) -> int:
    """Have the server fork a kernel with these ipykernel arguments; relay signals; return its exit status.

    Like an ordinary kernel, the stub and its kernel stop when the process that launched them is gone.
    """
    launcher = os.getppid()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(address)
        request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
        connection.sendall(json.dumps(request).encode() + b"\n")
        replies = connection.makefile("r")
        kernel = json.loads(replies.readline())["pid"]
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda received, _frame: os.kill(kernel, received))
        while not select.select([connection], [], [], 1.0)[0]:
            if os.getppid() != launcher:
                os.kill(kernel, signal.SIGKILL)
                return 1
        reply = replies.readline()
    return json.loads(reply)["exit"] if reply else 1


def kernel_command(address: str, ipykernel_command: list[str]) -> list[str]:
    """The stub command standing in for `python -m ipykernel_launcher ARGS` (other kernels: unchanged)."""
    if "ipykernel_launcher" not in ipykernel_command:
        return ipykernel_command
    arguments = ipykernel_command[ipykernel_command.index("ipykernel_launcher") + 1:]
    return [sys.executable, "-m", "helpers.reports.kernels", "connect", address, *arguments]


def main(argv: list[str]) -> int:
    command, address, *rest = argv
    if command == "serve":
        serve(address, rest)
        return 0
    return connect(address, rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

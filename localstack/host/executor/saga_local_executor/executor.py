"""Runs each Lambda execution environment as one ``node`` process on the host.

LocalStack's Docker executor starts a container whose init speaks LocalStack's runtime protocol
and enforces the function timeout. Here ``bootstrap.js`` speaks the same protocol (ready/error
status, /invoke, then /logs and /response or /error), and this class does what the container
init would do: it kills the process when an invocation outlives the function timeout, fails the
in-flight invocation when the process dies, and starts a fresh process (a new "cold start") for
the next invocation after either. Memory is a V8 heap cap (--max-old-space-size=MemorySize).

Environment knobs (set by localstack/up.sh):
  SAGA_EXECUTOR_NODE     node binary (default: node on PATH)
  SAGA_EXECUTOR_PID_DIR  a file per live function process, so `make down` can prove none is left
"""

import json
import logging
import os
import shutil
import signal
import subprocess
import threading
from collections import deque
from concurrent.futures import CancelledError, InvalidStateError
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from localstack import config
from localstack.http import Request, Response
from localstack.runtime.shutdown import ON_AFTER_SERVICE_SHUTDOWN_HANDLERS, SHUTDOWN_HANDLERS
from localstack.services.lambda_.invocation.executor_endpoint import (
    ExecutorEndpoint,
    ShutdownDuringStartup,
    StatusErrorException,
)
from localstack.services.lambda_.invocation.lambda_models import FunctionVersion, InvocationResult
from localstack.services.lambda_.invocation.runtime_executor import RuntimeExecutor

LOG = logging.getLogger(__name__)
BOOTSTRAP = Path(__file__).with_name("bootstrap.js")
HOST = "127.0.0.1"
# How long a process gets to exit on TERM before it is killed.
STOP_GRACE_SECONDS = 2

# Every executor whose process may be running, so that LocalStack's shutdown stops them all first.
_LIVE: set["LocalNodeExecutor"] = set()
_LIVE_LOCK = threading.Lock()
# Set when LocalStack's shutdown begins: no environment starts a process after that (one started later
# would be stopped by nobody once LocalStack exits).
_SHUTTING_DOWN = threading.Event()


def stop_all_processes() -> None:
    """Stops every function process, all at once, when LocalStack's shutdown begins.

    LocalStack itself stops environments after the pollers, from a small thread pool, waits 5 s and
    cancels what has not started: with a few dozen functions some processes were never stopped
    (make down found and killed them). Stopped here, an in-flight invocation also ends at once.
    """
    with _LIVE_LOCK:
        _SHUTTING_DOWN.set()
        live = list(_LIVE)
    stoppers = [threading.Thread(target=executor.stop, daemon=True) for executor in live]
    for stopper in stoppers:
        stopper.start()
    for stopper in stoppers:
        stopper.join(timeout=STOP_GRACE_SECONDS + 6)


SHUTDOWN_HANDLERS.register(stop_all_processes)


def cancel_pending_timers() -> None:
    """Cancels every pending ``threading.Timer`` once LocalStack's services have stopped.

    Each execution environment arms a non-daemon keep-alive Timer (LAMBDA_KEEPALIVE_MS, 600 s here)
    that LocalStack does not always cancel on shutdown: Python then waits for it before exiting, so
    LocalStack ignored TERM for minutes in about half the runs (its stack dump showed the main thread
    in threading._shutdown). With every service stopped, nothing is left for a timer to do.
    """
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


ON_AFTER_SERVICE_SHUTDOWN_HANDLERS.register(cancel_pending_timers)


def _node_binary() -> str | None:
    return os.environ.get("SAGA_EXECUTOR_NODE") or shutil.which("node")


def _error_payload(error_type: str, message: str) -> bytes:
    return json.dumps({"errorType": error_type, "errorMessage": message}).encode()


class ReportedPortEndpoint(ExecutorEndpoint):
    """The endpoint of a process that binds a port of its own (port 0) and names it in its ready call.

    A port picked here and bound later by the process can be taken in between by anyone asking the
    kernel for one (it happened: a test's "free" port was answered by a function's runtime).
    """

    def status_ready(self, request: Request, executor_id: str) -> Response:
        port = (request.get_json(silent=True) or {}).get("port")
        if not isinstance(port, int) or not 0 < port < 65536:
            message = f"the runtime's ready call names no port: {request.get_data(as_text=True)!r}"
            if not self.startup_future.done():
                self.startup_future.set_exception(
                    StatusErrorException(message, _error_payload("Runtime.InvalidReady", message))
                )
            return Response(message, status=HTTPStatus.BAD_REQUEST)
        self.container_port = port
        return super().status_ready(request, executor_id)


class LocalNodeExecutor(RuntimeExecutor):
    def __init__(self, id: str, function_version: FunctionVersion) -> None:
        super().__init__(id=id, function_version=function_version)
        self.endpoint = ReportedPortEndpoint(id, container_address=HOST, container_port=None)
        self.env_vars: dict[str, str] = {}
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()
        # Orders stop() against a spawn: a process is either started before stop() takes it (and is
        # stopped with it) or not started at all.
        self.spawn_lock = threading.Lock()
        self.stopping = False
        # Output of the process, for get_logs() and for the logs of an invocation it never finished.
        self.output: deque[str] = deque(maxlen=2000)
        self.invocation_output: list[str] = []

    # -- process lifecycle -------------------------------------------------------------------

    def start(self, env_vars: dict[str, str]) -> None:
        runtime = self.function_version.config.runtime or ""
        if not runtime.startswith("nodejs"):
            raise ValueError(f"the local executor runs Node functions only, not {runtime!r}")
        self.env_vars = {k: str(v) for k, v in env_vars.items()}
        with _LIVE_LOCK:
            if _SHUTTING_DOWN.is_set():  # e.g. a poller's last invocation during shutdown
                raise ShutdownDuringStartup("LocalStack is shutting down")
            _LIVE.add(self)
        self._spawn()

    def _spawn(self) -> None:
        """Starts a process and waits until bootstrap.js reports ready (or raises its init error)."""
        with self.spawn_lock:
            if self.stopping:  # e.g. an invocation arriving during shutdown: no new process
                raise ShutdownDuringStartup("Execution environment stopped")
            process = self._start_process()
        threading.Thread(
            target=self._watch, args=(process,), name=f"lambda-local-{self.id}", daemon=True
        ).start()
        try:
            # Bounded here too: a respawn inside invoke() has no startup timer of LocalStack's.
            self.endpoint.startup_future.result(timeout=config.LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT)
        except CancelledError as e:  # stop() during startup
            raise ShutdownDuringStartup("Execution environment stopped during startup") from e
        except TimeoutError:
            self._kill(process, 0)
            raise

    def _start_process(self) -> subprocess.Popen:
        """Starts the node process (not yet ready) as this environment's process."""
        code_dir = str(self.function_version.config.code.get_unzipped_code_location())
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            **self.env_vars,
            "LAMBDA_TASK_ROOT": code_dir,
            "LAMBDA_RUNTIME_DIR": str(BOOTSTRAP.parent),
        }
        memory_mb = int(self.function_version.config.memory_size)
        self.endpoint.container_port = None  # named by this process's ready call
        self.endpoint.start()  # a fresh startup future for this process
        self.process = subprocess.Popen(
            [_node_binary(), f"--max-old-space-size={memory_mb}", str(BOOTSTRAP)],
            cwd=code_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            # Own session: a signal to LocalStack's group never reaches functions mid-invocation;
            # this executor (and, as a fallback, localstack/down.sh via the pid files) stops them.
            start_new_session=True,
        )
        self._record_pid(self.process.pid)
        return self.process

    def _watch(self, process: subprocess.Popen) -> None:
        """Drains the process's output; when it exits, fails whatever was waiting on it."""
        for raw in process.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.output.append(line)
            self.invocation_output.append(line)
        code = process.wait()
        self._forget_pid(process.pid)
        if self.stopping or process is not self.process:
            return
        message = f"Runtime exited with error: exit status {code}"
        LOG.warning("Function process of %s exited (%s)", self.function_version.qualified_arn, code)
        startup = self.endpoint.startup_future
        if startup is not None and not startup.done():
            try:
                startup.set_exception(
                    StatusErrorException(message, _error_payload("Runtime.ExitError", message))
                )
            except InvalidStateError:
                pass
        self._fail_invocation("Runtime.ExitError", message)

    def _fail_invocation(self, error_type: str, message: str) -> None:
        future = self.endpoint.invocation_future
        if future is None or future.done():
            return
        logs = "\n".join(self.invocation_output + [message]) + "\n"
        try:
            future.set_result(
                InvocationResult("", _error_payload(error_type, message), is_error=True, logs=logs)
            )
        except InvalidStateError:
            pass  # the response arrived first

    def _kill(self, process: subprocess.Popen | None, grace: float) -> None:
        if process is None or process.poll() is not None:
            return
        try:
            process.send_signal(signal.SIGTERM if grace else signal.SIGKILL)
            process.wait(timeout=grace or 5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        with self.spawn_lock:
            self.stopping = True
        with _LIVE_LOCK:
            _LIVE.discard(self)
        self._kill(self.process, STOP_GRACE_SECONDS)
        try:
            self.endpoint.shutdown()
        except Exception as e:  # noqa: BLE001 - stopping must not fail on a half-started endpoint
            LOG.debug("Error shutting down executor endpoint %s: %s", self.id, e)

    # -- invocation ---------------------------------------------------------------------------

    def invoke(self, payload: dict[str, str]) -> InvocationResult:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                # The previous process timed out or crashed: like Lambda, start a fresh one.
                self._spawn()
        self.invocation_output = []
        timeout = float(self.function_version.config.timeout)
        timer = threading.Timer(timeout, self._timed_out, args=(payload["invoke-id"], timeout))
        timer.daemon = True
        timer.start()
        try:
            return self.endpoint.invoke(payload)
        finally:
            timer.cancel()

    def _timed_out(self, request_id: str, timeout: float) -> None:
        # Same message as Lambda; the process is killed (it may be blocking its event loop).
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        message = f"{stamp} {request_id} Task timed out after {timeout:.2f} seconds"
        process = self.process
        self._fail_invocation("Sandbox.Timedout", message)
        self._kill(process, 0)

    # -- bookkeeping LocalStack asks for -------------------------------------------------------

    def _record_pid(self, pid: int) -> None:
        if pid_dir := os.environ.get("SAGA_EXECUTOR_PID_DIR"):
            Path(pid_dir).mkdir(parents=True, exist_ok=True)
            Path(pid_dir, str(pid)).write_text(self.function_version.qualified_arn + "\n")

    def _forget_pid(self, pid: int) -> None:
        if pid_dir := os.environ.get("SAGA_EXECUTOR_PID_DIR"):
            Path(pid_dir, str(pid)).unlink(missing_ok=True)

    def get_address(self) -> str:
        return HOST

    def get_endpoint_from_executor(self) -> str:
        return HOST

    def get_runtime_endpoint(self) -> str:
        port = config.GATEWAY_LISTEN[0].port
        return f"http://{HOST}:{port}{self.endpoint.get_endpoint_prefix()}"

    def get_logs(self) -> str:
        return "\n".join(self.output)

    @classmethod
    def prepare_version(cls, function_version: FunctionVersion) -> None:
        if function_version.config.code:
            function_version.config.code.prepare_for_execution()

    @classmethod
    def cleanup_version(cls, function_version: FunctionVersion) -> None:
        pass

    @classmethod
    def validate_environment(cls) -> bool:
        if _node_binary() is None:
            LOG.warning("The local Lambda executor needs `node` on PATH (or SAGA_EXECUTOR_NODE)")
            return False
        return True


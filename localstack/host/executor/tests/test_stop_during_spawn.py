"""A stop() racing a process start never leaves that process running (no LocalStack needed)."""

import threading
import unittest
from concurrent.futures import Future
from types import SimpleNamespace

from localstack.services.lambda_.invocation.executor_endpoint import ShutdownDuringStartup

from saga_local_executor.executor import LocalNodeExecutor


class FakeProcess:
    pid = 4242

    def __init__(self) -> None:
        self.signals: list[int] = []

    def poll(self):
        return 0 if self.signals else None

    def send_signal(self, signal: int) -> None:
        self.signals.append(signal)

    def wait(self, timeout=None):
        return 0


class SlowStartExecutor(LocalNodeExecutor):
    """Starts a fake process only when the test lets it, as if Popen were slow."""

    def __init__(self) -> None:
        super().__init__("x", SimpleNamespace(qualified_arn="arn:x"))
        self.endpoint = SimpleNamespace(startup_future=Future(), shutdown=lambda: None)
        self.inside_start = threading.Event()
        self.let_start = threading.Event()
        self.started: FakeProcess | None = None

    def _start_process(self):
        self.inside_start.set()
        self.let_start.wait(timeout=5)
        self.process = self.started = FakeProcess()
        return self.process

    def _watch(self, process) -> None:
        pass


class StopDuringSpawnTest(unittest.TestCase):
    def test_a_stop_during_a_start_stops_the_started_process(self):
        executor = SlowStartExecutor()
        spawner = threading.Thread(target=lambda: self.assertRaises(Exception, executor._spawn))
        spawner.start()
        self.assertTrue(executor.inside_start.wait(timeout=5))
        stopper = threading.Thread(target=executor.stop)
        stopper.start()
        stopper.join(timeout=0.2)
        self.assertTrue(stopper.is_alive(), "stop() must wait for the start under way")
        executor.let_start.set()
        stopper.join(timeout=5)
        executor.endpoint.startup_future.cancel()
        spawner.join(timeout=5)
        self.assertIsNotNone(executor.started)
        self.assertTrue(executor.started.signals, "the process started during stop() was not stopped")

    def test_no_process_starts_after_stop(self):
        executor = SlowStartExecutor()
        executor.let_start.set()
        executor.stop()
        with self.assertRaises(ShutdownDuringStartup):
            executor._spawn()
        self.assertFalse(executor.inside_start.is_set())


if __name__ == "__main__":
    unittest.main()

"""LocalStack's shutdown stops every function process at once (no LocalStack needed)."""

import threading
import time
import unittest
from types import SimpleNamespace

from localstack.runtime.shutdown import SHUTDOWN_HANDLERS
from localstack.services.lambda_.invocation.executor_endpoint import ShutdownDuringStartup

from saga_local_executor import executor


class SlowToStop:
    """An executor whose stop takes as long as a process given its TERM grace."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.stopped = threading.Event()

    def stop(self) -> None:
        time.sleep(self.seconds)
        self.stopped.set()


class NeverSpawns(executor.LocalNodeExecutor):
    def __init__(self) -> None:
        super().__init__("late", SimpleNamespace(config=SimpleNamespace(runtime="nodejs20.x")))
        self.spawned = False

    def _spawn(self) -> None:
        self.spawned = True


class StopAllProcessesTest(unittest.TestCase):
    def tearDown(self):
        executor._SHUTTING_DOWN.clear()  # module state: other tests start executors

    def test_is_a_shutdown_handler(self):
        self.assertIn(executor.stop_all_processes, SHUTDOWN_HANDLERS._callbacks)

    def test_stops_every_live_executor_concurrently(self):
        fakes = [SlowToStop(1.0) for _ in range(20)]
        with executor._LIVE_LOCK:
            executor._LIVE.update(fakes)
        try:
            started = time.monotonic()
            executor.stop_all_processes()
            took = time.monotonic() - started
        finally:
            with executor._LIVE_LOCK:
                executor._LIVE.difference_update(fakes)
        self.assertTrue(all(fake.stopped.is_set() for fake in fakes))
        # One after another would take 20 s.
        self.assertLess(took, 5)

    def test_no_environment_starts_a_process_once_shutdown_began(self):
        executor.stop_all_processes()
        late = NeverSpawns()
        with self.assertRaises(ShutdownDuringStartup):
            late.start({})
        self.assertFalse(late.spawned)
        self.assertNotIn(late, executor._LIVE)

    def test_before_shutdown_an_environment_starts(self):
        early = NeverSpawns()
        try:
            early.start({})
            self.assertTrue(early.spawned)
        finally:
            with executor._LIVE_LOCK:
                executor._LIVE.discard(early)


if __name__ == "__main__":
    unittest.main()

"""LocalStack's shutdown stops every function process at once (no LocalStack needed)."""

import threading
import time
import unittest

from localstack.runtime.shutdown import SHUTDOWN_HANDLERS

from saga_local_executor import executor


class SlowToStop:
    """An executor whose stop takes as long as a process given its TERM grace."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.stopped = threading.Event()

    def stop(self) -> None:
        time.sleep(self.seconds)
        self.stopped.set()


class StopAllProcessesTest(unittest.TestCase):
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


if __name__ == "__main__":
    unittest.main()

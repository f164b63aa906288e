"""After LocalStack's services stop, no pending keep-alive timer holds the process (no LocalStack needed)."""

import threading
import time
import unittest

from localstack.runtime.shutdown import ON_AFTER_SERVICE_SHUTDOWN_HANDLERS

from saga_local_executor import executor


class CancelPendingTimersTest(unittest.TestCase):
    def test_is_an_after_service_shutdown_handler(self):
        self.assertIn(executor.cancel_pending_timers, ON_AFTER_SERVICE_SHUTDOWN_HANDLERS._callbacks)

    def test_a_pending_non_daemon_timer_ends_without_firing(self):
        fired = threading.Event()
        # Like an execution environment's keep-alive timer: non-daemon, due long after the test.
        timer = threading.Timer(600, fired.set)
        timer.start()
        started = time.monotonic()
        executor.cancel_pending_timers()
        timer.join(timeout=5)
        self.assertFalse(timer.is_alive())
        self.assertFalse(fired.is_set())
        self.assertLess(time.monotonic() - started, 5)


if __name__ == "__main__":
    unittest.main()

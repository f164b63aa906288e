"""The runtime names the port it bound itself in its ready call (no LocalStack needed)."""

import json
import unittest
from concurrent.futures import Future

from werkzeug import Request

from saga_local_executor.executor import ReportedPortEndpoint


def ready_call(body: bytes) -> Request:
    return Request.from_values(
        method="POST", data=body, content_type="application/json", path="/status/x/ready"
    )


class ReportedPortEndpointTest(unittest.TestCase):
    def setUp(self):
        self.endpoint = ReportedPortEndpoint("x", container_address="127.0.0.1", container_port=None)
        self.endpoint.startup_future = Future()

    def test_takes_the_port_from_the_ready_call(self):
        response = self.endpoint.status_ready(ready_call(json.dumps({"port": 40123}).encode()), "x")
        self.assertEqual(response.status_code, 202)
        self.assertEqual(self.endpoint.container_port, 40123)
        self.assertTrue(self.endpoint.startup_future.result(timeout=0))

    def test_a_ready_call_without_a_port_fails_the_startup_saying_why(self):
        for body in (b"{}", b'{"port": "40123"}', b'{"port": 0}', b"not json"):
            with self.subTest(body=body):
                self.setUp()
                response = self.endpoint.status_ready(ready_call(body), "x")
                self.assertEqual(response.status_code, 400)
                self.assertIsNone(self.endpoint.container_port)
                with self.assertRaises(Exception) as raised:
                    self.endpoint.startup_future.result(timeout=0)
                self.assertIn("names no port", str(raised.exception))


if __name__ == "__main__":
    unittest.main()

"""The host executor against a running LocalStack (EMULATOR=localstack-host): timeout, crash,
memory, environment and logs, with a throwaway function. Run by scripts/integration-phase.sh:

    EMULATOR_PORT=4611 .venv-localstack/bin/python -m unittest discover -s localstack/host/executor/tests
"""

import io
import json
import os
import time
import unittest
import uuid
import zipfile

import boto3

PORT = os.environ.get("EMULATOR_PORT", "4566")
ENDPOINT = f"http://127.0.0.1:{PORT}"
HANDLERS = r"""
const fs = require('node:fs');
exports.env = async () => {
  console.log('hello from the function');
  const heapMb = Math.round(require('node:v8').getHeapStatistics().heap_size_limit / 1048576);
  return { greeting: process.env.GREETING, heapMb, pid: process.pid };
};
// Blocks its event loop past the timeout: only a kill from outside can end it.
exports.spin = async (event) => {
  fs.writeFileSync(event.pidFile, String(process.pid));
  const end = Date.now() + 60000;
  while (Date.now() < end) {}
  return 'never';
};
exports.crash = async () => process.exit(3);
"""


def client(service: str):
    return boto3.client(
        service,
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class HostExecutorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fn = f"executor-test-{uuid.uuid4().hex[:8]}"
        cls.lam = client("lambda")
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("index.js", HANDLERS)
        cls.lam.create_function(
            FunctionName=cls.fn,
            Runtime="nodejs22.x",
            Role="arn:aws:iam::000000000000:role/executor-test",
            Handler="index.env",
            Code={"ZipFile": archive.getvalue()},
            Timeout=2,
            MemorySize=256,
            Environment={"Variables": {"GREETING": "hi"}},
        )
        cls.lam.get_waiter("function_active_v2").wait(FunctionName=cls.fn)

    @classmethod
    def tearDownClass(cls):
        cls.lam.delete_function(FunctionName=cls.fn)

    def invoke(self, handler: str, event: dict) -> tuple[dict, dict, float]:
        self.lam.update_function_configuration(FunctionName=self.fn, Handler=handler)
        self.lam.get_waiter("function_updated_v2").wait(FunctionName=self.fn)
        started = time.monotonic()
        out = self.lam.invoke(FunctionName=self.fn, Payload=json.dumps(event).encode())
        return out, json.loads(out["Payload"].read()), time.monotonic() - started

    def test_timeout_kills_the_process_and_reports_it_then_a_fresh_process_serves(self):
        pid_file = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"{self.fn}.pid")
        out, body, took = self.invoke("index.spin", {"pidFile": pid_file})
        self.assertEqual(out.get("FunctionError"), "Unhandled")
        self.assertEqual(body["errorType"], "Sandbox.Timedout")
        self.assertIn("Task timed out after 2.00 seconds", body["errorMessage"])
        self.assertLess(took, 10)
        with open(pid_file) as f:
            pid = int(f.read())
        os.unlink(pid_file)
        deadline = time.monotonic() + 5
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertFalse(alive(pid), f"function process {pid} survived its timeout")

        out, body, _ = self.invoke("index.env", {})
        self.assertNotIn("FunctionError", out)
        self.assertNotEqual(body["pid"], pid)

    def test_environment_memory_and_logs(self):
        out, body, _ = self.invoke("index.env", {})
        self.assertNotIn("FunctionError", out)
        self.assertEqual(body["greeting"], "hi")
        # --max-old-space-size=MemorySize, plus V8's young generation.
        self.assertGreaterEqual(body["heapMb"], 256)
        self.assertLess(body["heapMb"], 400)
        logs = client("logs")
        deadline = time.monotonic() + 15
        messages = ""
        while "hello from the function" not in messages and time.monotonic() < deadline:
            time.sleep(0.5)
            try:
                events = logs.filter_log_events(logGroupName=f"/aws/lambda/{self.fn}")["events"]
            except logs.exceptions.ResourceNotFoundException:
                continue
            messages = "".join(e["message"] for e in events)
        self.assertIn("hello from the function", messages)
        self.assertIn("START RequestId:", messages)

    def test_a_dying_process_fails_its_invocation_at_once(self):
        out, body, took = self.invoke("index.crash", {})
        self.assertEqual(out.get("FunctionError"), "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.ExitError")
        self.assertIn("exit status 3", body["errorMessage"])
        self.assertLess(took, 10)


if __name__ == "__main__":
    unittest.main()

// The default test timeout: above the sum of the default waits of any test here (waitForTerminal
// 60 s, eventually 30 s each). A test that waits for schedules declares testTimeout(waits) itself.
jest.setTimeout(600_000);

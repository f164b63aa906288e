// The default test timeout: above the sum of the default waits of any test here (waitForTerminal
// sagaMs, eventually effectMs each; see waits.ts). A test that waits for schedules declares
// testTimeout(waits) itself.
jest.setTimeout(600_000);

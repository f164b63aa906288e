// Sagas run asynchronously across four services; the sweeper scenario waits for a scheduled run.
jest.setTimeout(240_000);

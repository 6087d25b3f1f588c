// Integration tests talk to real services and processes: give each test a minute.
// (A project-level `testTimeout` is not honoured inside `projects`, so it is set here.)
jest.setTimeout(60_000);

// The drivers' clock for durations (reopen backoff, reply deadlines, hold refresh): the system's
// monotonic clock, which a step of the wall clock (NTP, an operator) never moves. Drivers
// import nothing from the host, so they keep this one line of their own.
export const monotonicNow = (): number => performance.now();

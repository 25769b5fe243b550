// P8's timings, shared by its host and its customers. People need the config's floors (a
// result screen for 5 s or more, 10 s before a walked-away partial payment is settled); a
// benchmark of thousands of sessions does not, so the host's timers are shortened to these.
export const P8_TIMING = {
  /** The ID-003 emulator advances with the driver's polls: a note takes about 8 polls. */
  acceptorPollMs: 20,
  session: {
    writeOffWaitMs: 3_000,
    /** A customer who walks away from a result screen is gone after this long. */
    doneScreenMs: 800,
    /** A customer who walks away from the partial-cash screen: settled after this long. */
    partialCashWaitMs: 800,
    qrPollMs: 100,
    qrGiveUpMs: 3_000,
  },
} as const;

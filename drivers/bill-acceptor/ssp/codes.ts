// SSP command, generic reply and poll event bytes (reference/protocols.md §1.2; the ITL command
// set as documented by the kybarg/ssp project). Commands and events share no table.

/** Host → device. */
export const Cmd = {
  RESET: 0x01,
  SET_INHIBITS: 0x02,
  SETUP_REQUEST: 0x05,
  HOST_PROTOCOL_VERSION: 0x06,
  POLL: 0x07,
  REJECT: 0x08,
  DISABLE: 0x09,
  ENABLE: 0x0a,
  SYNC: 0x11,
  LAST_REJECT_CODE: 0x17,
  HOLD: 0x18,
  GET_COUNTERS: 0x58,
  RESET_COUNTERS: 0x59,
} as const;

/** The first byte of every reply. */
export const Reply = {
  OK: 0xf0,
  UNKNOWN_COMMAND: 0xf2,
  WRONG_PARAMETER_COUNT: 0xf3,
  PARAMETER_OUT_OF_RANGE: 0xf4,
  CANNOT_PROCESS: 0xf5,
  SOFTWARE_ERROR: 0xf6,
  FAIL: 0xf8,
  KEY_NOT_SET: 0xfa,
} as const;

export const REPLY_NAMES: Readonly<Record<number, string>> = {
  [Reply.OK]: 'OK',
  [Reply.UNKNOWN_COMMAND]: 'command not known',
  [Reply.WRONG_PARAMETER_COUNT]: 'wrong number of parameters',
  [Reply.PARAMETER_OUT_OF_RANGE]: 'parameter out of range',
  [Reply.CANNOT_PROCESS]: 'command cannot be processed',
  [Reply.SOFTWARE_ERROR]: 'software error',
  [Reply.FAIL]: 'fail',
  [Reply.KEY_NOT_SET]: 'encryption key not set',
};

/** Events in a POLL reply, after the OK byte. */
export const Event = {
  SLAVE_RESET: 0xf1,
  READ_NOTE: 0xef,
  CREDIT: 0xee,
  REJECTING: 0xed,
  REJECTED: 0xec,
  STACKING: 0xcc,
  STACKED: 0xeb,
  SAFE_JAM: 0xea,
  UNSAFE_JAM: 0xe9,
  DISABLED: 0xe8,
  STACKER_FULL: 0xe7,
  FRAUD_ATTEMPT: 0xe6,
  CASHBOX_REPLACED: 0xe4,
  CASHBOX_REMOVED: 0xe3,
  CLEARED_TO_CASHBOX: 0xe2,
  CLEARED_FROM_FRONT: 0xe1,
  NOTE_PATH_OPEN: 0xe0,
  CHANNEL_DISABLE: 0xb5,
} as const;

/** Events followed by one data byte (a channel, 0 when unknown), for a validator. */
export const EVENTS_WITH_CHANNEL: ReadonlySet<number> = new Set([
  Event.READ_NOTE,
  Event.CREDIT,
  Event.FRAUD_ATTEMPT,
  Event.CLEARED_TO_CASHBOX,
  Event.CLEARED_FROM_FRONT,
]);

/** LAST REJECT CODE (0x17) reasons, for logs. */
export const REJECT_REASONS: Readonly<Record<number, string>> = {
  0x00: 'note accepted',
  0x01: 'length fail',
  0x02: 'average fail',
  0x03: 'coastline fail',
  0x04: 'graph fail',
  0x05: 'buried fail',
  0x06: 'channel inhibited',
  0x07: 'second note inserted',
  0x08: 'rejected by host',
  0x09: 'recognised in more than one channel',
  0x0a: 'rear sensor error',
  0x0b: 'note too long',
  0x0c: 'disabled by host',
  0x0d: 'mechanism too slow',
  0x0e: 'strimming attempt',
  0x0f: 'fraud channel',
  0x10: 'no notes detected',
  0x11: 'peak detect fail',
  0x12: 'twisted note',
  0x13: 'escrow timeout',
  0x14: 'bar code scan fail',
  0x15: 'no cam activate',
  0x16: 'slot fail 1',
  0x17: 'slot fail 2',
  0x18: 'lens oversample',
  0x19: 'width detection fail',
  0x1a: 'short note',
  0x1b: 'payout note',
  0x1c: 'double note',
  0x1d: 'unable to stack',
};

export const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

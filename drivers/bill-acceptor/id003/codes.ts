// ID-003 command and status codes (reference/protocols.md §1.1). Commands and statuses share
// byte values (0x11 is both STATUS REQ and IDLING), so they live in separate tables.

/** Host → acceptor. */
export const Cmd = {
  STATUS_REQ: 0x11,
  RESET: 0x40,
  STACK_1: 0x41,
  STACK_2: 0x42,
  RETURN: 0x43,
  HOLD: 0x44,
  /** Both directions: the host acknowledges VEND VALID, the acceptor acknowledges operations. */
  ACK: 0x50,
  CURRENCY_ASSIGN: 0x8a,
  /** Denomination enable/disable: 2 bytes, a set bit DISABLES escrow code 0x61 + bit. */
  ENABLE: 0xc0,
  SECURITY: 0xc1,
  COMMUNICATION_MODE: 0xc2,
  INHIBIT: 0xc3,
  OPTIONAL_FUNCTION: 0xc5,
} as const;

/** Acceptor → host, in reply to STATUS REQ. */
export const Status = {
  IDLING: 0x11,
  ACCEPTING: 0x12,
  ESCROW: 0x13,
  STACKING: 0x14,
  VEND_VALID: 0x15,
  STACKED: 0x16,
  REJECTING: 0x17,
  RETURNING: 0x18,
  HOLDING: 0x19,
  DISABLED: 0x1a,
  INITIALIZE: 0x1b,
  POWER_UP: 0x40,
  POWER_UP_BILL_IN_ACCEPTOR: 0x41,
  POWER_UP_BILL_IN_STACKER: 0x42,
  STACKER_FULL: 0x43,
  STACKER_OPEN: 0x44,
  ACCEPTOR_JAM: 0x45,
  STACKER_JAM: 0x46,
  PAUSE: 0x47,
  CHEATED: 0x48,
  /** Followed by a failure code, see FAILURE_CODES. */
  FAILURE: 0x49,
  /** The acceptor received a frame it could not read [U: from the JCM spec, not in the notes]. */
  COMMUNICATION_ERROR: 0x4a,
  /** The acceptor refused the last command. */
  INVALID_COMMAND: 0x4b,
} as const;

export const INHIBIT_ON = Buffer.from([0x01]);
export const INHIBIT_OFF = Buffer.from([0x00]);

/** Escrow codes of the ENABLE bitmask: bit n of data byte 0 is code 0x61 + n. */
export const FIRST_ESCROW_CODE = 0x61;
export const LAST_ESCROW_CODE = 0x68;

export const FAILURE_CODES: Readonly<Record<number, string>> = {
  0xa2: 'stack motor failure',
  0xa5: 'transport motor speed failure',
  0xa6: 'transport motor failure',
  0xab: 'cash box not ready',
  0xaf: 'validator head removed',
  0xb0: 'ROM failure',
  0xb1: 'ROM failure',
  0xb2: 'ROM failure',
  0xb3: 'ROM failure',
};

/** Reason names are [U] (JCM spec from memory); the codes 0x71–0x7E are in the notes. */
export const REJECT_REASONS: Readonly<Record<number, string>> = {
  0x71: 'insertion error',
  0x72: 'mag error',
  0x73: 'bill remained in head',
  0x74: 'compensation error',
  0x75: 'conveying error',
  0x76: 'denomination assessing error',
  0x77: 'photo pattern error',
  0x78: 'photo level error',
  0x79: 'inhibited denomination',
  0x7b: 'operation error',
  0x7c: 'bill remained in stacker',
  0x7d: 'length error',
  0x7e: 'photo pattern error',
};

export function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

// What the log may say about people and money: the one list of fields that are masked or removed
// before a line reaches the log file, and a safety net for numbers in free text. The logger
// (logger.ts) runs every log call through `redactLogArgs`; docs/LOGGING.md explains the rules.
import { stdSerializers } from 'pino';
import { maskAccount, maskName } from '../receipts/mask';
import { maskPaymentCode } from '../scanning/payment-codes';

/** How the value of a listed field is written. */
export type Rule =
  /** Removed whole: secrets are worth nothing masked. */
  | 'secret'
  /** An account, card or phone number: first 4 and last 2 characters kept (receipt rule). */
  | 'account'
  /** A person's name or address: first and last character kept (receipt rule). */
  | 'name'
  /** A wallet payment code (付款码): first and last 4 digits kept. */
  | 'paymentCode'
  /** `code` is also an error or reply code (ENOSPC, account_not_found): masked only if digits. */
  | 'digitCode'
  /** Raw input (a scan, a stored request): only its length. */
  | 'rawText';

/**
 * Field names, compared without case, `-` or `_`, at any depth of a log call's object. Add a field
 * here, not at the call site: this list is the whole policy (test/host/log-redaction.test.ts).
 */
const FIELD_RULES: Readonly<Record<string, Rule>> = {
  secret: 'secret',
  password: 'secret',
  passwd: 'secret',
  token: 'secret',
  accesstoken: 'secret',
  refreshtoken: 'secret',
  apikey: 'secret',
  authorization: 'secret',
  cookie: 'secret',
  setcookie: 'secret',
  signature: 'secret',
  privatekey: 'secret',
  pin: 'secret',
  cvv: 'secret',
  account: 'account',
  accountno: 'account',
  accountnumber: 'account',
  cardno: 'account',
  cardnumber: 'account',
  pan: 'account',
  uid: 'account',
  carduid: 'account',
  phone: 'account',
  phonenumber: 'account',
  mobile: 'account',
  tel: 'account',
  idcard: 'account',
  idnumber: 'account',
  name: 'name',
  holder: 'name',
  holdername: 'name',
  fullname: 'name',
  staffname: 'name',
  customername: 'name',
  payername: 'name',
  contactname: 'name',
  address: 'name',
  authcode: 'paymentCode',
  paymentcode: 'paymentCode',
  code: 'digitCode',
  text: 'rawText',
  raw: 'rawText',
  rawtext: 'rawText',
  scantext: 'rawText',
  quotejson: 'rawText',
  requestjson: 'rawText',
  resultjson: 'rawText',
};

/** Any field whose name ends like this is a secret too (terminalSecret, x-session-token, …). */
const SECRET_ENDINGS = ['secret', 'token', 'password', 'signature', 'cookie', 'apikey'];

/**
 * Identifiers that the kiosk and the gateway issue (not a person's numbers): the digit safety
 * net leaves them readable, so that a payment can be traced through the logs.
 */
const ISSUED_IDS = new Set(['agentserial', 'qrpaymentid', 'billertxnid', 'quoteid', 'billid']);

/** Whether the digit safety net spares this field (an identifier the kiosk or gateway issued). */
export function isIssuedId(key: string): boolean {
  return ISSUED_IDS.has(key.toLowerCase());
}

/**
 * The safety net for text no rule names (messages, error messages and stacks, unknown fields):
 * a run of 10 or more ASCII digits is an account (10–12), a phone (11), an ID card (17–18), a
 * bank card (16–19) or a payment code (16–24), and keeps only its first 4 and last 2 digits.
 */
const LONG_DIGITS = /[0-9]{10,}/g;
/** …and a secret in a URL's query (`?token=…`, `access_token=…`, `apiKey=…`) is removed. */
const SECRET_PARAM = /([\w-]*(?:token|secret|password|signature|sign|key))=[^&\s"'#]+/gi;
const NEEDS_NET = /[0-9]{10}|=/;

const REDACTED = '[redacted]';
/** Deeper than this, objects are not written (a log line is not a data dump). */
const MAX_DEPTH = 8;

const ruleCache = new Map<string, Rule | null>();

/** The rule of a field name (null: none), as every log call applies it. */
export function ruleOf(key: string): Rule | null {
  const cached = ruleCache.get(key);
  if (cached !== undefined) return cached;
  const k = key.toLowerCase().replace(/[-_]/g, '');
  const rule = FIELD_RULES[k] ?? (SECRET_ENDINGS.some((e) => k.endsWith(e)) ? 'secret' : null);
  if (ruleCache.size < 10_000) ruleCache.set(key, rule);
  return rule;
}

/** Free text with long digit runs masked and URL secrets removed. */
export function redactText(text: string): string {
  if (!NEEDS_NET.test(text)) return text; // most text: one scan, no copy
  return text.replace(LONG_DIGITS, maskAccount).replace(SECRET_PARAM, `$1=${REDACTED}`);
}

/** A listed field's text as the log writes it. */
export function applyRule(rule: Rule, text: string): string {
  switch (rule) {
    case 'secret':
      return REDACTED;
    case 'account':
      return maskAccount(text);
    case 'name':
      return maskName(text);
    case 'paymentCode':
      return maskPaymentCode(text);
    case 'digitCode':
      return /^[0-9]{6,}$/.test(text) ? maskPaymentCode(text) : redactText(text);
    case 'rawText':
      return `[${Array.from(text).length} characters]`;
  }
}

/**
 * A copy of `value` fit for the log: listed fields masked or removed at any depth, free text
 * netted, errors serialised (type, message, stack and their own fields, all redacted too).
 */
export function redactValue(value: unknown): unknown {
  return redactAt(value, null, new Set());
}

/**
 * `rule` is the rule of the field that holds `value`, inherited by everything inside it;
 * `parents` are the objects above it, so that a cycle ends instead of recursing.
 */
function redactAt(value: unknown, rule: Rule | null, parents: Set<object>): unknown {
  if (rule === 'secret' && value !== undefined && value !== null) return REDACTED;
  switch (typeof value) {
    case 'string':
      return rule ? applyRule(rule, value) : redactText(value);
    case 'number':
    case 'bigint':
      // A number under a listed field is masked like its text (an account sent as a number).
      return rule === 'account' || rule === 'name' || rule === 'paymentCode'
        ? applyRule(rule, String(value))
        : value;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (parents.has(value)) return '[circular]';
  if (parents.size >= MAX_DEPTH) return '[too deep]';
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) {
    // Bytes may be a scan or a card's data: only their number.
    return `[${value.byteLength} bytes]`;
  }
  parents.add(value);
  try {
    if (Array.isArray(value)) return value.map((v: unknown) => redactAt(v, rule, parents));
    if (value instanceof Error) return redactError(value, rule, parents);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redactAt(toJSON.call(value), rule, parents);
    return redactFields(value as Record<string, unknown>, rule, parents);
  } finally {
    parents.delete(value);
  }
}

function redactFields(
  obj: Record<string, unknown>,
  inherited: Rule | null,
  parents: Set<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const rule = ruleOf(key) ?? inherited;
    const issuedId = rule === null && typeof value === 'string' && isIssuedId(key);
    out[key] = issuedId ? value : redactAt(value, rule, parents);
  }
  return out;
}

/**
 * pino's own error form (type, message and stack with their causes, own fields), redacted like
 * any object; a `name` field of an error is its class's name, not a person's.
 */
function redactError(err: Error, rule: Rule | null, parents: Set<object>): Record<string, unknown> {
  const serialised = { ...(stdSerializers.err(err) as unknown as Record<string, unknown>) };
  const out = redactFields(serialised, rule, parents);
  if (typeof serialised.name === 'string' && serialised.name === err.name) out.name = err.name;
  return out;
}

/**
 * A log call's arguments made safe: the merge object redacted, an Error as the first argument
 * turned into `{ err }` (its message becomes the line's message, netted), the message and any
 * interpolation values redacted too.
 */
export function redactLogArgs(args: readonly unknown[]): unknown[] {
  try {
    return redactArgs(args);
  } catch {
    // A getter or toJSON that throws: the line is still written, without what it could not read.
    const msg = args.find((a): a is string => typeof a === 'string');
    return [{ fields: '[unreadable]' }, ...(msg === undefined ? [] : [redactText(msg)])];
  }
}

function redactArgs(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  const tail = rest.map((v) => (typeof v === 'string' ? redactText(v) : redactValue(v)));
  if (typeof first === 'string') return [redactText(first), ...tail];
  if (first instanceof Error) {
    const err = redactValue(first) as { message?: unknown };
    const msg = tail.length > 0 ? tail : [typeof err.message === 'string' ? err.message : ''];
    return [{ err }, ...msg];
  }
  if (first !== null && typeof first === 'object') return [redactValue(first), ...tail];
  return [first, ...tail];
}

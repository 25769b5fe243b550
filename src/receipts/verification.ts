// What a receipt's QR code carries: a link to check the payment by its agent serial (and, once
// written off, the biller's transaction id). The base address becomes configuration when the
// operator's verification service exists.

export const DEFAULT_VERIFY_BASE = 'https://verify.example/r';

export function verificationPayload(
  agentSerial: string,
  billerTxnId: string | null,
  base: string = DEFAULT_VERIFY_BASE,
): string {
  const query = new URLSearchParams({ s: agentSerial });
  if (billerTxnId) query.set('t', billerTxnId);
  return `${base}?${query.toString()}`;
}

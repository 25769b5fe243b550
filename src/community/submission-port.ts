// What the submission worker needs of the gateway, and its adapter over the community client:
// which replies settle a request (accepted, rejected for good), which mean the gateway never
// committed it (a query's 404), and which leave the outcome unknown. As for write-offs
// (src/gateway/write-off-port.ts): 400, 409, 413 and 422 can never succeed with the same body
// and are definitive; 401, 403, 404 on a POST, 408, 429, 5xx, timeouts, dropped connections
// and replies that fail their schema are unknown: query first, then retry.
import type { GatewayReply } from '../gateway/signed-request';
import type { CommunityClient } from './client';
import type { SubmissionKind } from './community-journal';
import { NoticeRequest } from './contract';

export type SubmitOutcome =
  | { kind: 'accepted'; replyJson: string; trackingCode: string | null }
  | { kind: 'rejected'; code: string; message: string }
  | { kind: 'unknown'; reason: string; retryAfterMs?: number };

export type QueryOutcome =
  | SubmitOutcome
  /** The gateway never committed it: only now is the same body sent again. */
  | { kind: 'not_found' }
  /** Committed, but the answer lacks what the first answer had (an application's code). */
  | { kind: 'committed_without_answer' };

export type UploadOutcome =
  | { kind: 'held'; uploadId: string; expiresAt: string }
  | { kind: 'rejected'; code: string; message: string }
  | { kind: 'unknown'; reason: string; retryAfterMs?: number };

export interface SubmissionTarget {
  kind: SubmissionKind;
  serial: string;
  /** An addition of documents: the application's serial. */
  target: string | null;
  /** A notice: the X-Staff-Id it is sent with. */
  staffId: string | null;
  /** The exact stored body. */
  requestJson: string;
}

export interface SubmissionPort {
  upload(requestJson: string): Promise<UploadOutcome>;
  submit(s: SubmissionTarget): Promise<SubmitOutcome>;
  /** After an unknown outcome, before anything is sent again. */
  query(s: SubmissionTarget): Promise<QueryOutcome>;
}

const DEFINITIVE_STATUSES = [400, 409, 413, 422];

/** A failed reply as an outcome: definitive, or unknown with its reason. */
function failure(
  reply: GatewayReply<unknown> & { ok: false },
): Exclude<SubmitOutcome, { kind: 'accepted' }> {
  if (reply.kind === 'error' && DEFINITIVE_STATUSES.includes(reply.status)) {
    return { kind: 'rejected', code: reply.code, message: reply.message };
  }
  const reason =
    reply.kind === 'unreachable'
      ? reply.reason
      : reply.kind === 'error'
        ? reply.code
        : reply.reason;
  return {
    kind: 'unknown',
    reason,
    ...(reply.kind === 'error' && reply.retryAfterMs ? { retryAfterMs: reply.retryAfterMs } : {}),
  };
}

const accepted = (body: unknown): SubmitOutcome => ({
  kind: 'accepted',
  replyJson: JSON.stringify(body),
  trackingCode: null,
});

const is404 = (reply: GatewayReply<unknown>) =>
  !reply.ok && reply.kind === 'error' && reply.status === 404;

export function gatewaySubmissionPort(client: CommunityClient): SubmissionPort {
  const submit = async (s: SubmissionTarget): Promise<SubmitOutcome> => {
    switch (s.kind) {
      case 'application': {
        const r = await client.submitApplication(s.requestJson);
        return r.ok
          ? {
              kind: 'accepted',
              replyJson: JSON.stringify(r.body),
              trackingCode: r.body.trackingCode,
            }
          : failure(r);
      }
      case 'documents': {
        const r = await client.addDocuments(s.target ?? '', s.requestJson);
        if (r.ok) return accepted(r.body);
        // The application is not there (or not this terminal's): the same body never will be.
        if (r.kind === 'error' && r.status === 404)
          return { kind: 'rejected', code: r.code, message: r.message };
        return failure(r);
      }
      case 'invoice': {
        const r = await client.requestInvoice(s.requestJson);
        return r.ok ? accepted(r.body) : failure(r);
      }
      case 'notice': {
        const r = await client.sendNotice(s.requestJson, s.staffId ?? '');
        return r.ok ? accepted(r.body) : failure(r);
      }
    }
  };

  const query = async (s: SubmissionTarget): Promise<QueryOutcome> => {
    switch (s.kind) {
      case 'application': {
        const r = await client.application(s.serial);
        if (is404(r)) return { kind: 'not_found' };
        if (!r.ok) return unknownFrom(r);
        // The tracking code is the first answer's; a GET without it means: ask for that answer
        // again (the same body is idempotent and known committed).
        if (r.body.trackingCode === undefined) return { kind: 'committed_without_answer' };
        return {
          kind: 'accepted',
          replyJson: JSON.stringify({
            applicationId: r.body.applicationId,
            status: r.body.status,
            trackingCode: r.body.trackingCode,
          }),
          trackingCode: r.body.trackingCode,
        };
      }
      case 'invoice': {
        const r = await client.invoice(s.serial);
        if (is404(r)) return { kind: 'not_found' };
        if (!r.ok) return unknownFrom(r);
        return accepted({ invoiceRequestId: r.body.invoiceRequestId, status: r.body.status });
      }
      case 'notice': {
        const body = NoticeRequest.safeParse(JSON.parse(s.requestJson));
        if (!body.success) return { kind: 'unknown', reason: 'stored notice is unreadable' };
        const r = await client.sentNotices(body.data.community, s.staffId ?? '');
        if (!r.ok) return unknownFrom(r);
        const sent = r.body.notices.find((n) => n.noticeSerial === s.serial);
        return sent
          ? accepted({ noticeId: sent.noticeId, recipients: sent.recipients })
          : { kind: 'not_found' };
      }
      case 'documents':
        // The contract has no query for an addition; its body is idempotent on its
        // supplementSerial, so sending the same body again is how the kiosk asks.
        return { kind: 'not_found' };
    }
  };

  return {
    async upload(requestJson) {
      const r = await client.upload(requestJson);
      if (r.ok) return { kind: 'held', uploadId: r.body.uploadId, expiresAt: r.body.expiresAt };
      return failure(r);
    },
    submit,
    query,
  };
}

/** A query that fails is never a rejection of the request: its outcome stays unknown. */
function unknownFrom(reply: GatewayReply<unknown> & { ok: false }): SubmitOutcome {
  const f = failure(reply);
  return f.kind === 'unknown' ? f : { kind: 'unknown', reason: `query: ${f.code}` };
}

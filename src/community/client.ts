// HTTP client of the community service API (../shared/contracts/community-services.md), on the
// same gateway as payments and with the same code: every request signed, bounded by a timeout
// and its reply read through this folder's schemas by src/gateway/signed-request.ts. A reply
// that does not fit its schema is `bad_reply` (unknown: asked again), never a record. It
// classifies outcomes; it never retries (the submission worker does, query first).
import type { z } from 'zod';
import {
  SignedRequester,
  type GatewayClientOptions,
  type GatewayReply,
} from '../gateway/signed-request';
import {
  ApplicationProgress,
  ApplicationReceipt,
  CareAlertsResponse,
  CareHouseholdsResponse,
  CareOutcomeReply,
  DocumentsReply,
  InvoiceProgress,
  InvoiceReceipt,
  InvoiceTitle,
  NoticeReceipt,
  PickupPointsResponse,
  SentNoticesResponse,
  ServicesResponse,
  UploadReply,
  type CareOutcomeRequest,
} from './contract';

export type { GatewayReply } from '../gateway/signed-request';

export interface CommunityClientOptions extends GatewayClientOptions {
  /** An upload carries up to 4 MiB (5.6 MB of base64): its own, longer timeout (default 60 s). */
  uploadTimeoutMs?: number;
}

export const DEFAULT_UPLOAD_TIMEOUT_MS = 60_000;

/** The staff member a care or notice request is made for (the contract's X-Staff-Id). */
export type StaffId = string;

const staffHeader = (staffId: StaffId) => ({ 'X-Staff-Id': staffId });
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
const path = (segment: string) => encodeURIComponent(segment);

export class CommunityClient {
  private readonly signed: SignedRequester;

  constructor(private readonly o: CommunityClientOptions) {
    this.signed = new SignedRequester(o);
  }

  services() {
    return this.get('/v1/services', ServicesResponse);
  }

  /** `requestJson`: an UploadRequest as built from the stored photo (hash and bytes agree). */
  upload(requestJson: string) {
    return this.signed.request({
      method: 'POST',
      pathWithQuery: '/v1/uploads',
      body: requestJson,
      schema: UploadReply,
      timeoutMs: Math.max(this.o.timeoutMs, this.o.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS),
    });
  }

  /** Sends the exact stored body: retries must be byte-identical. */
  submitApplication(requestJson: string) {
    return this.post('/v1/applications', requestJson, ApplicationReceipt);
  }

  application(serial: string) {
    return this.get(`/v1/applications/${path(serial)}`, ApplicationProgress);
  }

  applicationByTrackingCode(trackingCode: string, phoneLast4: string) {
    return this.get(`/v1/applications?${query({ trackingCode, phoneLast4 })}`, ApplicationProgress);
  }

  /** The documents a needs_more asked for (the exact stored DocumentsRequest). */
  addDocuments(applicationSerial: string, requestJson: string) {
    return this.post(
      `/v1/applications/${path(applicationSerial)}/documents`,
      requestJson,
      DocumentsReply,
    );
  }

  pickupPoints(community: string) {
    return this.get(
      `/v1/invoice-pickup-points?${query({ near: community })}`,
      PickupPointsResponse,
    );
  }

  /** The company's particulars from the tax register; 404 when the register has none. */
  invoiceTitle(taxId: string) {
    return this.get(`/v1/invoice-titles?${query({ taxId })}`, InvoiceTitle);
  }

  requestInvoice(requestJson: string) {
    return this.post('/v1/invoices', requestJson, InvoiceReceipt);
  }

  invoice(requestSerial: string) {
    return this.get(`/v1/invoices/${path(requestSerial)}`, InvoiceProgress);
  }

  careAlerts(community: string, staffId: StaffId) {
    return this.get(
      `/v1/care/alerts?${query({ community, status: 'open' })}`,
      CareAlertsResponse,
      staffId,
    );
  }

  careHouseholds(community: string, staffId: StaffId) {
    return this.get(`/v1/care/households?${query({ community })}`, CareHouseholdsResponse, staffId);
  }

  careOutcome(alertId: string, req: CareOutcomeRequest, staffId: StaffId) {
    return this.signed.request({
      method: 'POST',
      pathWithQuery: `/v1/care/alerts/${path(alertId)}/outcome`,
      body: JSON.stringify(req),
      schema: CareOutcomeReply,
      headers: staffHeader(staffId),
      answers: (r) => (r.alertId === alertId ? null : `alertId: the reply is for ${r.alertId}`),
    });
  }

  sendNotice(requestJson: string, staffId: StaffId) {
    return this.post('/v1/notices', requestJson, NoticeReceipt, staffId);
  }

  sentNotices(community: string, staffId: StaffId) {
    return this.get(`/v1/notices?${query({ community })}`, SentNoticesResponse, staffId);
  }

  private get<S extends z.ZodType>(
    pathWithQuery: string,
    schema: S,
    staffId?: StaffId,
  ): Promise<GatewayReply<z.infer<S>>> {
    return this.signed.request({
      method: 'GET',
      pathWithQuery,
      schema,
      ...(staffId === undefined ? {} : { headers: staffHeader(staffId) }),
    });
  }

  private post<S extends z.ZodType>(
    pathWithQuery: string,
    body: string,
    schema: S,
    staffId?: StaffId,
  ): Promise<GatewayReply<z.infer<S>>> {
    return this.signed.request({
      method: 'POST',
      pathWithQuery,
      body,
      schema,
      ...(staffId === undefined ? {} : { headers: staffHeader(staffId) }),
    });
  }
}

// The community service routes of the simulator's route table (routes.ts): method, path and
// the handler of community.ts, each request body checked with the kiosk's own schemas
// (src/community/contract.ts). Faults apply to them as to every route, by their keys.
import {
  ApplicationRequest,
  CareOutcomeRequest,
  DocumentsRequest,
  InvoiceRequest,
  NoticeRequest,
  UploadRequest,
} from '../../src/community/contract';
import {
  addDocuments,
  careAlerts,
  careHouseholds,
  careOutcome,
  findApplication,
  getApplication,
  getInvoice,
  invoiceTitle,
  pickupPoints,
  postApplication,
  postInvoice,
  postNotice,
  postUpload,
  sentNotices,
  staffOnly,
  type CommunityObserver,
} from './community';
import { DEMO_SERVICES } from './community-seed';
import { fail, ok, type Reply } from './reply';
import type { Ctx, Route } from './routes';
import { parseBody } from './validate';

/** The largest request body a route reads (an upload: 4 MiB as base64, and its JSON). */
export const UPLOAD_BODY_LIMIT = 6 * 1024 * 1024;

const badRequest = (message: string) => fail(400, 'bad_request', message);
const quiet: CommunityObserver = () => undefined;

/** A staff-only route: 403 without X-Staff-Id, else the handler with the staff member's id. */
const staff =
  (handle: (ctx: Ctx, staffId: string) => Reply) =>
  (ctx: Ctx): Reply =>
    staffOnly(ctx.staffId) ?? handle(ctx, ctx.staffId ?? '');

export const COMMUNITY_ROUTES: Route[] = [
  {
    key: 'GET /v1/services',
    method: 'GET',
    path: /^\/v1\/services$/,
    handle: () => ok({ services: DEMO_SERVICES }),
  },
  {
    key: 'POST /v1/uploads',
    method: 'POST',
    path: /^\/v1\/uploads$/,
    bodyLimit: UPLOAD_BODY_LIMIT,
    handle: ({ store, terminalId, body, now, observeCommunity }) => {
      const req = parseBody(UploadRequest, body);
      if (req.ok) return postUpload(store, terminalId, req.value, now, observeCommunity ?? quiet);
      // More than 4 MiB of base64 is the image's size, not a malformed request.
      return req.message.startsWith('bytes: Too big')
        ? fail(413, 'too_large', 'the image is over 4 MiB')
        : badRequest(req.message);
    },
  },
  {
    key: 'POST /v1/applications',
    method: 'POST',
    path: /^\/v1\/applications$/,
    handle: ({ store, terminalId, body, now, observeCommunity }) => {
      const req = parseBody(ApplicationRequest, body);
      return req.ok
        ? postApplication(store, terminalId, req.value, now, observeCommunity ?? quiet)
        : badRequest(req.message);
    },
  },
  {
    key: 'GET /v1/applications',
    method: 'GET',
    path: /^\/v1\/applications$/,
    handle: ({ store, query, now }) => findApplication(store, query, now),
  },
  {
    key: 'GET /v1/applications/:serial',
    method: 'GET',
    path: /^\/v1\/applications\/([^/]+)$/,
    handle: ({ store, terminalId, params: [serial = ''], now }) =>
      getApplication(store, terminalId, serial, now),
  },
  {
    key: 'POST /v1/applications/:serial/documents',
    method: 'POST',
    path: /^\/v1\/applications\/([^/]+)\/documents$/,
    handle: ({ store, terminalId, params: [serial = ''], body, now, observeCommunity }) => {
      const req = parseBody(DocumentsRequest, body);
      return req.ok
        ? addDocuments(store, terminalId, serial, req.value, now, observeCommunity ?? quiet)
        : badRequest(req.message);
    },
  },
  {
    key: 'GET /v1/invoice-pickup-points',
    method: 'GET',
    path: /^\/v1\/invoice-pickup-points$/,
    handle: ({ query }) => pickupPoints(query),
  },
  {
    key: 'GET /v1/invoice-titles',
    method: 'GET',
    path: /^\/v1\/invoice-titles$/,
    handle: ({ query }) => invoiceTitle(query),
  },
  {
    key: 'POST /v1/invoices',
    method: 'POST',
    path: /^\/v1\/invoices$/,
    handle: ({ store, terminalId, body, now, observeCommunity }) => {
      const req = parseBody(InvoiceRequest, body);
      if (!req.ok) {
        // The contract's own answer to a code whose check character is wrong.
        return req.message.startsWith('buyer.taxId:')
          ? fail(422, 'invalid_tax_id', 'buyer.taxId: not a unified social credit code')
          : badRequest(req.message);
      }
      return postInvoice(store, terminalId, req.value, now, observeCommunity ?? quiet);
    },
  },
  {
    key: 'GET /v1/invoices/:serial',
    method: 'GET',
    path: /^\/v1\/invoices\/([^/]+)$/,
    handle: ({ store, terminalId, params: [serial = ''], now }) =>
      getInvoice(store, terminalId, serial, now),
  },
  {
    key: 'GET /v1/care/alerts',
    method: 'GET',
    path: /^\/v1\/care\/alerts$/,
    handle: staff(({ store, terminalId, query, now }, staffId) =>
      careAlerts(store, terminalId, staffId, query, now),
    ),
  },
  {
    key: 'POST /v1/care/alerts/:id/outcome',
    method: 'POST',
    path: /^\/v1\/care\/alerts\/([^/]+)\/outcome$/,
    handle: staff(({ store, params: [id = ''], body, now }, staffId) => {
      const req = parseBody(CareOutcomeRequest, body);
      return req.ok ? careOutcome(store, staffId, id, req.value, now) : badRequest(req.message);
    }),
  },
  {
    key: 'GET /v1/care/households',
    method: 'GET',
    path: /^\/v1\/care\/households$/,
    handle: staff(({ store, terminalId, query, now }, staffId) =>
      careHouseholds(store, terminalId, staffId, query, now),
    ),
  },
  {
    key: 'POST /v1/notices',
    method: 'POST',
    path: /^\/v1\/notices$/,
    handle: staff(({ store, terminalId, body, now, observeCommunity }) => {
      const req = parseBody(NoticeRequest, body);
      return req.ok
        ? postNotice(store, terminalId, req.value, now, observeCommunity ?? quiet)
        : badRequest(req.message);
    }),
  },
  {
    key: 'GET /v1/notices',
    method: 'GET',
    path: /^\/v1\/notices$/,
    handle: staff(({ store, query, now }) => sentNotices(store, query, now)),
  },
];

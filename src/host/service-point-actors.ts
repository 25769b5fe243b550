// The service point's flow (src/flows/service-point/) over the community room (src/community/).
// The room answers values, never throws; its refusals become the screens' problem codes.
import { fromPromise } from 'xstate';
import {
  applicationSerialOfScan,
  type ApplicationProgress,
  type CommunityRoom,
  type Lookup,
  type Refusal,
} from '../community';
import type { ServiceProblem } from '../api/kiosk-api';
import { applicationLogic, type ApplicationHost } from './application-actors';
import {
  servicePointMachine,
  type ProgressLookup,
} from '../flows/service-point/service-point-machine';

function toLookup(found: Lookup<ApplicationProgress>, code: string | null): ProgressLookup {
  if (!found.ok) return { ok: false, problem: problemOf(found) };
  const p = found.value;
  return {
    ok: true,
    progress: {
      trackingCode: p.trackingCode ?? code,
      status: p.status,
      timeline: p.timeline.map((e) => ({ status: e.status, at: e.at, note: e.note })),
      nextStep: p.nextStep ?? null,
      reason: p.reason ?? null,
      requested: (p.requested ?? []).map((d) => ({
        documentId: d.documentId,
        label: d.label ?? null,
      })),
    },
  };
}

function problemOf(r: Refusal): ServiceProblem {
  if (r.reason === 'not_found') return 'not_found';
  if (r.reason === 'invalid') return r.field === 'phoneLast4' ? 'invalid_last4' : 'invalid_code';
  return 'unreachable';
}

/**
 * The room is opened after the session (the staff desk needs both): asked for when used. The
 * application's host parts (applying for a service) are given by the host.
 */
export function servicePointLogic(
  room: () => CommunityRoom | null,
  application: Omit<ApplicationHost, 'room'>,
) {
  return servicePointMachine.provide({
    actors: {
      application: applicationLogic({ ...application, room }),
      progressByCode: fromPromise<ProgressLookup, { code: string; last4: string }>(
        async ({ input }) => {
          const r = room();
          if (!r) return { ok: false, problem: 'unreachable' };
          return toLookup(await r.progressByTrackingCode(input.code, input.last4), input.code);
        },
      ),
      progressByScan: fromPromise<ProgressLookup, { text: string }>(async ({ input }) => {
        const serial = applicationSerialOfScan(input.text);
        if (serial === null) return { ok: false, problem: 'not_a_receipt' };
        const r = room();
        if (!r) return { ok: false, problem: 'unreachable' };
        return toLookup(await r.progressBySerial(serial), null);
      }),
    },
  });
}

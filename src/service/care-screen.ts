// The care screen (独居老人关怀): the open alerts of the committee's community, one household's
// last 30 days for its chart, and the outcome staff record. Every read and outcome goes through
// the community room's care part, which checks who is on duty and audits each step (care.view,
// care.outcome); this keeps only what the screen shows. The room comes in late (it is opened
// after the desk, whose onDuty it asks), so the port is attached once the host has it.
//
// What is shown: only households the gateway lists as enrolled (an alert naming another is
// dropped); `spike` alerts (possible group rental) to the committee's staff only, never to a
// technician (the issue: "spike alerts shown to staff only"). Holder and contact come masked
// (the contract, masked again by the room as it parses them); the label is the place as given.
import type {
  CareAlertRow,
  CareOutcomeName,
  CareReadingRow,
  DeskResult,
  StaffEvent,
  StaffView,
} from '../api/kiosk-api';
import type { Role } from './roles';

/** A Lookup of the community room: the value, or a refusal with its reason. */
export type CareLookup<T> = { ok: true; value: T } | { ok: false; reason: string; code: string };

interface CareHouseholdHead {
  label: string;
  holder: string;
  contact: string;
}

/** What the screen needs of the community room's care part (structural: src/community is its own room). */
export interface CarePort {
  alerts(): Promise<
    CareLookup<
      {
        alertId: string;
        householdId?: string | undefined;
        household: CareHouseholdHead;
        kind: 'low_usage' | 'spike';
        since: string;
        evidence: Record<string, number>;
      }[]
    >
  >;
  households(): Promise<
    CareLookup<
      (CareHouseholdHead & { householdId: string; readings: { day: string; kwh: number }[] })[]
    >
  >;
  recordOutcome(
    alertId: string,
    outcome: CareOutcomeName,
    note: string,
  ): Promise<CareLookup<unknown>>;
}

export const CARE_OUTCOMES: readonly CareOutcomeName[] = [
  'visited_ok',
  'called_ok',
  'needs_help',
  'away',
  'false_alarm',
];

/** Days on the chart. */
export const CHART_DAYS = 30;

type CareEvent = Extract<StaffEvent, { type: 'STAFF_CARE' }>;

export function isCareEvent(e: StaffEvent): e is CareEvent {
  return e.type === 'STAFF_CARE';
}

/** The alert's figures by the contract's example names (last 24 h, the 30-day median). */
function figure(evidence: Record<string, number>, ...names: string[]): number | null {
  for (const n of names) if (typeof evidence[n] === 'number') return evidence[n];
  return null;
}

export class CareScreen {
  private port: CarePort | null = null;
  private loading = false;
  private loaded = false;
  private alerts: (CareAlertRow & { householdId: string | null })[] = [];
  private readings = new Map<string, CareReadingRow[]>();
  private households = 0;
  private chosen: string | null = null;
  private problem: string | null = null;
  private lastResult: DeskResult | null = null;
  /** An outcome on its way: a second tap waits for it (one request per tap, never two). */
  private recording = false;

  /** The community room's care part, once the host has opened it. */
  attach(port: CarePort): void {
    this.port = port;
  }

  reset(): void {
    this.loading = false;
    this.loaded = false;
    this.alerts = [];
    this.readings.clear();
    this.households = 0;
    this.chosen = null;
    this.problem = null;
    this.lastResult = null;
  }

  /** Reads the alerts and the enrolled households (each read audited by the room). */
  async load(role: Role): Promise<void> {
    if (this.loading) return;
    if (!this.port) {
      this.problem = 'not_configured';
      this.loaded = true;
      return;
    }
    this.loading = true;
    try {
      const [alerts, households] = await Promise.all([this.port.alerts(), this.port.households()]);
      if (!this.loading) return; // the screen was left meanwhile
      if (!alerts.ok || !households.ok) {
        this.problem = !alerts.ok ? alerts.reason : households.ok ? null : households.reason;
        this.alerts = [];
        return;
      }
      this.problem = null;
      this.readings.clear();
      for (const h of households.value) {
        this.readings.set(
          h.householdId,
          h.readings.slice(-CHART_DAYS).map((r) => ({ day: r.day, kwh: r.kwh })),
        );
      }
      this.households = households.value.length;
      const recorded = new Map(this.alerts.map((a) => [a.alertId, a.outcome]));
      this.alerts = alerts.value
        // Only enrolled households: an alert naming one the gateway does not list is not shown.
        .filter((a) => a.householdId === undefined || this.readings.has(a.householdId))
        .filter((a) => a.kind !== 'spike' || role === 'staff')
        .map((a) => ({
          alertId: a.alertId,
          householdId: a.householdId ?? null,
          kind: a.kind,
          label: a.household.label,
          holder: a.household.holder,
          contact: a.household.contact,
          since: a.since,
          lastKwh: figure(a.evidence, 'last24hKwh', 'last3dAverageKwh'),
          medianKwh: figure(a.evidence, 'median30dKwh', 'medianKwh'),
          outcome: recorded.get(a.alertId) ?? null,
        }));
      if (this.chosen && !this.alerts.some((a) => a.alertId === this.chosen)) this.chosen = null;
    } finally {
      this.loading = false;
      this.loaded = true;
    }
  }

  async handle(event: CareEvent, role: Role): Promise<void> {
    if (event.action === 'refresh') return this.load(role);
    if (event.action === 'list') {
      this.chosen = null;
      this.lastResult = null;
      return;
    }
    const alert = this.alerts.find((a) => a.alertId === event.alertId);
    if (!alert) return;
    if (event.action === 'choose') {
      this.chosen = alert.alertId;
      this.lastResult = null;
      return;
    }
    if (!event.outcome || !this.port || this.recording) return;
    if (alert.outcome === event.outcome) return; // recorded already: the same tap again
    this.recording = true;
    try {
      const r = await this.port.recordOutcome(alert.alertId, event.outcome, '');
      this.lastResult = r.ok ? { ok: true, reason: null } : { ok: false, reason: r.code };
      if (r.ok) alert.outcome = event.outcome;
    } finally {
      this.recording = false;
    }
  }

  view(role: Role): StaffView {
    const strip = ({ householdId: _, ...row }: CareAlertRow & { householdId: string | null }) =>
      row;
    // A technician's view never carries a spike, whatever was read before.
    const shown = this.alerts.filter((a) => a.kind !== 'spike' || role === 'staff');
    const chosen = shown.find((a) => a.alertId === this.chosen) ?? null;
    return {
      name: 'care',
      step: !this.loaded ? 'loading' : chosen ? 'alert' : 'list',
      alerts: shown.map(strip),
      households: this.households,
      chosen: chosen ? strip(chosen) : null,
      readings: chosen?.householdId ? (this.readings.get(chosen.householdId) ?? []) : [],
      outcomes: [...CARE_OUTCOMES],
      problem: this.problem,
      lastResult: this.lastResult,
    };
  }
}

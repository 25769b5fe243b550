// Who may do what at the kiosk. Two roles: committee staff (assisted mode) and technicians
// (service mode). A technician can do everything staff can; staff cannot open a technician's
// action. Each action names the least role that may take it, in one table, and the Action type
// is that table's keys: an action cannot exist without its role.

export const ROLES = ['staff', 'technician'] as const;
export type Role = (typeof ROLES)[number];

/** Higher includes lower: technician ⊇ staff. */
const RANK: Readonly<Record<Role, number>> = { staff: 1, technician: 2 };

/** Every action of assisted mode and service mode (issue 12), by the least role allowed. */
const LEAST_ROLE = {
  // Assisted mode (committee staff).
  'help_call.answer': 'staff',
  'open_items.view': 'staff',
  'open_items.resolve': 'staff',
  'receipt.reprint': 'staff',
  'sync.view': 'staff',
  'sync.try_now': 'staff',
  'reversal.request': 'staff',
  /** The second person of a same-day reversal (four eyes). */
  'reversal.approve': 'staff',
  'day_summary.view': 'staff',
  /** A person changes their own PIN (knowing the current one). */
  'pin.change_own': 'staff',
  // The community service point (src/community/): the care view and community notices.
  /** Open alerts, and the households' use (every read audited). */
  'care.view': 'staff',
  'care.outcome': 'staff',
  'notices.view': 'staff',
  'notices.send': 'staff',
  // Service mode (technicians).
  'diagnostics.view': 'technician',
  'diagnostics.test': 'technician',
  'cash_box.exchange': 'technician',
  'paper.replaced': 'technician',
  'service.out_of_service': 'technician',
  'service.in_service': 'technician',
  'bundle.write': 'technician',
  /** Sets anyone's PIN (a new person's first PIN, a forgotten one). */
  'pin.set': 'technician',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof LEAST_ROLE;
export const ACTIONS = Object.keys(LEAST_ROLE) as readonly Action[];

export function isRole(value: unknown): value is Role {
  return value === 'staff' || value === 'technician';
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(LEAST_ROLE, value);
}

/** The least role that may take this action. */
export function leastRoleFor(action: Action): Role {
  return LEAST_ROLE[action];
}

/** Whether someone of this role may take this action. */
export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[LEAST_ROLE[action]];
}

/** Every action this role may take, in table order. */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((action) => can(role, action));
}

// The steps of a service's form, read from the catalogue: each field, each document, the
// signature when the service asks for one, and the consent to SMS notices. The machine walks
// them with one cursor, so a service with more fields or documents needs no new state.
import type { ApplicationProblem, FieldView } from '../../api/kiosk-api';
import type { Service } from '../../community';
import { isMobile } from '../../community';

/** A field of the form; `submitted: false` for the mobile the kiosk asks for itself. */
export type FormField = FieldView & { submitted: boolean };

export type FormStep =
  | { part: 'field'; field: FormField }
  | { part: 'document'; document: Service['documents'][number] }
  | { part: 'signature' }
  | { part: 'consent' };

/**
 * Where the SMS notices and the progress lookup go: the form's first mobile field; a service
 * without one gets this step, which is not part of the form the gateway checks.
 */
export const APPLICANT_PHONE: FormField = {
  id: 'applicant-phone',
  kind: 'phone',
  label: { 'zh-CN': '接收短信的手机号码', en: 'Mobile for text messages' },
  optional: false,
  submitted: false,
};

function fieldOf(f: Service['fields'][number]): FormField {
  const common = { id: f.id, label: f.label, optional: f.optional === true, submitted: true };
  switch (f.kind) {
    case 'integer':
      return { ...common, kind: 'integer', min: f.min ?? null, max: f.max ?? null };
    case 'text':
      return { ...common, kind: 'text', maxLength: f.maxLength };
    case 'choice':
      return { ...common, kind: 'choice', options: f.options };
    case 'phone':
    case 'date':
      return { ...common, kind: f.kind };
  }
}

export function formFields(service: Service): FormField[] {
  const fields = service.fields.map(fieldOf);
  const phone = fields.find((f) => f.kind === 'phone' && !f.optional);
  return phone ? fields : [...fields, APPLICANT_PHONE];
}

export function formSteps(service: Service): FormStep[] {
  return [
    ...formFields(service).map((field) => ({ part: 'field' as const, field })),
    ...service.documents.map((document) => ({ part: 'document' as const, document })),
    ...(service.signature ? [{ part: 'signature' as const }] : []),
    { part: 'consent' },
  ];
}

/** The mobile the results go to: the form's first required mobile field, as typed. */
export function applicantPhone(service: Service, values: Readonly<Record<string, string>>) {
  const field = formFields(service).find((f) => f.kind === 'phone' && !f.optional);
  return field ? (values[field.id] ?? '') : '';
}

/** How many characters the keypad takes for a field typed on it. */
export function keypadLength(field: FormField): number {
  if (field.kind === 'phone') return 11;
  if (field.kind === 'date') return 8;
  return 9;
}

/** A date typed as eight digits (20261220), as the gateway reads it: 2026-12-20. */
export function dateOf(digits: string): string {
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

function isDate(digits: string): boolean {
  if (!/^\d{8}$/.test(digits)) return false;
  const text = dateOf(digits);
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** What is wrong with a field's value as typed, said before anything is sent; null: fine. */
export function valueProblem(field: FormField, raw: string): ApplicationProblem | null {
  if (raw === '') return field.optional ? null : 'required';
  switch (field.kind) {
    case 'integer': {
      if (!/^\d+$/.test(raw)) return 'not_a_number';
      const n = Number(raw);
      if (field.min !== null && n < field.min) return 'too_small';
      if (field.max !== null && n > field.max) return 'too_large';
      return null;
    }
    case 'phone':
      return isMobile(raw) ? null : 'not_a_mobile';
    case 'date':
      return isDate(raw) ? null : 'not_a_date';
    case 'text':
      return [...raw].length > field.maxLength ? 'too_long' : null;
    case 'choice':
      return field.options.some((o) => o.id === raw) ? null : 'required';
  }
}

/** The form's values as the gateway takes them: numbers for integers, dates with dashes. */
export function submittedFields(
  service: Service,
  values: Readonly<Record<string, string>>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of formFields(service)) {
    const raw = values[f.id];
    if (!f.submitted || raw === undefined || raw === '') continue;
    out[f.id] = f.kind === 'integer' ? Number(raw) : f.kind === 'date' ? dateOf(raw) : raw;
  }
  return out;
}

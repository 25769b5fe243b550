// A resident's form against its service in the catalogue: the same rules the gateway applies
// (the simulator uses this very code), checked before the form is journalled, so a refusal is
// said at the screen, never on a receipt the resident takes home. The problems carry the
// contract's 422 codes.
import { isMobile } from './checks';
import type { Service } from './contract';

export type FormProblem =
  | { code: 'missing_field' | 'invalid_field'; field: string; message: string }
  | { code: 'missing_document'; field: string; message: string };

/** A calendar date YYYY-MM-DD. */
function isDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(ms) &&
    new Date(ms).toISOString().slice(0, 10) === text
  );
}

/** No control characters in what a resident typed (a line break, or worse, is never meant). */
export function hasControl(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The first problem of the fields, or null. */
export function fieldProblem(
  service: Service,
  fields: Readonly<Record<string, string | number>>,
): FormProblem | null {
  for (const f of service.fields) {
    const value = fields[f.id];
    if (value === undefined || value === '') {
      if (f.optional) continue;
      return { code: 'missing_field', field: f.id, message: `${f.id}: required` };
    }
    const invalid = (why: string): FormProblem => ({
      code: 'invalid_field',
      field: f.id,
      message: `${f.id}: ${why}`,
    });
    if (typeof value === 'string' && hasControl(value)) return invalid('control characters');
    switch (f.kind) {
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value))
          return invalid('not a whole number');
        if ((f.min !== undefined && value < f.min) || (f.max !== undefined && value > f.max))
          return invalid(`outside ${f.min ?? '…'}–${f.max ?? '…'}`);
        break;
      case 'text':
        if (typeof value !== 'string' || [...value].length > f.maxLength)
          return invalid(`text of at most ${f.maxLength} characters`);
        break;
      case 'phone':
        if (typeof value !== 'string' || !isMobile(value)) return invalid('not a mobile number');
        break;
      case 'choice':
        if (!f.options.some((o) => o.id === value)) return invalid('not one of the options');
        break;
      case 'date':
        if (typeof value !== 'string' || !isDate(value)) return invalid('not YYYY-MM-DD');
        break;
    }
  }
  const extra = Object.keys(fields).find((id) => !service.fields.some((f) => f.id === id));
  return extra === undefined
    ? null
    : { code: 'invalid_field', field: extra, message: `${extra}: not a field of ${service.id}` };
}

/** The first problem of the documents (pages per document, the signature), or null. */
export function documentProblem(
  service: Service,
  documents: readonly { documentId: string; pages: number }[],
  signed: boolean,
): FormProblem | null {
  for (const d of documents) {
    if (!service.documents.some((s) => s.id === d.documentId)) {
      return {
        code: 'invalid_field',
        field: `documents.${d.documentId}`,
        message: `documents.${d.documentId}: not a document of ${service.id}`,
      };
    }
  }
  for (const doc of service.documents) {
    const pages = documents.filter((d) => d.documentId === doc.id).reduce((n, d) => n + d.pages, 0);
    if (pages < doc.pages.min) {
      return {
        code: 'missing_document',
        field: doc.id,
        message: `${doc.id}: at least ${doc.pages.min} pages`,
      };
    }
    if (pages > doc.pages.max) {
      return {
        code: 'invalid_field',
        field: `documents.${doc.id}`,
        message: `documents.${doc.id}: at most ${doc.pages.max} pages`,
      };
    }
  }
  if (service.signature && !signed) {
    return { code: 'missing_document', field: 'signature', message: 'signature: required' };
  }
  return null;
}

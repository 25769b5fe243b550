// A journalled request names its photos before the gateway has given them upload ids: the draft
// holds `␀photo:<row>` (a NUL first: no typed text can hold one, form-check.ts refuses control
// characters) where an uploadId goes, and the body is made from it once every photo is held
// (the same bytes always get the same upload id, so the body is the same whenever made). Once
// made, the body is journalled and never changes (a trigger holds it).

const PREFIX = '\u0000photo:';

/** The photo row a draft's text names, or null for any other text. */
function refOf(text: string): number | null {
  const rest = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  return /^\d+$/.test(rest) ? Number(rest) : null;
}

/** Where a photo's upload id will go in a draft. */
export function photoRef(photoId: number): string {
  return `${PREFIX}${photoId}`;
}

/** The photo rows a draft names, in the order they appear. */
export function photoRefsOf(draftJson: string): number[] {
  const ids: number[] = [];
  walk(JSON.parse(draftJson) as unknown, (text) => {
    const id = refOf(text);
    if (id !== null) ids.push(id);
    return text;
  });
  return ids;
}

/** The request body: every `photo:<row>` replaced by that photo's upload id. */
export function requestBody(draftJson: string, uploadIdOf: (photoId: number) => string): string {
  return JSON.stringify(
    walk(JSON.parse(draftJson) as unknown, (text) => {
      const id = refOf(text);
      return id === null ? text : uploadIdOf(id);
    }),
  );
}

function walk(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, text));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, text)]));
  }
  return value;
}

// The service room's tables have one writer each, and nothing anywhere alters or drops them or
// their append-only triggers. Every source file of the project outside test/ is read: only the
// named module may hold SQL that inserts into, updates, replaces into or deletes from its table.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', 'release', 'test', '.git', 'var']);
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

/** Each table, and the one module that writes it. */
const WRITERS: Record<string, string> = {
  service_audit: 'src/service/audit-log.ts',
  staff_pin: 'src/service/pin-store.ts',
  auth_lockout: 'src/service/lockout.ts',
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (SOURCE.test(entry.name)) out.push(path.relative(ROOT, full));
  }
  return out;
}

function writes(table: string): RegExp {
  return new RegExp(
    `\\b(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|REPLACE\\s+INTO|UPDATE\\s+(OR\\s+\\w+\\s+)?|DELETE\\s+FROM)\\s*["'\`]?${table}\\b`,
    'i',
  );
}

function reshapes(table: string): RegExp {
  return new RegExp(
    `\\b(DROP\\s+TABLE|ALTER\\s+TABLE|DROP\\s+TRIGGER)\\s+(IF\\s+EXISTS\\s+)?["'\`]?${table}`,
    'i',
  );
}

describe('one writer per service table', () => {
  const files = sourceFiles(ROOT);
  const text = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));

  it('reads the whole project (sanity)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/service/audit-log.ts');
    expect(files).toContain('offline-queue/migrations.ts');
    expect(files.some((f) => f.startsWith('test/'))).toBe(false);
  });

  for (const [table, writer] of Object.entries(WRITERS)) {
    it(`${table}: written by ${writer} alone; never altered or dropped`, () => {
      const writers = files.filter((f) => writes(table).test(text.get(f) ?? ''));
      expect(writers).toEqual([writer]);
      expect(files.filter((f) => reshapes(table).test(text.get(f) ?? ''))).toEqual([]);
    });
  }

  it('the patterns catch what they are meant to', () => {
    expect(writes('service_audit').test('INSERT INTO service_audit(at) VALUES (1)')).toBe(true);
    expect(writes('service_audit').test('insert or replace into "service_audit" ')).toBe(true);
    expect(writes('service_audit').test('UPDATE service_audit SET x = 1')).toBe(true);
    expect(writes('service_audit').test('DELETE  FROM service_audit')).toBe(true);
    expect(writes('service_audit').test('BEFORE UPDATE ON service_audit')).toBe(false);
    expect(writes('service_audit').test('SELECT * FROM service_audit')).toBe(false);
    expect(reshapes('service_audit').test('DROP TRIGGER IF EXISTS service_audit_no_update')).toBe(
      true,
    );
    expect(reshapes('service_audit').test('ALTER TABLE service_audit ADD COLUMN x')).toBe(true);
  });
});

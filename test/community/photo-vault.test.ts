// The photo vault: AES-256-GCM at rest under a key derived from the terminal's secret. A file
// holds nothing of the photo in clear, does not open under another terminal's key, under
// another name or once tampered with; the folder is private; the sweep keeps only live files.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PhotoUnreadable, PhotoVault, vaultKey } from '../../src/community/photo-vault';
import { jpeg, sha256 } from './fixtures';

const SECRET = '651e07b689ca541d51ef97302551b4ee4dd149f7dcc3f28460b69a9b8652e2f3';
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the photo vault', () => {
  it('keeps a photo encrypted: no run of its bytes in the file, and it reads back whole', () => {
    const vault = new PhotoVault(path.join(dir, 'photos'), vaultKey(SECRET, 'SH-XH-WK-0007'));
    const photo = jpeg(64 * 1024, 3);
    const name = vault.write(photo, sha256(photo));
    const file = readFileSync(path.join(dir, 'photos', name));
    // Any 16 bytes of the photo, anywhere in the file, would be a leak.
    for (let at = 0; at + 16 <= photo.length; at += 4096) {
      expect(file.includes(photo.subarray(at, at + 16))).toBe(false);
    }
    expect(file.includes(Buffer.from(photo.toString('base64').slice(0, 24)))).toBe(false);
    expect(vault.read(name, sha256(photo)).equals(photo)).toBe(true);
    expect(statSync(path.join(dir, 'photos')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'photos', name)).mode & 0o777).toBe(0o600);
  });

  it("does not open under another terminal's key, another secret, another label or name, or tampered", () => {
    const photos = path.join(dir, 'photos');
    const vault = new PhotoVault(photos, vaultKey(SECRET, 'SH-XH-WK-0007'));
    const photo = jpeg(4096, 1);
    const label = sha256(photo);
    const name = vault.write(photo, label);
    const other = new PhotoVault(photos, vaultKey(SECRET, 'SH-XH-WK-0008'));
    expect(() => other.read(name, label)).toThrow(PhotoUnreadable);
    const otherSecret = new PhotoVault(photos, vaultKey(`${SECRET.slice(1)}0`, 'SH-XH-WK-0007'));
    expect(() => otherSecret.read(name, label)).toThrow(PhotoUnreadable);
    expect(() => vault.read(name, sha256(jpeg(4096, 2)))).toThrow(PhotoUnreadable);
    // Renamed to another row's file name: refused.
    const second = vault.write(jpeg(4096, 5), label);
    renameSync(path.join(photos, name), path.join(photos, second));
    expect(() => vault.read(second, label)).toThrow(PhotoUnreadable);
    // One bit flipped.
    const third = vault.write(photo, label);
    const bytes = readFileSync(path.join(photos, third));
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 1;
    writeFileSync(path.join(photos, third), bytes);
    expect(() => vault.read(third, label)).toThrow(PhotoUnreadable);
    expect(() => vault.read('../../etc/passwd', label)).toThrow(PhotoUnreadable);
    expect(() => vault.read('0123456789abcdef01234567.photo', label)).toThrow(PhotoUnreadable);
  });

  it('the key is 256 bits, the same for the same terminal, another for another', () => {
    expect(vaultKey(SECRET, 'A-1')).toHaveLength(32);
    expect(vaultKey(SECRET, 'A-1').equals(vaultKey(SECRET, 'A-1'))).toBe(true);
    expect(vaultKey(SECRET, 'A-1').equals(vaultKey(SECRET, 'A-2'))).toBe(false);
    expect(() => new PhotoVault(dir, Buffer.alloc(16))).toThrow(/256-bit/);
  });

  it('the sweep removes every file no live row names, temporary ones included', () => {
    const vault = new PhotoVault(path.join(dir, 'photos'), vaultKey(SECRET, 'T-1'));
    const keep = vault.write(jpeg(100, 1), 'a');
    const drop = vault.write(jpeg(100, 2), 'b');
    writeFileSync(path.join(dir, 'photos', `.${drop}.part`), 'half');
    expect(vault.sweep(new Set([keep]))).toBe(2);
    expect(vault.files()).toEqual([keep]);
  });
});

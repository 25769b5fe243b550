// A throw-away PKI made with the openssl CLI for TLS tests: a CA, a server certificate for
// 127.0.0.1 and a client certificate signed by it, and a second CA that signed none of them.
// Keys are written 0600, as the kiosk requires of gateway.clientKeyFile.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ThrowawayPki {
  dir: string;
  caFile: string;
  /** A CA that signed nothing here: pinning it must refuse the server. */
  otherCaFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
}

const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export function makeThrowawayPki(): ThrowawayPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pki-'));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ca = (name: string) =>
    openssl(
      'req',
      '-x509',
      ...KEY,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      at(`${name}.key`),
      '-out',
      at(`${name}.pem`),
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  const leaf = (name: string, extensions: string) => {
    openssl(
      'req',
      ...KEY,
      '-subj',
      `/CN=${name}`,
      '-keyout',
      at(`${name}.key`),
      '-out',
      at(`${name}.csr`),
    );
    writeFileSync(at(`${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-days',
      '2',
      '-CA',
      at('test-ca.pem'),
      '-CAkey',
      at('test-ca.key'),
      '-CAcreateserial',
      '-extfile',
      at(`${name}.ext`),
      '-out',
      at(`${name}.pem`),
    );
    chmodSync(at(`${name}.key`), 0o600);
  };
  ca('test-ca');
  ca('other-ca');
  leaf('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('client', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caFile: at('test-ca.pem'),
    otherCaFile: at('other-ca.pem'),
    serverCertFile: at('server.pem'),
    serverKeyFile: at('server.key'),
    clientCertFile: at('client.pem'),
    clientKeyFile: at('client.key'),
  };
}

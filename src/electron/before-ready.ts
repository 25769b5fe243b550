// Everything the shell must set before the app is ready: sandbox every renderer, register the
// app:// scheme, and fall back to software rendering after repeated GPU crashes.
import type { App, Protocol } from 'electron';
import { APP_SCHEME } from './app-protocol';

export function prepareBeforeReady(o: {
  app: Pick<App, 'enableSandbox' | 'disableHardwareAcceleration'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>;
  gpu: { disableHardwareAcceleration: boolean };
  log: (message: string) => void;
}): void {
  o.app.enableSandbox();
  o.protocol.registerSchemesAsPrivileged([APP_SCHEME]);
  if (o.gpu.disableHardwareAcceleration) {
    o.log('repeated GPU crashes recorded: running without hardware acceleration');
    o.app.disableHardwareAcceleration();
  }
}

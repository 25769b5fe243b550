// What only the simulator launcher may run: a production entry (src/main.ts) refuses a config
// that asks for an emulated device or the in-process gateway simulator, so neither (nor the
// plain http the simulator speaks) can reach a terminal in service through that door.
import { deviceAddresses, type KioskConfig } from './schema';

export function assertProductionConfig(config: KioskConfig): void {
  const sim = deviceAddresses(config).find((d) => d.address.startsWith('sim://'));
  if (sim) {
    throw new Error(
      `device port ${sim.address} is served by the simulator; start it with npm start`,
    );
  }
  if (config.simulation.gateway) {
    throw new Error(
      'simulation.gateway starts the gateway simulator; start it with npm start, or run npm run gateway-sim and point gateway.baseUrl at it',
    );
  }
}

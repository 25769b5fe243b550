// The import rules of the architecture are a lint rule; these cases prove it bites.
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { layerImports } from '../../tools/eslint/layer-imports.js';
import { areas, faces } from '../../tools/eslint/layers.js';

const root = path.resolve(import.meta.dirname, '../..');
const at = (rel: string) => path.join(root, rel);
const options = [{ root, areas, faces }];

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

tester.run('layer-imports', layerImports, {
  valid: [
    {
      filename: at('ui/App.tsx'),
      code: "import { Snapshot } from '../src/api/kiosk-api';",
      options,
    },
    { filename: at('ui/App.tsx'), code: "import { useState } from 'react';", options },
    {
      filename: at('src/host/start-host.ts'),
      code: "import { openJournal } from '../../offline-queue/open-journal';",
      options,
    },
    {
      filename: at('src/host/start-host.ts'),
      code: "import { Id003BillAcceptor } from '../../drivers/bill-acceptor';",
      options,
    },
    // A device kind's face, by folder or by its index, with or without an extension.
    {
      filename: at('src/receipts/x.ts'),
      code: "import { isGbk } from '../../drivers/printer/index.js';",
      options,
    },
    {
      filename: at('src/host/x.ts'),
      code: "export type { Scanner } from '../../drivers/scanner/index';",
      options,
    },
    // Inside its own folder a kind's files import each other.
    {
      filename: at('drivers/printer/escpos-printer.ts'),
      code: "import { PrinterLink } from './escpos/printer-link';",
      options,
    },
    // Shared driver code outside the kinds is no face's business.
    {
      filename: at('src/host/x.ts'),
      code: "import type { SerialBinding } from '../../drivers/serial/serial-port';",
      options,
    },
    // Tests, simulators and benchmarks may reach inside.
    {
      filename: at('test/drivers/x.test.ts'),
      code: "import { FrameParser } from '../../drivers/bill-acceptor/id003/frame';",
      options,
    },
    {
      filename: at('sim/devices/x.ts'),
      code: "import { Cmd } from '../../drivers/bill-acceptor/ssp/codes';",
      options,
    },
    {
      filename: at('bench/benchmarks/x.ts'),
      code: "import { rasterCommands } from '../../drivers/printer/escpos/raster';",
      options,
    },
    { filename: at('src/electron/main.ts'), code: "import { app } from 'electron';", options },
    {
      filename: at('sim/launch.ts'),
      code: "import { startHost } from '../src/host/start-host';",
      options,
    },
    {
      filename: at('drivers/serial/serial-port.ts'),
      code: "import { readFile } from 'node:fs';",
      options,
    },
    { filename: at('test/e2e/x.test.ts'), code: "import { App } from '../../ui/App';", options },
  ],
  invalid: [
    {
      filename: at('ui/App.tsx'),
      code: "import { startHost } from '../src/host/start-host';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('ui/App.tsx'),
      code: "import { readFile } from 'node:fs';",
      options,
      errors: [{ messageId: 'builtin' }],
    },
    {
      filename: at('ui/App.tsx'),
      code: "import { readFile } from 'fs';",
      options,
      errors: [{ messageId: 'builtin' }],
    },
    {
      filename: at('ui/App.tsx'),
      code: "import { ipcRenderer } from 'electron';",
      options,
      errors: [{ messageId: 'electron' }],
    },
    {
      filename: at('drivers/x.ts'),
      code: "import { loadConfig } from '../src/config/load-config';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('drivers/x.ts'),
      code: "import { openJournal } from '../offline-queue/open-journal';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('offline-queue/x.ts'),
      code: "export * from '../src/host/start-host';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('offline-queue/x.ts'),
      code: "const m = import('../drivers/device');",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import { app } from 'electron';",
      options,
      errors: [{ messageId: 'electron' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import { DevPanel } from '../../sim/dev-panel/DevPanel';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import { App } from '../../ui/App';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/api/x.ts'),
      code: "import { sign } from '../gateway/signature';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/api/x.ts'),
      code: "import { createHash } from 'node:crypto';",
      options,
      errors: [{ messageId: 'builtin' }],
    },
    {
      filename: at('sim/launch.ts'),
      code: "import { App } from '../ui/App';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import { Id003BillAcceptor } from '../../drivers/bill-acceptor/id003/id003-driver';",
      options,
      errors: [
        {
          messageId: 'face',
          data: {
            file: 'src/host/x.ts',
            target: 'drivers/bill-acceptor/id003/id003-driver',
            folder: 'drivers/bill-acceptor',
          },
        },
      ],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import type { BillAcceptor } from '../../drivers/bill-acceptor/bill-acceptor.js';",
      options,
      errors: [{ messageId: 'face' }],
    },
    {
      filename: at('src/receipts/x.ts'),
      code: "import { isGbk } from '../../drivers/printer/escpos/gb18030';",
      options,
      errors: [{ messageId: 'face' }],
    },
    {
      filename: at('src/api/x.ts'),
      code: "export * from '../../drivers/scanner/hid-device';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "export { PcscCardReader } from '../../drivers/card-reader/pcsc-reader';",
      options,
      errors: [{ messageId: 'face' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "const m = import('../../drivers/scanner/line-scanner');",
      options,
      errors: [{ messageId: 'face' }],
    },
    {
      // One device kind reaches another only through its face too.
      filename: at('drivers/scanner/x.ts'),
      code: "import { wrap } from '../printer/columns';",
      options,
      errors: [{ messageId: 'face' }],
    },
  ],
});

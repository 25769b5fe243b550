// The import policy of the kiosk, one entry per area (longest path prefix wins).
// `mayImport` lists the other areas a file may import; its own area is always allowed.
export const areas = {
  'src/api': {
    mayImport: [],
    browser: true,
    why: 'the KioskApi contract is shared with the renderer and depends on nothing',
  },
  'src/electron': {
    mayImport: ['src', 'src/api'],
    electron: true,
    why: 'the Electron shell stays thin',
  },
  src: {
    mayImport: ['src/api', 'drivers', 'offline-queue'],
    why: 'the host never depends on the renderer, the simulators or the tests',
  },
  ui: {
    mayImport: ['src/api'],
    browser: true,
    why: 'the renderer sees only the KioskApi types',
  },
  drivers: {
    mayImport: [],
    why: 'drivers stand alone: no host, renderer or journal code',
  },
  'offline-queue': {
    mayImport: [],
    why: 'the journal stands alone: no host, renderer or driver code',
  },
  'sim/dev-panel': {
    mayImport: ['src/api', 'sim/control'],
    browser: true,
    why: 'the developer panel is renderer code that speaks the simulator control protocol',
  },
  'sim/gallery': {
    mayImport: ['ui', 'src/api'],
    browser: true,
    why: 'the screen gallery stands in for the host: the real renderer fed fixture snapshots',
  },
  'sim/control': {
    mayImport: [],
    browser: true,
    why: 'the simulator control protocol is shared with the developer panel',
  },
  sim: {
    mayImport: ['src', 'src/api', 'drivers', 'offline-queue', 'sim/control'],
    why: 'simulators stand in for the outside world and may wire the host, never the renderer',
  },
  test: {
    mayImport: [
      'src',
      'src/api',
      'src/electron',
      'drivers',
      'offline-queue',
      'sim',
      'sim/control',
      'sim/gallery',
      'ui',
      'tools',
    ],
    electron: false,
    why: 'tests may reach every layer',
  },
  bench: {
    mayImport: [
      'src',
      'src/api',
      'drivers',
      'offline-queue',
      'sim',
      'sim/control',
      'tools',
      'test',
    ],
    why: "benchmarks measure the host and simulators, built as they ship (tools), driven by the tests' own KioskApi customer (test)",
  },
  tools: { mayImport: [], why: 'build tools stand alone' },
};

// Folders with a face: an index.ts exporting what code outside the folder may use. Files in the
// `from` areas outside a folder import it only through its face; tests, simulators and
// benchmarks may still reach in. `allow` lists deep files still imported directly, with why.
export const faces = {
  folders: [
    'drivers/bill-acceptor',
    'drivers/printer',
    'drivers/scanner',
    'drivers/card-reader',
    'src/community',
  ],
  from: ['src', 'drivers'],
  allow: {},
};

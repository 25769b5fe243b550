// ESLint rule that enforces the import rules of the design brief (see docs/ARCHITECTURE.md).
// The policy is data (passed in eslint.config.js); this file only resolves and checks.
import { builtinModules } from 'node:module';
import path from 'node:path';

const builtins = new Set(builtinModules);

/** @param {string} rel project-relative path with forward slashes */
function areaOf(rel, areas) {
  let best;
  for (const name of Object.keys(areas)) {
    if ((rel === name || rel.startsWith(name + '/')) && (!best || name.length > best.length)) {
      best = name;
    }
  }
  return best;
}

function isBuiltin(spec) {
  return spec.startsWith('node:') || builtins.has(spec.split('/')[0]);
}

const within = (rel, folder) => rel === folder || rel.startsWith(folder + '/');

/**
 * The face folder `target` reaches past (into a file other than its index), or undefined.
 * @param {string} file the importing file, project-relative
 * @param {string} target the imported path, project-relative, without its extension
 */
function bypassedFace(file, target, faces) {
  if (!faces || !faces.from.some((area) => within(file, area))) return undefined;
  const folder = faces.folders.find((f) => within(target, f));
  if (!folder || within(file, folder)) return undefined;
  if (target === folder || target === folder + '/index') return undefined;
  return Object.hasOwn(faces.allow ?? {}, target) ? undefined : folder;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each layer to the imports the architecture allows' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          areas: { type: 'object' },
          faces: { type: 'object' },
        },
        required: ['root', 'areas'],
      },
    ],
    messages: {
      layer: '{{from}}/ may not import {{to}}/ ({{why}})',
      electron: "Only the Electron shell (src/electron/) may import 'electron'",
      builtin: "{{from}}/ runs in the renderer and may not import the Node module '{{spec}}'",
      face: '{{file}} may not import {{target}}: outside {{folder}}/, use its face (import from {{folder}}, its index.ts)',
    },
  },
  create(context) {
    const { root, areas, faces } = context.options[0];
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = areaOf(file, areas);
    if (!from) return {};
    const policy = areas[from];

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), spec))
          .split(path.sep)
          .join('/');
        const to = areaOf(target, areas);
        if (to && to !== from && !policy.mayImport.includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, why: policy.why } });
          return;
        }
        const bare = target.replace(/\.[cm]?[jt]sx?$/, '');
        const folder = bypassedFace(file, bare, faces);
        if (folder)
          context.report({ node, messageId: 'face', data: { file, target: bare, folder } });
        return;
      }
      if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!policy.electron) context.report({ node, messageId: 'electron' });
        return;
      }
      if (policy.browser && isBuiltin(spec)) {
        context.report({ node, messageId: 'builtin', data: { from, spec } });
      }
    }

    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

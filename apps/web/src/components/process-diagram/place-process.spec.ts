import fs from 'node:fs';
import path from 'node:path';
import Elk from 'elkjs/lib/elk.bundled.js';
import { type CompiledDefinition, layoutProcess } from './layout-process';
import { placeProcess, type PlacedNode } from './place-process';
// Relative paths: Jest does not map the web app's @/. The compiler comes through Jest's own alias,
// required rather than imported so that the web app's type check does not follow it into libs/.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would pull libs/ into the web app's type check (see above)
const { compileDefinition } = require('@accord/definitions') as {
  compileDefinition: (source: string) => { ok: true; compiled: CompiledDefinition } | { ok: false; errors: unknown[] };
};

const overlap = (a: PlacedNode, b: PlacedNode) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('placeProcess', () => {
  it('places every step of the shipped customer review inside its stage, with no two nodes overlapping', async () => {
    const compiled = compileDefinition(fs.readFileSync(path.resolve(__dirname, '../../../../../definitions/customer-review.yaml'), 'utf8'));
    if (!compiled.ok) throw new Error('customer-review.yaml does not compile');
    const placed = await placeProcess(layoutProcess(compiled.compiled, { statusLine: true }), new Elk(), (edge) => edge.label?.text ?? edge.label?.key ?? '');
    const stages = placed.nodes.filter((node) => node.kind === 'stage');
    const steps = placed.nodes.filter((node) => node.kind !== 'stage');
    expect(stages).toHaveLength(8);
    for (const [index, a] of [...stages, ...steps].entries()) {
      for (const b of [...stages, ...steps].slice(index + 1)) {
        if (a.kind === 'stage' && b.kind !== 'stage') continue;
        expect({ a: a.id, b: b.id, overlap: overlap(a, b) }).toEqual({ a: a.id, b: b.id, overlap: false });
      }
    }
    for (const step of steps.filter((node) => node.stage)) {
      const frame = stages.find((stage) => stage.stage === step.stage)!;
      expect({
        step: step.id,
        inside: step.x >= frame.x && step.y >= frame.y && step.x + step.width <= frame.x + frame.width && step.y + step.height <= frame.y + frame.height,
      }).toEqual({ step: step.id, inside: true });
    }
    expect(placed.edges.every((edge) => edge.path.startsWith('M '))).toBe(true);
  });
});

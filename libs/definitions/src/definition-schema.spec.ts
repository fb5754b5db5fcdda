import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { isDefinitionFile } from './definition-files';

// The JSON Schema is what editors check against (yaml-language-server); it must agree
// with the engine's validator about the documents we ship.
const definitionsDir = path.resolve(__dirname, '../../../definitions');
const schema = JSON.parse(fs.readFileSync(path.join(definitionsDir, 'schema/process-definition.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('process-definition.schema.json', () => {
  it.each(fs.readdirSync(definitionsDir).filter(isDefinitionFile))('accepts the shipped %s', (file) => {
    const document = parse(fs.readFileSync(path.join(definitionsDir, file), 'utf8'));
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('flags a duration of no time at all, as the validator does', () => {
    const document = parse(fs.readFileSync(path.join(definitionsDir, 'expectation-signoff.yaml'), 'utf8'));
    document.stages[0].steps[0].due = 'P0DT0H';
    expect(validate(document)).toBe(false);
  });

  it('flags a misspelt step property, as the validator does', () => {
    const document = parse(fs.readFileSync(path.join(definitionsDir, 'expectation-signoff.yaml'), 'utf8'));
    document.stages[0].steps[0].deu = 'P3D';
    expect(validate(document)).toBe(false);
  });

  it('accepts who raises a signal and its form, and flags them misspelt or on a metric handler, as the validator does', () => {
    const review = () => parse(fs.readFileSync(path.join(definitionsDir, 'customer-review.yaml'), 'utf8'));
    const document = review();
    document.on[0] = { signal: 'complaint', start: 'complaint-handling', raisedBy: ['customer'], form: 'complaint' };
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    document.on[0] = { signal: 'complaint', start: 'complaint-handling', raisedby: ['customer'] };
    expect(validate(document)).toBe(false);
    const onMetric = review();
    onMetric.on[1] = { ...onMetric.on[1], raisedBy: ['pm'] };
    expect(validate(onMetric)).toBe(false);
  });

  describe('due dates and ladders on approvals and meetings, cadences that end at a step', () => {
    const signoff = () => parse(fs.readFileSync(path.join(definitionsDir, 'expectation-signoff.yaml'), 'utf8'));
    const meeting = { id: 'kick-off', type: 'meeting', title: 'Kick-off', organizer: { role: 'pm' }, attendees: [{ role: 'customer' }] };
    const cadence = (until: unknown) => ({
      id: 'weekly',
      type: 'cadence',
      every: 'P1W',
      until,
      step: { type: 'meeting', title: 'Weekly', organizer: { role: 'pm' }, attendees: [{ role: 'customer' }] },
    });

    it('accepts a due date on an approval', () => {
      const document = signoff();
      document.stages[0].steps[1].due = { workdays: 2 };
      expect(validate(document) ? [] : validate.errors).toEqual([]);
    });

    it('accepts a ladder and a pausing clock on a meeting, and on a cadence’s meeting', () => {
      const document = signoff();
      const ladder = {
        due: 'P2D',
        pauseWhileWaitingOnExternal: true,
        escalations: [
          { after: 'P1D', do: 'remind' },
          { after: 'P2D', do: 'notify', to: { role: 'sales' } },
        ],
      };
      document.stages[0].steps.push({ ...meeting, ...ladder }, { ...cadence('false'), step: { ...cadence('false').step, ...ladder } });
      expect(validate(document) ? [] : validate.errors).toEqual([]);
    });

    it('accepts a cadence that ends when a step is reached, and flags a misspelt key in it', () => {
      const document = signoff();
      document.stages[0].steps.push(cadence({ reached: 'sign' }));
      expect(validate(document) ? [] : validate.errors).toEqual([]);
      document.stages[0].steps[2] = cadence({ reachd: 'sign' });
      expect(validate(document)).toBe(false);
    });
  });
});

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
});

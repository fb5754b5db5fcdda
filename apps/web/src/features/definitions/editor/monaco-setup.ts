// Loaded only by the definition editor's routes (dynamic import): Monaco never weighs on the rest of the app.
// The editor core with its contributions (hover, suggest, diff…) and the YAML grammar only, not the ~80 languages of `monaco-editor`'s main entry.
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import { conf as yamlConfiguration, language as yamlGrammar } from 'monaco-editor/esm/vs/basic-languages/yaml/yaml.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
// The same JSON Schema the CLI and the docs use: completion and hover text come from its descriptions.
import processDefinitionSchema from '../../../../../../definitions/schema/process-definition.schema.json';
import YamlWorker from './yaml.worker.ts?worker';

export type Monaco = typeof monaco;

/** Where definition models live: the schema applies to these URIs only. */
export const definitionModelUri = (name: string) => monaco.Uri.parse(`file:///accord/definitions/${encodeURIComponent(name)}.yaml`);

// YAML's grammar registered at once, not through `yaml.contribution.js`, whose loader imports it
// only when a model first needs it: the text then showed uncoloured until that import settled.
monaco.languages.register({ id: 'yaml', extensions: ['.yaml', '.yml'], aliases: ['YAML', 'yaml'], mimetypes: ['application/x-yaml', 'text/x-yaml'] });
monaco.languages.setLanguageConfiguration('yaml', yamlConfiguration);
monaco.languages.setMonarchTokensProvider('yaml', yamlGrammar);

globalThis.MonacoEnvironment = {
  getWorker() {
    return new EditorWorker();
  },
};

/**
 * monaco-yaml 5.5 (through monaco-worker-manager) asks `createWebWorker` for a worker by
 * label and hands it its options as `createData`; Monaco 0.55 takes a Worker instead and no
 * longer sends create data (remcohaszing/monaco-yaml#272, #282). So the YAML worker is made
 * here and told its options the way its entry point now reads them: monaco-worker-manager's
 * worker starts Monaco's bootstrap on its first message, and that bootstrap takes the next
 * message as the create data. Monaco's own messages follow, in order.
 */
function startYamlWorker(createData: unknown): Worker {
  const worker = new YamlWorker();
  worker.postMessage('start');
  worker.postMessage(createData);
  return worker;
}

const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: (options: { createData?: unknown }) => monaco.editor.createWebWorker({ ...options, worker: startYamlWorker(options.createData) }),
  },
};

// monaco-yaml types Monaco through `monaco-types`; this namespace is the same API under another name.
configureMonacoYaml(monacoForYaml as unknown as Parameters<typeof configureMonacoYaml>[0], {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [
    {
      // Where the shipped files' modeline (`# yaml-language-server: $schema=./schema/process-definition.schema.json`)
      // points from a definition model: the schema is found there instead of being fetched.
      uri: 'file:///accord/definitions/schema/process-definition.schema.json',
      fileMatch: ['**/accord/definitions/*.yaml'],
      schema: processDefinitionSchema as unknown as JSONSchema, // JSON imports widen enums to string[]
    },
  ],
});

/**
 * Monaco's light theme with colours that keep 4.5:1 against white and the diff's tints
 * (axe color-contrast): YAML keys, numbers and comments darker, line numbers darker, the
 * diff's inserted and removed backgrounds lighter.
 */
export const ACCORD_THEME = 'accord-light';
monaco.editor.defineTheme(ACCORD_THEME, {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'type', foreground: '005c5c' },
    { token: 'number', foreground: '0a5c36' },
    { token: 'comment', foreground: '1a5e20' },
    { token: 'string', foreground: '0b4a8f' },
  ],
  colors: {
    'editorLineNumber.foreground': '#57606a',
    'editorLineNumber.activeForeground': '#1f2328',
    'diffEditor.insertedTextBackground': '#b4f0c0aa',
    'diffEditor.removedTextBackground': '#ffcecbaa',
    'diffEditor.insertedLineBackground': '#e6ffec',
    'diffEditor.removedLineBackground': '#ffebe9',
  },
});

export { monaco };

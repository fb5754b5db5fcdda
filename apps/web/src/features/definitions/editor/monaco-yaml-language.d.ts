// monaco-editor ships its YAML grammar without a declaration: what monaco-setup.ts takes from it.
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.js' {
  import type { languages } from 'monaco-editor/esm/vs/editor/editor.api.js';

  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}

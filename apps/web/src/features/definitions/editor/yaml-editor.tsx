import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import { ACCORD_THEME, definitionModelUri, monaco } from './monaco-setup';

/** An error of the API's validator placed in the text (1-based line and column). */
export interface SourceMarker {
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface YamlEditorHandle {
  /** Puts the cursor at a line and column and gives the editor the focus. */
  reveal(line: number, column: number): void;
}

export interface YamlEditorProps {
  /** Names the model: the JSON Schema applies to definition models only. */
  modelName: string;
  value: string;
  onChange: (value: string) => void;
  markers: SourceMarker[];
  ariaLabel: string;
  ref?: Ref<YamlEditorHandle>;
}

/** The API's markers carry this owner, beside monaco-yaml's own (schema) markers. */
const MARKER_OWNER = 'accord';

/** Monaco on a YAML definition: completion and hover from the JSON Schema (monaco-yaml), the API's errors as markers. */
export default function YamlEditor({ modelName, value, onChange, markers, ariaLabel, ref }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const change = useRef(onChange);
  change.current = onChange;

  useEffect(() => {
    const model = monaco.editor.getModel(definitionModelUri(modelName)) ?? monaco.editor.createModel(value, 'yaml', definitionModelUri(modelName));
    model.setValue(value);
    const instance = monaco.editor.create(host.current!, {
      model,
      ariaLabel,
      theme: ACCORD_THEME,
      // The dimmed number of the empty last line is too pale to read (axe color-contrast).
      renderFinalNewline: 'on',
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      fontSize: 13,
      renderValidationDecorations: 'on',
      quickSuggestions: { other: true, comments: false, strings: true },
    });
    editor.current = instance;
    const subscription = model.onDidChangeContent(() => change.current(model.getValue()));
    return () => {
      subscription.dispose();
      instance.dispose();
      model.dispose();
      editor.current = null;
    };
    // The model is made once per definition: later values come from the person typing, or the effect below.
  }, [modelName]);

  // A value set from outside (the draft loaded, a reset) replaces the text; the person's own typing is already there.
  useEffect(() => {
    const model = editor.current?.getModel();
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      markers.map((marker) => {
        const line = Math.min(Math.max(marker.line, 1), model.getLineCount());
        const column = Math.max(marker.column, 1);
        const word = model.getWordAtPosition({ lineNumber: line, column });
        return {
          severity: monaco.MarkerSeverity.Error,
          source: 'Accord',
          code: marker.code,
          message: marker.message,
          startLineNumber: line,
          startColumn: word?.startColumn ?? column,
          endLineNumber: line,
          endColumn: word?.endColumn ?? model.getLineMaxColumn(line),
        };
      }),
    );
  }, [markers]);

  useImperativeHandle(ref, () => ({
    reveal(line: number, column: number) {
      const instance = editor.current;
      if (!instance) return;
      instance.setPosition({ lineNumber: line, column });
      instance.revealLineInCenter(line);
      instance.focus();
    },
  }));

  return <div ref={host} className="yaml-editor" data-testid="yaml-editor" data-marker-lines={[...new Set(markers.map((marker) => marker.line))].join(' ')} />;
}

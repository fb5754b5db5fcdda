import { useEffect, useRef } from 'react';
import { ACCORD_THEME, monaco } from './monaco-setup';

export interface YamlDiffEditorProps {
  original: string;
  modified: string;
  ariaLabel: string;
  originalAriaLabel: string;
  modifiedAriaLabel: string;
}

let diffs = 0;

/** Two YAML sources side by side, read-only, with Monaco's line and word differences. */
export default function YamlDiffEditor({ original, modified, ariaLabel, originalAriaLabel, modifiedAriaLabel }: YamlDiffEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Outside the definitions' URIs: a version compared is not checked against the schema again.
    const id = ++diffs;
    const originalModel = monaco.editor.createModel(original, 'yaml', monaco.Uri.parse(`inmemory://accord/diff/${id}/original.yaml`));
    const modifiedModel = monaco.editor.createModel(modified, 'yaml', monaco.Uri.parse(`inmemory://accord/diff/${id}/modified.yaml`));
    const instance = monaco.editor.createDiffEditor(host.current!, {
      readOnly: true,
      theme: ACCORD_THEME,
      renderFinalNewline: 'on',
      // The native edit context of a diff's editors carries no label (axe aria-input-field-name); their text areas take one.
      editContext: false,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      ariaLabel,
      originalAriaLabel,
      modifiedAriaLabel,
      fontSize: 13,
    });
    instance.setModel({ original: originalModel, modified: modifiedModel });
    const labels = [keepLabel(instance.getOriginalEditor(), originalAriaLabel), keepLabel(instance.getModifiedEditor(), modifiedAriaLabel)];
    return () => {
      labels.forEach((label) => label.dispose());
      instance.dispose();
      originalModel.dispose();
      modifiedModel.dispose();
    };
  }, [original, modified, ariaLabel, originalAriaLabel, modifiedAriaLabel]);
  return <div ref={host} className="yaml-diff-editor" data-testid="yaml-diff-editor" />;
}

/**
 * Gives one side of the diff its label, and gives it back whenever the diff editor takes it away:
 * the diff editor re-applies its options to both sides each time its layout switches between
 * one column and two, and blanks their text areas' labels in doing so (axe: label).
 */
function keepLabel(editor: monaco.editor.ICodeEditor, label: string): monaco.IDisposable {
  const ariaLabel = monaco.editor.EditorOption.ariaLabel;
  const restore = () => {
    if (editor.getOption(ariaLabel) !== label) editor.updateOptions({ ariaLabel: label });
  };
  restore();
  return editor.onDidChangeConfiguration((change) => {
    if (change.hasChanged(ariaLabel)) restore();
  });
}

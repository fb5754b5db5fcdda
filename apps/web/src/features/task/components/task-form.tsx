import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { ReactNode } from 'react';
import type { FieldErrorTree } from '../api/field-errors';

export interface TaskFormProps {
  schema: Record<string, unknown>;
  formData: Record<string, unknown>;
  fieldErrors: FieldErrorTree;
  disabled: boolean;
  onChange: (formData: Record<string, unknown>) => void;
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * The task's own JSON-Schema form, rendered by rjsf (loaded only when a task has a form).
 * The API is the one validator: it knows more than the schema (SMART goals), and its
 * details[].path lands on the field it names through extraErrors.
 */
function requiredOf(schema: Record<string, unknown>): string[] {
  const properties = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
  return Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string' && properties.includes(name)) : [];
}

export default function TaskForm({ schema, formData, fieldErrors, disabled, onChange, onSubmit, children }: TaskFormProps) {
  return (
    <Form
      schema={schema as RJSFSchema}
      // PostgreSQL's jsonb keeps keys in its own order: put what is required first, the rest after.
      uiSchema={{ 'ui:order': [...requiredOf(schema), '*'] }}
      formData={formData}
      validator={validator}
      noHtml5Validate
      noValidate
      showErrorList={false}
      extraErrors={fieldErrors as ErrorSchema}
      disabled={disabled}
      onChange={(event) => onChange((event.formData ?? {}) as Record<string, unknown>)}
      onSubmit={() => onSubmit()}
    >
      {children}
    </Form>
  );
}

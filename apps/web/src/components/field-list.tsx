import { useFormat } from '@/lib/i18n/use-format';

/** A value the API hands over as free JSON (goals, minutes, KPIs, document changes), said in one line. */
export function describeValue(value: unknown, format: { number: (value: number) => string }): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return format.number(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => describeValue(item, format)).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${key}: ${describeValue(inner, format)}`)
    .join(', ');
}

/** A value as its structure: an object as its fields, a list of objects as a numbered list of them, anything else in one line. */
export function FieldValue({ value }: { value: unknown }) {
  const format = useFormat();
  if (Array.isArray(value) && value.some((item) => item !== null && typeof item === 'object')) {
    return (
      <ol className="field-items">
        {value.map((item, index) => (
          <li key={index}>
            <FieldValue value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return <FieldList record={value as Record<string, unknown>} className="field-list nested" />;
  return <>{describeValue(value, format)}</>;
}

/** The fields of a JSON object as a definition list, in the order the API gave them. */
export function FieldList({ record, className }: { record: Record<string, unknown>; className?: string }) {
  const entries = Object.entries(record);
  if (entries.length === 0) return <p className="muted">—</p>;
  return (
    <dl className={className ?? 'field-list'}>
      {entries.map(([key, value]) => (
        <div className="pair" key={key}>
          <dt>{key}</dt>
          <dd>
            <FieldValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

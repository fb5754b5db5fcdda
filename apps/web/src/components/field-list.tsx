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

/** The fields of a JSON object as a definition list, in the order the API gave them. */
export function FieldList({ record, className }: { record: Record<string, unknown>; className?: string }) {
  const format = useFormat();
  const entries = Object.entries(record);
  if (entries.length === 0) return <p className="muted">—</p>;
  return (
    <dl className={className ?? 'field-list'}>
      {entries.map(([key, value]) => (
        <div className="pair" key={key}>
          <dt>{key}</dt>
          <dd>{describeValue(value, format)}</dd>
        </div>
      ))}
    </dl>
  );
}

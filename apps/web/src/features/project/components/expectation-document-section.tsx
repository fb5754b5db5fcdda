import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeValue } from '@/components/field-list';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useDocumentDiff, useDocumentVersions } from '../api/project-queries';
import { SignatureList } from './signature-list';

/** The expectation document's versions with their signatures, and what changed between two of them. */
export function ExpectationDocumentSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useDocumentVersions(projectId);
  return (
    <Section title={t('project.document')} testId="expectation-document">
      <QueryState query={versions}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noDocument')}</p>
          ) : (
            <>
              <table className="tasks">
                <thead>
                  <tr>
                    <th scope="col">{t('project.version')}</th>
                    <th scope="col">{t('project.published')}</th>
                    <th scope="col">{t('project.changes')}</th>
                    <th scope="col">{t('project.signatures')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((version) => (
                    <tr key={version.version}>
                      <td>v{version.version}</td>
                      <td>{format.dateTime(version.publishedAt)}</td>
                      <td>{t('project.changeCount', { count: version.changes, expectations: version.expectations })}</td>
                      <td>
                        <SignatureList signatures={version.approvals} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <DocumentDiff projectId={projectId} versions={items.map((version) => version.version)} />
            </>
          )
        }
      </QueryState>
    </Section>
  );
}

function DocumentDiff({ projectId, versions }: { projectId: string; versions: number[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const latest = versions[versions.length - 1];
  const [from, setFrom] = useState(versions.length > 1 ? versions[versions.length - 2] : latest);
  const [to, setTo] = useState(latest);
  const diff = useDocumentDiff(projectId, from, to);
  const choose = (label: string, value: number | undefined, set: (version: number) => void) => (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => set(Number(event.target.value))}>
        {versions.map((version) => (
          <option key={version} value={version}>
            v{version}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="diff">
      <h3>{t('project.diff')}</h3>
      <div className="actions">
        {choose(t('project.diffFrom'), from, setFrom)}
        {choose(t('project.diffTo'), to, setTo)}
      </div>
      <QueryState query={diff}>
        {({ changes }) =>
          changes.length === 0 ? (
            <p className="muted">{t('project.noChanges')}</p>
          ) : (
            <ul className="changes">
              {changes.map((change) => (
                <li key={change.path} className={`change change-${change.change}`}>
                  <code>{change.path}</code> <span className="badge">{t(`project.change.${change.change}`)}</span>{' '}
                  {change.change !== 'added' && <del>{describeValue(change.from, format)}</del>}{' '}
                  {change.change !== 'removed' && <ins>{describeValue(change.to, format)}</ins>}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}

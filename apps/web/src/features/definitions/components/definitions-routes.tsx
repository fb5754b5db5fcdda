import '../definition-strings';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { DefinitionDiffPage } from './definition-diff-page';
import { DefinitionEditorPage } from './definition-editor-page';
import { DefinitionsPage } from './definitions-page';
import { MigrateProjectsPage } from './migrate-projects-page';
import { NewDefinitionPage } from './new-definition-page';

/** Everything under `/admin/definitions`, one lazy chunk (Monaco is a further chunk, loaded by the editor and the diff). */
export default function DefinitionsRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route index element={<DefinitionsPage />} />
      <Route path="new" element={<NewDefinitionPage />} />
      <Route path=":key/edit" element={<DefinitionEditorPage />} />
      <Route path=":key/diff" element={<DefinitionDiffPage />} />
      <Route path=":key/migrate" element={<MigrateProjectsPage />} />
      <Route path="*" element={<p>{t('app.notFound')}</p>} />
    </Routes>
  );
}

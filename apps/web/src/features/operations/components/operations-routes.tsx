import '../operations-strings';
import { Navigate, Route, Routes } from 'react-router-dom';
import { DeadLettersPage } from './dead-letters-page';
import { IncidentsPage } from './incidents-page';
import { OperationsLayout } from './operations-layout';
import { OperationsProjectsPage } from './operations-projects-page';

/** `/admin/operations/*`: one route per tab, loaded as one chunk with the first visit. */
export default function OperationsRoutes() {
  return (
    <Routes>
      <Route element={<OperationsLayout />}>
        <Route index element={<Navigate to="projects" replace />} />
        <Route path="projects" element={<OperationsProjectsPage />} />
        <Route path="incidents" element={<IncidentsPage />} />
        <Route path="dead-letters" element={<DeadLettersPage />} />
        <Route path="*" element={<Navigate to="projects" replace />} />
      </Route>
    </Routes>
  );
}

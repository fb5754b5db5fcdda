import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { Loading } from '@/components/loading';
import { InboxPage } from '@/features/inbox/components/inbox-page';
import { PortalPage } from '@/features/portal/components/portal-page';
import { PublicFeedbackPage } from '@/features/public-feedback/components/public-feedback-page';
import { ProjectPage } from '@/features/project/components/project-page';
import { StartProjectPage } from '@/features/project/components/start-project-page';
import { ProjectsPage } from '@/features/projects/components/projects-page';
import { SignInPage } from '@/features/sign-in/components/sign-in-page';
import { TaskPage } from '@/features/task/components/task-page';
import { TeamPage } from '@/features/team/components/team-page';
import { Layout } from './layout';
import { RequireSession } from './require-session';

// The customer pages load with their first visit, not with the app.
const CustomersPage = lazy(() => import('@/features/customers/components/customers-page'));
const CustomerPage = lazy(() => import('@/features/customers/components/customer-page'));
const CustomerAnalyticsSettingsPage = lazy(() => import('@/features/customers/components/customer-analytics-settings-page'));
// Operations (admins and auditors): its tabs are routes of their own, in one chunk loaded with the first visit.
const OperationsRoutes = lazy(() => import('@/features/operations/components/operations-routes'));
// A definition version's diagram with running projects per step (admins and auditors).
const DefinitionDiagramPage = lazy(() => import('@/features/diagram/components/definition-diagram-page'));
// The definition registry and its editor (admins; auditors read the list and diffs): Monaco loads only with the editor and the diff.
const DefinitionsRoutes = lazy(() => import('@/features/definitions/components/definitions-routes'));

export function AppRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        {/* Reached by a customer's secret link, without an account: outside the session guard. */}
        <Route path="/feedback/:token" element={<PublicFeedbackPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<InboxPage />} />
          <Route path="/tasks/:taskId" element={<TaskPage />} />
          <Route path="/projects" element={<ProjectsPage />} />
          <Route path="/projects/new" element={<StartProjectPage />} />
          <Route path="/projects/:projectId" element={<ProjectPage />} />
          <Route path="/portal" element={<PortalPage />} />
          <Route path="/teams/:team" element={<TeamPage />} />
          <Route
            path="/customers"
            element={
              <Suspense fallback={<Loading />}>
                <CustomersPage />
              </Suspense>
            }
          />
          <Route
            path="/customers/:key"
            element={
              <Suspense fallback={<Loading />}>
                <CustomerPage />
              </Suspense>
            }
          />
          <Route
            path="/admin/customer-analytics"
            element={
              <Suspense fallback={<Loading />}>
                <CustomerAnalyticsSettingsPage />
              </Suspense>
            }
          />
          <Route
            path="/admin/operations/*"
            element={
              <Suspense fallback={<Loading />}>
                <OperationsRoutes />
              </Suspense>
            }
          />
          <Route
            path="/admin/definitions/:key/versions/:version/diagram"
            element={
              <Suspense fallback={<Loading />}>
                <DefinitionDiagramPage />
              </Suspense>
            }
          />
          <Route
            path="/admin/definitions/*"
            element={
              <Suspense fallback={<Loading />}>
                <DefinitionsRoutes />
              </Suspense>
            }
          />
          <Route path="*" element={<p>{t('app.notFound')}</p>} />
        </Route>
      </Route>
    </Routes>
  );
}

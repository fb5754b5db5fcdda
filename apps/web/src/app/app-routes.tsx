import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
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
          <Route path="*" element={<p>{t('app.notFound')}</p>} />
        </Route>
      </Route>
    </Routes>
  );
}

import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { SettingsLayout } from './components/SettingsLayout.tsx';
import { CampaignsPage } from './marketing/CampaignsPage.tsx';
import { ChannelsPage } from './marketing/ChannelsPage.tsx';
import { BoardPage } from './pages/BoardPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { LeadPage } from './pages/LeadPage.tsx';
import { LeadsPage } from './pages/LeadsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { TasksPage } from './pages/TasksPage.tsx';
import { AssignmentRulesPage } from './rules/AssignmentRulesPage.tsx';
import { FormsPage } from './rules/FormsPage.tsx';
import { ScoringRulesPage } from './rules/ScoringRulesPage.tsx';
import { useSession } from './session.tsx';
import { RoutingSettingsPage } from './settings/RoutingSettingsPage.tsx';
import { StatusesPage } from './settings/StatusesPage.tsx';
import { TeamsPage } from './settings/TeamsPage.tsx';
import { UsersPage } from './settings/UsersPage.tsx';

export function App() {
  const { me } = useSession();
  const { t } = useTranslation();
  const location = useLocation();

  if (me === undefined) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (!me) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={
            <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
          }
        />
      </Routes>
    );
  }
  // Marketers manage forms and scoring; sales settings belong to heads and admins.
  const settingsHome = me.principal.role === 'marketer' ? '/settings/forms' : '/settings/users';
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/leads" replace />} />
        <Route path="/login" element={<Navigate to="/leads" replace />} />
        <Route path="/leads" element={<LeadsPage />} />
        <Route path="/leads/:id" element={<LeadPage />} />
        <Route path="/tasks" element={<TasksPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/board" element={<BoardPage />} />
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/campaigns" element={<CampaignsPage />} />
        <Route path="/channels" element={<ChannelsPage />} />
        <Route path="/settings" element={<SettingsLayout />}>
          <Route index element={<Navigate to={settingsHome} replace />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="teams" element={<TeamsPage />} />
          <Route path="statuses" element={<StatusesPage />} />
          <Route path="routing" element={<RoutingSettingsPage />} />
          <Route path="assignment-rules" element={<AssignmentRulesPage />} />
          <Route path="scoring" element={<ScoringRulesPage />} />
          <Route path="forms" element={<FormsPage />} />
        </Route>
        <Route path="*" element={<p>{t('common.pageNotFound')}</p>} />
      </Route>
    </Routes>
  );
}

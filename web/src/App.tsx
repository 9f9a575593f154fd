import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { BoardPage } from './pages/BoardPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { LeadPage } from './pages/LeadPage.tsx';
import { LeadsPage } from './pages/LeadsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { TasksPage } from './pages/TasksPage.tsx';
import { useSession } from './session.tsx';

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
        <Route path="*" element={<p>{t('common.pageNotFound')}</p>} />
      </Route>
    </Routes>
  );
}

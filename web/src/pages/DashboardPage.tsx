import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useRole } from '../session.tsx';

// The charts library is large: it loads only when the dashboard is opened.
const Dashboard = lazy(() => import('./Dashboard.tsx'));

export function DashboardPage() {
  const { t } = useTranslation();
  const { role } = useRole();
  if (role === 'rep') return <p className="muted">{t('insights.notForReps')}</p>;
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <Dashboard />
    </Suspense>
  );
}

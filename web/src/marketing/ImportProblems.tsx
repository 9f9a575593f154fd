import { useTranslation } from 'react-i18next';
import type { ImportProblem } from './types.ts';

/** Bad rows of a file by line (the header is line 1), with the column and the reason. */
export function ImportProblems({ problems, title }: { problems: ImportProblem[]; title: string }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="import-problems" data-testid="import-problems">
      <h4>
        {title} <span className="count">({problems.length})</span>
      </h4>
      <div className="table-wrap">
        <table className="marketing-table compact">
          <thead>
            <tr>
              <th scope="col">{t('marketing.import.line')}</th>
              <th scope="col">{t('marketing.import.column')}</th>
              <th scope="col">{t('marketing.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr
                key={`${p.line}|${p.column ?? ''}|${p.reason}`}
                data-testid="import-problem"
                data-line={p.line}
              >
                <td>{t('marketing.import.lineNumber', { line: p.line })}</td>
                <td className="wrap">{p.column ?? '—'}</td>
                {/* The server words its reasons in English. */}
                <td className="wrap" lang="en">
                  {p.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

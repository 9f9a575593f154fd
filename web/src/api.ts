/** The leadflow API as the web app calls it: JSON in and out, the session cookie, the CSRF header. */

export type Problem = {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  invalid_params?: { name: string; reason: string }[];
};

/** A non-2xx answer; `message` is the problem's detail, fit to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let csrfToken: string | null = null;

/** Dispatched on window when a call answers 401 outside /api/auth. */
export const SESSION_ENDED = 'leadflow:session-ended';

/** Remembers the session's CSRF token (from login or /api/auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Query = Record<string, string | number | boolean | undefined | null>;

/** A path with a query string made of the defined values of `query`. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  // Error messages come back in the language of the page (set by i18n.ts).
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': document.documentElement.lang || 'en',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return null as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    // The session ended (expired, or logged out elsewhere): the app goes back to the login page.
    if (response.status === 401 && !path.startsWith('/api/auth/'))
      window.dispatchEvent(new Event(SESSION_ENDED));
    const problem =
      parsed && typeof parsed === 'object'
        ? ({ status: response.status, ...(parsed as object) } as Problem)
        : { status: response.status };
    throw new ApiError(response.status, problem);
  }
  return parsed as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const remove = (path: string) => api<null>('DELETE', path);

/** The text to show for any error thrown by a call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const params = error.problem.invalid_params;
    if (params?.length && !error.problem.detail)
      return params.map((p) => `${p.name}: ${p.reason}`).join('; ');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

// ---- Shapes of the API (the parts the web app uses) ----

export type Role = 'admin' | 'head' | 'rep' | 'marketer';
export type Locale = 'en' | 'ru';

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: boolean;
};

export type Me = {
  user: User | null;
  principal: { kind: 'token' | 'user'; name: string; role: Role | null; scope: string };
  csrfToken: string | null;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Consent = { given: boolean; text?: string; version?: string; at?: string; source?: string };

export type Lead = {
  id: string;
  kind: 'lead' | 'interest';
  status: string;
  fullName: string;
  emails: string[];
  phones: string[];
  company: string | null;
  position: string | null;
  interest: string | null;
  spam: boolean;
  spamSignals: { code: string; detail: string }[];
  channelId: string | null;
  campaignId: string | null;
  attribution: Record<string, unknown>;
  consent: Consent | null;
  ownerId: string | null;
  statusReason: string | null;
  temperature: 'hot' | 'warm' | 'cold' | null;
  lifecycleStage: string;
  bant: Record<string, { value: string | null; note?: string | null } | null>;
  icpFit: string | null;
  score: number;
  language: string | null;
  convertedAt: string | null;
  refusedAt: string | null;
  revisitAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Inquiry = {
  id: string;
  receivedAt: string;
  outcome: string;
  channelId: string | null;
  contentType: string | null;
  rawBody: string | null;
};

export type TimelineEvent = {
  id: string;
  at: string;
  actor: string;
  type: string;
  data: Record<string, unknown>;
};

export type LeadDetail = Lead & { inquiries: Inquiry[]; timeline: TimelineEvent[] };

export type LeadScore = {
  score: number;
  breakdown: { ruleId: string; name: string; kind: 'fit' | 'engagement'; points: number; detail: string }[];
  computedAt: string;
};

export type Labels = { en: string; ru: string };
export type StatusDefinition = {
  key: string;
  labels: Labels;
  order: number;
  terminal?: boolean;
  requiresReason?: boolean;
};
export type StatusSettings = {
  statuses: StatusDefinition[];
  reasons: Record<string, { key: string; labels: Labels }[]>;
};

export const WORK_TASK_TYPES = ['call', 'email', 'meeting', 'send_offer', 'send_materials', 'other'] as const;
export type Task = {
  id: string;
  leadId: string | null;
  type: string;
  title: string;
  note: string | null;
  dueAt: string;
  assigneeId: string | null;
  status: 'open' | 'done' | 'canceled';
  result: string | null;
  completedAt: string | null;
  overdue: boolean;
};

export type Notification = {
  id: string;
  type: string;
  leadId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};
export type NotificationPage = Page<Notification> & { unreadCount: number };

export type BoardCard = {
  id: string;
  fullName: string;
  company: string | null;
  status: string;
  ownerId: string | null;
  temperature: 'hot' | 'warm' | 'cold' | null;
  score: number;
  nextTask: { id: string; type: string; title: string; dueAt: string } | null;
};
export type Board = {
  columns: { status: string; labels: Labels | null; total: number; cards: BoardCard[] }[];
};

export type Channel = { id: string; name: string };
export type Campaign = { id: string; name: string; channelId: string | null };

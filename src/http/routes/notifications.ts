import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../schemas/common.ts';
import {
  type NotificationDto,
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationSchema,
  ReadAllResultSchema,
} from '../../schemas/notification.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import { encodeCursor } from '../../store/leads.ts';
import {
  countUnreadNotifications,
  listNotificationsPage,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
} from '../../store/notifications.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { cursorFromQuery } from '../cursor.ts';
import { forbidden, notFound } from '../problem.ts';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const toNotificationDto = (row: NotificationRow): NotificationDto => ({
  id: row.id,
  type: row.type,
  leadId: row.leadId,
  contactId: row.contactId,
  data: row.data,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt ? row.readAt.toISOString() : null,
});

/** The caller's own in-app notifications: a list, and marking them read. */
export const notificationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;

  // Notices belong to people; an integration token acts for nobody, so it has no inbox.
  const recipientOf = (request: Parameters<typeof principalOf>[0]): string => {
    const userId = principalOf(request).userId;
    if (!userId) throw forbidden('Notifications belong to users; this token acts for no user');
    return userId;
  };

  app.get(
    '/api/notifications',
    {
      config: { access: 'read' },
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications, newest first, with cursor pagination",
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationPageSchema, ...errors },
      },
    },
    async (request) => {
      const recipientId = recipientOf(request);
      const q = request.query;
      const after = cursorFromQuery(q.cursor);
      const [page, unreadCount] = await Promise.all([
        listNotificationsPage(
          database.db,
          { recipientId, unreadOnly: q.unread === true },
          { limit: q.limit, ...(after ? { after } : {}) },
        ),
        countUnreadNotifications(database.db, recipientId),
      ]);
      return {
        items: page.rows.map(toNotificationDto),
        nextCursor: page.next ? encodeCursor(page.next) : null,
        unreadCount,
      };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'write' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
        params: IdParamsSchema,
        response: { 200: NotificationSchema, ...errors },
      },
    },
    async (request) => {
      const row = await markNotificationRead(database.db, {
        id: request.params.id,
        recipientId: recipientOf(request),
        at: deps.clock(),
      });
      if (!row) throw notFound(`Notification ${request.params.id}`);
      return toNotificationDto(row);
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'write' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 200: ReadAllResultSchema, ...errors },
      },
    },
    async (request) => ({
      updated: await markAllNotificationsRead(database.db, recipientOf(request), deps.clock()),
    }),
  );
};

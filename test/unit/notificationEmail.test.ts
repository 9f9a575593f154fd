import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { notificationEmailOf } from '../../src/domain/notificationEmail.ts';

const task = { title: 'Call <back>', dueAt: '2026-03-02T09:30:00.000Z', leadName: 'Анна Смирнова' };

describe('notification emails', () => {
  test('writes a reminder in English and in Russian', () => {
    const en = notificationEmailOf({ type: 'task_reminder', data: task }, 'en', 'Jane');
    assert.equal(en.subject, 'Reminder: Call <back> is due 2026-03-02 09:30 UTC');
    assert.equal(
      en.text,
      'Hello Jane,\n\nThe task "Call <back>" is due soon.\nLead: Анна Смирнова.\nDue: 2026-03-02 09:30 UTC.\n\n— leadflow',
    );
    const ru = notificationEmailOf({ type: 'task_reminder', data: task }, 'ru', 'Иван');
    assert.equal(ru.subject, 'Напоминание: Call <back> — срок 2026-03-02 09:30 UTC');
    assert.match(ru.text, /^Здравствуйте, Иван!\n\nСкоро срок задачи «Call <back>»\./);
  });

  test('escapes HTML in the HTML body only', () => {
    const email = notificationEmailOf({ type: 'task_overdue', data: task }, 'en', 'Jane & co');
    assert.match(email.html, /<p>Hello Jane &amp; co,<\/p>/);
    assert.match(email.html, /The task &quot;Call &lt;back&gt;&quot; is overdue\./);
    assert.match(email.text, /The task "Call <back>" is overdue\./);
  });

  test('names the assignee of a missed first response, or says nobody is assigned', () => {
    const assigned = notificationEmailOf(
      { type: 'first_response_overdue', data: { ...task, assigneeName: 'Пётр' } },
      'ru',
      'Глава',
    );
    assert.equal(assigned.subject, 'Нет первого ответа лиду: Анна Смирнова');
    assert.match(assigned.text, /Ответственный: Пётр\./);
    const nobody = notificationEmailOf({ type: 'first_response_overdue', data: task }, 'en', 'Head');
    assert.match(nobody.text, /Nobody is assigned\./);
  });

  test('still writes something for a notice type without a template', () => {
    const email = notificationEmailOf({ type: 'deal_won', data: { leadName: 'Ann' } }, 'en', 'Jane');
    assert.equal(email.subject, 'leadflow: new notification (deal_won)');
    assert.match(email.text, /Lead: Ann\./);
  });
});

describe('notices written by other parts', () => {
  test('tells a rep a lead is theirs, with the first-response deadline', () => {
    const email = notificationEmailOf(
      { type: 'lead_assigned', data: { leadName: 'Ann Lee', dueAt: '2026-03-02T10:00:00.000Z' } },
      'en',
      'Jane',
    );
    assert.equal(email.subject, 'New lead for you: Ann Lee');
    assert.match(email.text, /First response due 2026-03-02 10:00 UTC\./);
  });
});

import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../api.ts';
import type { LeadNames } from './names.ts';

// Timeline events as sentences in the UI language. The server writes each event's data in its own
// terms (ids, keys such as "mode: pool", English reasons): every type it writes is read here, and
// every value is translated or named (statuses, reasons, owners, channels). What people typed
// (results, notes, answers) is shown as typed.

export type EventContext = {
  t: TFunction;
  language: string;
  names: LeadNames;
  statusLabel: (key: string, language: string) => string;
  reasonLabel: (status: string, key: string | null, language: string) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number) => string;
  taskTitle: (title: string) => string;
};

/** A link the event points at (the other lead of a merge or a suspected duplicate). */
export type EventLink = { leadId: string; label: string };
export type DescribedEvent = { title: string; details: string[]; links: EventLink[]; known: boolean };

type Data = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Data =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};

export function eventTitle(t: TFunction, type: string): string {
  switch (type) {
    case 'created':
      return t('timeline.created');
    case 'updated':
      return t('timeline.updated');
    case 'status_changed':
      return t('timeline.status_changed');
    case 'lifecycle_changed':
      return t('timeline.lifecycle_changed');
    case 'temperature_changed':
      return t('timeline.temperature_changed');
    case 'bant_changed':
      return t('timeline.bant_changed');
    case 'icp_fit_changed':
      return t('timeline.icp_fit_changed');
    case 'inquiry_attached':
      return t('timeline.inquiry_attached');
    case 'repeat_inquiry':
      return t('timeline.repeat_inquiry');
    case 'duplicate_suspected':
      return t('timeline.duplicate_suspected');
    case 'merged':
      return t('timeline.merged');
    case 'merged_into':
      return t('timeline.merged_into');
    case 'owner_changed':
      return t('timeline.owner_changed');
    case 'lead_assigned':
      return t('timeline.lead_assigned');
    case 'routed':
      return t('timeline.routed');
    case 'routing_skipped':
      return t('timeline.routing_skipped');
    case 'personal_data_erased':
      return t('timeline.personal_data_erased');
    case 'task_created':
      return t('timeline.task_created');
    case 'task_completed':
      return t('timeline.task_completed');
    case 'task_updated':
      return t('timeline.task_updated');
    case 'task_canceled':
      return t('timeline.task_canceled');
    case 'first_response':
      return t('timeline.first_response');
    case 'first_response_escalated':
      return t('timeline.first_response_escalated');
    case 'lead_converted':
      return t('timeline.lead_converted');
    case 'converted':
      return t('timeline.converted');
    case 'refused':
      return t('timeline.refused');
    case 'reopened':
      return t('timeline.reopened');
    case 'returned_to_marketing':
      return t('timeline.returned_to_marketing');
    case 'deal_updated':
      return t('timeline.deal_updated');
    case 'questionnaire_answered':
      return t('timeline.questionnaire_answered');
    default:
      return t('timeline.other');
  }
}

/** Who did it: a person by name when known, else what kind of actor. */
export function actorName(actor: string, { t, names }: EventContext): string {
  const [kind = '', id = ''] = actor.split(/:(.*)/s);
  if (kind === 'user') return names.user(id) ?? t('actor.user');
  if (kind === 'token') return id === 'env-admin' ? t('actor.adminToken') : t('actor.token');
  if (kind === 'public') return id === 'questionnaire' ? t('actor.questionnaire') : t('actor.public');
  switch (id) {
    case 'routing':
      return t('actor.routing');
    case 'sla':
      return t('actor.sla');
    case 'scoring':
      return t('actor.scoring');
    case 'scheduler':
      return t('actor.scheduler');
    case 'revisit':
      return t('actor.revisit');
    default:
      return t('actor.system');
  }
}

export function lifecycleLabel(t: TFunction, stage: unknown): string {
  switch (stage) {
    case 'interest':
      return t('lifecycle.interest');
    case 'iql':
      return t('lifecycle.iql');
    case 'eql':
      return t('lifecycle.eql');
    case 'mql':
      return t('lifecycle.mql');
    case 'sal':
      return t('lifecycle.sal');
    case 'sql':
      return t('lifecycle.sql');
    case 'customer':
      return t('lifecycle.customer');
    default:
      return text(stage) ?? '—';
  }
}

function temperatureLabel(t: TFunction, value: unknown): string {
  switch (value) {
    case 'hot':
      return t('temperature.hot');
    case 'warm':
      return t('temperature.warm');
    case 'cold':
      return t('temperature.cold');
    default:
      return '—';
  }
}

function icpFitLabel(t: TFunction, value: unknown): string {
  switch (value) {
    case 'good':
      return t('timelineEvent.icpFit.good');
    case 'partial':
      return t('timelineEvent.icpFit.partial');
    case 'poor':
      return t('timelineEvent.icpFit.poor');
    default:
      return '—';
  }
}

export function taskTypeLabel(t: TFunction, type: unknown): string {
  switch (type) {
    case 'call':
      return t('taskType.call');
    case 'email':
      return t('taskType.email');
    case 'meeting':
      return t('taskType.meeting');
    case 'send_offer':
      return t('taskType.send_offer');
    case 'send_materials':
      return t('taskType.send_materials');
    case 'assign_owner':
      return t('taskType.assign_owner');
    default:
      return t('taskType.other');
  }
}

function bantLabel(t: TFunction, key: string): string {
  switch (key) {
    case 'budget':
      return t('bant.budget');
    case 'authority':
      return t('bant.authority');
    case 'need':
      return t('bant.need');
    case 'timeframe':
      return t('bant.timeframe');
    default:
      return key;
  }
}

function spamSignalLabel(t: TFunction, code: unknown): string {
  switch (code) {
    case 'honeypot':
      return t('timelineEvent.spam.honeypot');
    case 'too_fast':
      return t('timelineEvent.spam.too_fast');
    case 'flood_ip':
      return t('timelineEvent.spam.flood_ip');
    case 'flood_contact':
      return t('timelineEvent.spam.flood_contact');
    case 'disposable_email':
      return t('timelineEvent.spam.disposable_email');
    default:
      return t('timelineEvent.spam.other');
  }
}

/** A lead field's name; undefined for internal columns nobody needs to read about. */
export function leadFieldLabel(t: TFunction, field: string): string | undefined {
  switch (field) {
    case 'firstName':
      return t('leadField.firstName');
    case 'lastName':
      return t('leadField.lastName');
    case 'middleName':
      return t('leadField.middleName');
    case 'fullName':
      return t('leadField.fullName');
    case 'emails':
      return t('leadField.emails');
    case 'phones':
      return t('leadField.phones');
    case 'company':
      return t('leadField.company');
    case 'position':
      return t('leadField.position');
    case 'interest':
      return t('leadField.interest');
    case 'address':
      return t('leadField.address');
    case 'custom':
      return t('leadField.custom');
    case 'spam':
      return t('leadField.spam');
    case 'channelId':
      return t('leadField.channel');
    case 'campaignId':
      return t('leadField.campaign');
    case 'consent':
      return t('leadField.consent');
    case 'ownerId':
      return t('leadField.owner');
    case 'teamId':
      return t('leadField.team');
    case 'kind':
      return t('leadField.kind');
    case 'valid':
      return t('leadField.valid');
    case 'problems':
      return t('leadField.problems');
    case 'region':
      return t('leadField.region');
    case 'language':
      return t('leadField.language');
    default:
      return undefined;
  }
}

function ownerOf(id: unknown, ctx: EventContext): string {
  const userId = text(id);
  if (!userId) return ctx.t('timelineEvent.pool');
  return ctx.names.user(userId) ?? ctx.t('timelineEvent.someone');
}

function channelPart(data: Data, ctx: EventContext): string[] {
  const parts: string[] = [];
  const channelId = text(data.channelId);
  const campaignId = text(data.campaignId);
  if (channelId)
    parts.push(
      ctx.t('timelineEvent.channel', {
        name: ctx.names.channel(channelId) ?? ctx.t('timelineEvent.unknown'),
      }),
    );
  if (campaignId)
    parts.push(
      ctx.t('timelineEvent.campaign', {
        name: ctx.names.campaign(campaignId) ?? ctx.t('timelineEvent.unknown'),
      }),
    );
  return parts;
}

function spamPart(data: Data, ctx: EventContext): string[] {
  const signals = list(data.spamSignals).map((s) => spamSignalLabel(ctx.t, record(s).code));
  return signals.length > 0 ? [ctx.t('timelineEvent.spamSignals', { list: signals.join(', ') })] : [];
}

/** A changed value of a lead field, in words. */
function valueText(field: string, value: unknown, ctx: EventContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'ownerId') return ownerOf(value, ctx);
  if (field === 'channelId') return ctx.names.channel(String(value)) ?? ctx.t('timelineEvent.unknown');
  if (field === 'campaignId') return ctx.names.campaign(String(value)) ?? ctx.t('timelineEvent.unknown');
  if (typeof value === 'boolean') return value ? ctx.t('common.yes') : ctx.t('common.no');
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(', ') : '—';
  if (typeof value === 'object')
    return Object.values(value as Data)
      .filter((v) => typeof v === 'string' && v !== '')
      .join(', ');
  return String(value);
}

/** Fields whose values people read; the others are named only. */
const SHOWN_VALUES = new Set([
  'firstName',
  'lastName',
  'middleName',
  'company',
  'position',
  'interest',
  'emails',
  'phones',
  'address',
  'spam',
  'channelId',
  'campaignId',
  'ownerId',
]);

function changesPart(changes: Data, ctx: EventContext): string[] {
  const { t } = ctx;
  const parts: string[] = [];
  const others: string[] = [];
  for (const [field, change] of Object.entries(changes)) {
    const label = leadFieldLabel(t, field);
    if (!label) continue;
    if (SHOWN_VALUES.has(field)) {
      const { from, to } = record(change);
      parts.push(
        t('timelineEvent.fieldChange', {
          field: label,
          from: valueText(field, from, ctx),
          to: valueText(field, to, ctx),
        }),
      );
    } else others.push(label);
  }
  if (others.length > 0) parts.push(t('timelineEvent.alsoChanged', { fields: others.join(', ') }));
  return parts;
}

function ownerReason(reason: unknown, ctx: EventContext): string | null {
  const { t } = ctx;
  switch (reason) {
    case undefined:
    case null:
    case '':
      return null;
    case 'routing':
      return t('timelineEvent.ownerReason.routing');
    case 'claimed':
      return t('timelineEvent.ownerReason.claimed');
    case 'assigned':
      return t('timelineEvent.ownerReason.assigned');
    case 'returned_to_pool':
      return t('timelineEvent.ownerReason.returned_to_pool');
    case 'first_response_sla_missed':
      return t('timelineEvent.ownerReason.first_response_sla_missed');
    case 'owner inactive':
      return t('timelineEvent.ownerReason.owner_inactive');
    default:
      // A reason a head typed when reassigning.
      return t('timelineEvent.reason', { reason: String(reason) });
  }
}

function routingMode(mode: unknown, ctx: EventContext): string | null {
  const { t } = ctx;
  switch (mode) {
    case 'pool':
      return t('timelineEvent.routing.mode_pool');
    case 'rules':
      return t('timelineEvent.routing.mode_rules');
    case 'manual':
      return t('timelineEvent.routing.mode_manual');
    case 'already_owned':
      return t('timelineEvent.routing.mode_already_owned');
    default:
      return null;
  }
}

function routingTarget(target: unknown, ctx: EventContext): string | null {
  const { t } = ctx;
  switch (target) {
    case 'user':
      return t('timelineEvent.routing.target_user');
    case 'team':
      return t('timelineEvent.routing.target_team');
    case 'pool':
      return t('timelineEvent.routing.target_pool');
    case 'manual':
      return t('timelineEvent.routing.target_manual');
    default:
      return null;
  }
}

function routingReason(reason: unknown, ctx: EventContext): string | null {
  const { t } = ctx;
  switch (reason) {
    case 'no_rule_matched':
      return t('timelineEvent.routing.no_rule_matched');
    case 'user_unavailable':
      return t('timelineEvent.routing.user_unavailable');
    case 'team_missing':
      return t('timelineEvent.routing.team_missing');
    case 'no_member_available':
      return t('timelineEvent.routing.no_member_available');
    default:
      return null;
  }
}

function routingMethod(method: unknown, ctx: EventContext): string | null {
  switch (method) {
    case 'least_loaded':
      return ctx.t('timelineEvent.routing.least_loaded');
    case 'round_robin':
      return ctx.t('timelineEvent.routing.round_robin');
    default:
      return null;
  }
}

function skipReason(reason: unknown, ctx: EventContext): string {
  switch (reason) {
    case 'spam':
      return ctx.t('timelineEvent.skipped.spam');
    case 'merged':
      return ctx.t('timelineEvent.skipped.merged');
    default:
      return ctx.t('timelineEvent.skipped.invalid');
  }
}

function dealStatus(value: unknown, ctx: EventContext): string {
  switch (value) {
    case 'open':
      return ctx.t('timelineEvent.deal.open');
    case 'won':
      return ctx.t('timelineEvent.deal.won');
    case 'lost':
      return ctx.t('timelineEvent.deal.lost');
    default:
      return '—';
  }
}

function dealChanges(changes: Data, ctx: EventContext): string[] {
  const { t } = ctx;
  return Object.entries(changes).flatMap(([field, change]) => {
    const { from, to } = record(change);
    switch (field) {
      case 'status':
        return [
          t('timelineEvent.fieldChange', {
            field: t('timelineEvent.deal.status'),
            from: dealStatus(from, ctx),
            to: dealStatus(to, ctx),
          }),
        ];
      case 'amount':
        return [
          t('timelineEvent.fieldChange', {
            field: t('timelineEvent.deal.amount'),
            from: valueText(field, from, ctx),
            to: valueText(field, to, ctx),
          }),
        ];
      case 'title':
        return [
          t('timelineEvent.fieldChange', {
            field: t('timelineEvent.deal.title'),
            from: valueText(field, from, ctx),
            to: valueText(field, to, ctx),
          }),
        ];
      case 'currency':
        return [
          t('timelineEvent.fieldChange', {
            field: t('timelineEvent.deal.currency'),
            from: valueText(field, from, ctx),
            to: valueText(field, to, ctx),
          }),
        ];
      case 'stage':
        return [
          t('timelineEvent.fieldChange', {
            field: t('timelineEvent.deal.stage'),
            from: valueText(field, from, ctx),
            to: valueText(field, to, ctx),
          }),
        ];
      case 'lostReason':
        return text(to) ? [t('timelineEvent.deal.lostReason', { reason: text(to) })] : [];
      case 'ownerId':
        return [
          t('timelineEvent.fieldChange', {
            field: t('leadField.owner'),
            from: ownerOf(from, ctx),
            to: ownerOf(to, ctx),
          }),
        ];
      default:
        return [];
    }
  });
}

function taskChanges(after: Data, ctx: EventContext): string[] {
  const { t } = ctx;
  return Object.entries(after).flatMap(([field, value]) => {
    switch (field) {
      case 'dueAt':
        return [t('timelineEvent.task.newDue', { when: ctx.dateTime(text(value)) })];
      case 'assigneeId':
        return [t('timelineEvent.task.newAssignee', { name: ownerOf(value, ctx) })];
      case 'title':
        return [t('timelineEvent.task.newTitle', { title: ctx.taskTitle(String(value)) })];
      case 'note':
        return [t('timelineEvent.task.newNote')];
      default:
        return [];
    }
  });
}

/** The event as a title, sentences about it, and links to the other leads it names. */
export function describeEvent(event: TimelineEvent, ctx: EventContext): DescribedEvent {
  const { t, language } = ctx;
  const data = event.data;
  const details: string[] = [];
  const links: EventLink[] = [];
  let known = true;
  switch (event.type) {
    case 'created':
      if (data.kind === 'interest') details.push(t('timelineEvent.createdInterest'));
      details.push(...channelPart(data, ctx), ...spamPart(data, ctx));
      break;
    case 'updated':
      details.push(...changesPart(record(data.changes), ctx));
      break;
    case 'owner_changed': {
      details.push(t('timelineEvent.fromTo', { from: ownerOf(data.from, ctx), to: ownerOf(data.to, ctx) }));
      const reason = ownerReason(data.reason ?? data.why, ctx);
      if (reason) details.push(reason);
      const moved = list(data.movedTaskIds).length;
      if (moved > 0) details.push(t('timelineEvent.tasksMoved', { count: moved }));
      break;
    }
    case 'status_changed': {
      const to = text(data.to) ?? '';
      details.push(
        t('timelineEvent.fromTo', {
          from: ctx.statusLabel(text(data.from) ?? '', language),
          to: ctx.statusLabel(to, language),
        }),
      );
      if (data.reason === 'first_response') details.push(t('timelineEvent.afterFirstResponse'));
      else if (text(data.reason))
        details.push(t('timelineEvent.reason', { reason: ctx.reasonLabel(to, text(data.reason), language) }));
      break;
    }
    case 'lifecycle_changed':
      details.push(
        t('timelineEvent.fromTo', { from: lifecycleLabel(t, data.from), to: lifecycleLabel(t, data.to) }),
      );
      if (data.by === 'score')
        details.push(t('timelineEvent.byScore', { score: ctx.number(Number(data.score)) }));
      else if (data.reason === 'converted') details.push(t('timelineEvent.onConversion'));
      else if (text(data.dealId)) details.push(t('timelineEvent.dealWon'));
      else if (text(data.reason)) details.push(t('timelineEvent.reason', { reason: text(data.reason) }));
      break;
    case 'temperature_changed':
      details.push(
        t('timelineEvent.fromTo', { from: temperatureLabel(t, data.from), to: temperatureLabel(t, data.to) }),
      );
      break;
    case 'icp_fit_changed':
      details.push(
        t('timelineEvent.fromTo', { from: icpFitLabel(t, data.from), to: icpFitLabel(t, data.to) }),
      );
      break;
    case 'bant_changed': {
      const fields = Object.keys(record(data.changes)).map((key) => bantLabel(t, key));
      if (fields.length > 0) details.push(t('timelineEvent.changed', { fields: fields.join(', ') }));
      break;
    }
    case 'returned_to_marketing':
      details.push(
        t('timelineEvent.fromTo', { from: lifecycleLabel(t, data.from), to: lifecycleLabel(t, data.to) }),
      );
      if (text(data.reason)) details.push(t('timelineEvent.reason', { reason: text(data.reason) }));
      break;
    case 'inquiry_attached': {
      if (typeof data.score === 'number')
        details.push(t('timelineEvent.matchScore', { score: ctx.number(Math.round(data.score * 10) / 10) }));
      const added = record(data.added);
      const contacts = [...list(added.emails), ...list(added.phones)].map(String);
      if (contacts.length > 0) details.push(t('timelineEvent.contactsAdded', { list: contacts.join(', ') }));
      details.push(...channelPart(data, ctx), ...spamPart(data, ctx));
      break;
    }
    case 'duplicate_suspected': {
      const candidates = list(data.candidates).map(record);
      details.push(t('timelineEvent.similarTo', { count: candidates.length }));
      for (const candidate of candidates) {
        if (candidate.type === 'lead' && text(candidate.id))
          links.push({ leadId: String(candidate.id), label: t('timelineEvent.openSimilar') });
      }
      break;
    }
    case 'merged': {
      const taken = list(data.taken)
        .map((field) => leadFieldLabel(t, String(field)))
        .filter((label): label is string => Boolean(label));
      details.push(t('timelineEvent.mergedFrom'));
      if (taken.length > 0) details.push(t('timelineEvent.taken', { fields: taken.join(', ') }));
      if (text(data.sourceId))
        links.push({ leadId: String(data.sourceId), label: t('timelineEvent.openMerged') });
      break;
    }
    case 'merged_into':
      if (text(data.targetId))
        links.push({ leadId: String(data.targetId), label: t('timelineEvent.openSurvivor') });
      break;
    case 'routed': {
      const mode = routingMode(data.mode, ctx);
      if (mode) details.push(mode);
      const target = data.mode === 'rules' ? routingTarget(data.target, ctx) : null;
      if (target) details.push(target);
      const method = routingMethod(data.method, ctx);
      if (method) details.push(method);
      const reason = routingReason(data.reason, ctx);
      if (reason) details.push(reason);
      // Without an owner the mode already says where the lead went (the pool, a head's decision).
      if (text(data.ownerId)) details.push(t('timelineEvent.owner', { name: ownerOf(data.ownerId, ctx) }));
      if (text(data.dueAt))
        details.push(t('timelineEvent.firstResponseDue', { when: ctx.dateTime(text(data.dueAt)) }));
      break;
    }
    case 'routing_skipped':
      details.push(skipReason(data.reason, ctx));
      break;
    case 'task_created':
      details.push(
        t('timelineEvent.task.created', {
          type: taskTypeLabel(t, data.type),
          title: ctx.taskTitle(text(data.title) ?? ''),
          when: ctx.dateTime(text(data.dueAt)),
        }),
      );
      if (data.assigneeId !== undefined)
        details.push(t('timelineEvent.task.assignee', { name: ownerOf(data.assigneeId, ctx) }));
      break;
    case 'task_completed':
      details.push(taskTypeLabel(t, data.type));
      if (text(data.result)) details.push(t('timelineEvent.task.result', { result: text(data.result) }));
      break;
    case 'task_updated':
    case 'task_canceled':
      details.push(...taskChanges(record(data.after), ctx));
      break;
    case 'first_response':
    case 'lead_assigned':
      break;
    case 'first_response_escalated':
      details.push(
        t('timelineEvent.escalated', {
          when: ctx.dateTime(text(data.dueAt)),
          count: list(data.headIds).length,
        }),
      );
      break;
    case 'converted': {
      const created = record(data.created);
      const parts = [
        text(data.contactId)
          ? created.contact
            ? t('timelineEvent.conversion.newContact')
            : t('timelineEvent.conversion.existingContact')
          : null,
        text(data.companyId)
          ? created.company
            ? t('timelineEvent.conversion.newCompany')
            : t('timelineEvent.conversion.existingCompany')
          : null,
        text(data.dealId) ? t('timelineEvent.conversion.deal') : null,
      ].filter((part): part is string => part !== null);
      if (parts.length > 0) details.push(parts.join(', '));
      break;
    }
    case 'lead_converted':
      break;
    case 'refused': {
      if (text(data.reason))
        details.push(
          t('timelineEvent.reason', { reason: ctx.reasonLabel('refused', text(data.reason), language) }),
        );
      if (text(data.note)) details.push(t('timelineEvent.note', { note: text(data.note) }));
      if (text(data.revisitAt))
        details.push(t('timelineEvent.revisitOn', { when: ctx.dateTime(text(data.revisitAt)) }));
      const canceled = list(data.canceledTaskIds).length;
      if (canceled > 0) details.push(t('timelineEvent.tasksCanceled', { count: canceled }));
      if (record(data.farewell).queued) details.push(t('timelineEvent.farewellQueued'));
      break;
    }
    case 'reopened':
      details.push(
        data.by === 'revisit' ? t('timelineEvent.reopenedOnRevisit') : t('timelineEvent.reopenedByHand'),
      );
      if (text(data.previousReason))
        details.push(
          t('timelineEvent.refusedBefore', {
            reason: ctx.reasonLabel('refused', text(data.previousReason), language),
          }),
        );
      if (text(data.reason)) details.push(t('timelineEvent.reason', { reason: text(data.reason) }));
      break;
    case 'deal_updated':
      details.push(...dealChanges(record(data.changes), ctx));
      break;
    case 'questionnaire_answered':
      if (text(data.answer)) details.push(t('timelineEvent.answer', { answer: text(data.answer) }));
      break;
    default:
      known = false;
  }
  return { title: eventTitle(t, event.type), details, links, known };
}

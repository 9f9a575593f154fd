// The write ceiling behind `npm run bench:capture-ceiling`: an HTTP server that answers
// POST /api/leads only after committing, with capture's own group commit and write statement, the
// rows the issue requires of every new lead (lead, raw inquiry, timeline entry, match profile and
// its blocking keys), and nothing else: no normalization, no validation, no duplicate lookup, no
// attribution, scoring or routing. What it sustains bounds what the whole pipeline can.

import Fastify from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { Batcher } from '../../src/services/capture/batcher.ts';
import { type CaptureWrites, emptyCaptureWrites, writeCaptureBatch } from '../../src/store/captureBatch.ts';
import { openPostgres } from '../../src/store/db.ts';

type Body = { name?: string; email?: string; phone?: string; company?: string };

const database = await openPostgres(process.env.DATABASE_URL as string, 4);

function writesOf(bodies: { body: Body; raw: string }[]): { writes: CaptureWrites; leadIds: string[] } {
  const writes = emptyCaptureWrites();
  const leadIds: string[] = [];
  const now = new Date();
  for (const { body, raw } of bodies) {
    const id = uuidv7();
    const inquiryId = uuidv7();
    const emails = body.email ? [body.email] : [];
    const phones = body.phone ? [body.phone] : [];
    const fullName = body.name ?? '';
    leadIds.push(id);
    writes.leads.push({
      id,
      kind: 'lead',
      valid: true,
      fullName,
      emails,
      phones,
      company: body.company ?? null,
      searchText: [fullName, ...emails, ...phones, body.company ?? ''].join(' ').toLowerCase(),
      routedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    writes.inquiries.push({
      id: inquiryId,
      receivedAt: now,
      outcome: 'created',
      leadId: id,
      contentType: 'application/json',
      rawBody: raw,
      email: emails[0] ?? null,
      phone: phones[0] ?? null,
      actor: 'bench:ceiling',
    });
    writes.timeline.push({
      leadId: id,
      at: now,
      actor: 'bench:ceiling',
      type: 'created',
      data: { inquiryId },
    });
    // As many keys as a real profile has on average (about four), under a prefix no matcher rule
    // makes, so that a kept database's real lookups never meet them.
    const keys = [
      ...emails.map((e) => `ceiling:e:${e}`),
      ...phones.map((p) => `ceiling:p:${p}`),
      `ceiling:n:${fullName}`,
      `ceiling:c:${body.company ?? ''}|${fullName}`,
    ];
    writes.profiles.push({
      id,
      card: { type: 'lead', id },
      fields: { name: fullName, emails, phones },
      keys,
    });
  }
  return { writes, leadIds };
}

const batcher = new Batcher<{ body: Body; raw: string }, string>(
  async (items) => {
    const { writes, leadIds } = writesOf(items);
    await database.db.transaction((tx) => writeCaptureBatch(tx, writes));
    return leadIds;
  },
  { maxBatch: 200, concurrency: 2 },
);

const app = Fastify({ bodyLimit: 1024 * 1024 });
app.get('/health', async () => ({ ok: true }));
app.post('/api/leads', async (request, reply) => {
  const body = request.body as Body;
  const id = await batcher.submit({ body, raw: JSON.stringify(body) });
  reply.code(201);
  return { outcome: 'created', leadId: id };
});
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app
      .close()
      .then(() => batcher.drained())
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}

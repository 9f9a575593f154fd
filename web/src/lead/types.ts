// Shapes of the lead API the lead card's own parts use, beyond web/src/api.ts. They mirror the Zod
// schemas of src/schemas/lead.ts (LeadSchema, DuplicateReviewSchema, MergeBodySchema).

import type { LeadDetail } from '../api.ts';

export type Address = Partial<
  Record<'line1' | 'line2' | 'streetNumber' | 'city' | 'postcode' | 'region' | 'country', string>
>;

/** A lead with the fields a merge compares (LeadSchema). */
export type MergeableLead = LeadDetail & {
  firstName: string | null;
  lastName: string | null;
  middleName: string | null;
  address: Address | null;
  mergedIntoId: string | null;
};

/** GET /api/duplicates?leadId=… (DuplicateReviewSchema). */
export type DuplicateReview = {
  id: string;
  status: 'open' | 'merged' | 'dismissed';
  score: number;
  breakdown: Record<string, number>;
  createdAt: string;
  lead: MergeableLead;
  candidate: {
    type: 'lead' | 'contact';
    id: string;
    fullName: string;
    emails: string[];
    phones: string[];
    company: string | null;
  };
};
export type DuplicateQueue = { items: DuplicateReview[]; canResolve: boolean };

/** The fields whose value the merge lets a person choose (MergeBodySchema.prefer). */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'middleName',
  'company',
  'position',
  'interest',
  'address',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeBody = { sourceId: string; prefer?: Partial<Record<MergeField, 'target' | 'source'>> };

import { db, siteCache } from '@/lib/db';
import { IntentSlotsSchema, type IntentSlot } from '@/lib/schemas/intent';

export interface SiteIntent {
  name: string;
  description: string | null;
  buttonLabel: string | null;
  handoff: boolean;
  rephrase: boolean;
  quickReplies: string[];
  responses: string[];
  /** Entities the visitor must give before the intent is answered. */
  slots: IntentSlot[];
  /** The site's system gives the answer (lib/bot/intent-action.ts); the responses are not used. */
  action: { url: string; secret: string; allowPrivateAddresses: boolean } | null;
}

/**
 * The site's intents with their responses, by name: read once and kept until any node changes them
 * (so edits apply at once without two queries per message). Shared by every turn: never modified.
 */
export function siteIntents(siteId: string): Promise<Map<string, SiteIntent>> {
  return intentsOfSite.read(siteId);
}

const intentsOfSite = siteCache(readSiteIntents);

async function readSiteIntents(siteId: string): Promise<Map<string, SiteIntent>> {
  const rows = await db().intent.findMany({
    where: { siteId },
    select: {
      name: true,
      description: true,
      buttonLabel: true,
      handoff: true,
      rephrase: true,
      quickReplies: true,
      slots: true,
      responses: { select: { body: true }, orderBy: { position: 'asc' } },
      action: { select: { url: true, secret: true, allowPrivateAddresses: true } },
    },
  });
  return new Map(
    rows.map((row) => [
      row.name,
      {
        ...row,
        responses: row.responses.map((response) => response.body),
        // Read leniently: a row that does not parse requires nothing.
        slots: IntentSlotsSchema.catch([]).parse(row.slots),
      },
    ]),
  );
}

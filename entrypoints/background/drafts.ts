import type { RippleDb } from './db';

/** Keeps what a learner is writing, so a reload or a closed tab loses nothing. */
export async function readDraft(db: RippleDb, key: string): Promise<{ text: string; title?: string } | null> {
  const draft = await db.drafts.get(key);
  return draft ? { text: draft.text, ...(draft.title ? { title: draft.title } : {}) } : null;
}

export async function writeDraft(db: RippleDb, key: string, text: string, title?: string): Promise<void> {
  if (text.trim() === '' && !title?.trim()) {
    await db.drafts.delete(key);
    return;
  }
  await db.drafts.put({ key, text, ...(title ? { title } : {}), updatedAt: Date.now() });
}

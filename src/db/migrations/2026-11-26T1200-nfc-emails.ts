/**
 * E-mail addresses are compared in Unicode NFC (users/email.ts): "josé@…" typed with a combining
 * accent is the same address as with "é". Addresses stored before that in another form are rewritten,
 * unless the NFC form already belongs to another account (left as it is, for an operator to merge).
 */
import type { Kysely } from 'kysely';

const TABLES = ['users', 'staff', 'invitations'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const store = db as unknown as Kysely<Record<(typeof TABLES)[number], { id: string; email: string }>>;
  for (const table of TABLES) {
    const rows = await store.selectFrom(table).select(['id', 'email']).execute();
    const taken = new Set(rows.map((r) => r.email));
    for (const row of rows) {
      const nfc = row.email.normalize('NFC').toLowerCase();
      if (nfc === row.email || (table !== 'invitations' && taken.has(nfc))) continue;
      await store.updateTable(table).set({ email: nfc }).where('id', '=', row.id).execute();
      taken.add(nfc);
    }
  }
}

export async function down(): Promise<void> {
  // The NFC form is the same address: nothing to undo.
}

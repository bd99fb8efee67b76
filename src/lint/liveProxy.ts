/**
 * Live facts across a process boundary: the language server (src/lsp) asks its client one fact at a
 * time (LIVE_FACT_REQUEST), and the client answers from its own connection ({@link answerLiveFact}).
 * Sets travel as arrays and times as ISO strings; nothing here does I/O.
 */
import type { RestorableWindow } from '../backup/restorableWindow';
import type { LiveFacts } from './live';
import type { LiveFactParams, LiveFactResult } from './lspProtocol';

/** Asks the client; resolves to null when it has no connection. */
export type AskLiveFact = (params: LiveFactParams) => Promise<LiveFactResult>;

class NoConnection extends Error {}

/** LiveFacts whose every answer comes from the client. A client without a connection makes each check fail quietly. */
export function liveFactsOver(ask: AskLiveFact): LiveFacts {
  // The Region of the client's connection, as its latest answer says (the connection may change).
  let region = '';
  const get = async (params: LiveFactParams): Promise<unknown> => {
    const r = await ask(params);
    if (!r) throw new NoConnection('no connection');
    region = r.region;
    return r.value;
  };
  return {
    get region() {
      return region;
    },
    async vaults() {
      const v = (await get({ fact: 'vaults' })) as { names: string[]; arns: string[]; accountId?: string };
      return {
        names: new Set(v.names),
        arns: new Set(v.arns),
        ...(v.accountId !== undefined ? { accountId: v.accountId } : {}),
      };
    },
    async continuousVaultOf(arn) {
      return ((await get({ fact: 'continuousVaultOf', arn })) as string | null) ?? undefined;
    },
    async planContinuousVaults(planId) {
      return ((await get({ fact: 'planContinuousVaults', planId })) as string[] | null) ?? undefined;
    },
    async windowOf(arn) {
      const w = (await get({ fact: 'windowOf', arn })) as Record<string, unknown> | null;
      if (!w) return undefined;
      const out: Record<string, unknown> = { ...w };
      for (const k of ['earliest', 'latest']) if (typeof w[k] === 'string') out[k] = new Date(w[k]);
      return out as RestorableWindow;
    },
    async regionOptIn() {
      return ((await get({ fact: 'regionOptIn' })) as Record<string, boolean> | null) ?? undefined;
    },
  };
}

/** The client's side: one fact from its own LiveFacts, encoded for the wire (undefined facts: null). */
export async function answerLiveFact(
  facts: LiveFacts | undefined,
  params: LiveFactParams,
): Promise<LiveFactResult> {
  if (!facts) return null;
  const value = await factOf(facts, params);
  return { region: facts.region, value: value ?? null };
}

async function factOf(facts: LiveFacts, params: LiveFactParams): Promise<unknown> {
  switch (params.fact) {
    case 'vaults': {
      const v = await facts.vaults();
      return { names: [...v.names], arns: [...v.arns], ...(v.accountId ? { accountId: v.accountId } : {}) };
    }
    case 'continuousVaultOf':
      return facts.continuousVaultOf(params.arn);
    case 'planContinuousVaults':
      return facts.planContinuousVaults(params.planId);
    case 'windowOf': {
      const w = await facts.windowOf(params.arn);
      return w ? JSON.parse(JSON.stringify(w)) : undefined;
    }
    case 'regionOptIn':
      return facts.regionOptIn?.();
  }
}

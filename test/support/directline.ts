/**
 * A Direct Line 3.0 client as small as the chat page's Web Chat uses it (polling): resume a
 * conversation, post an activity, read what came after a watermark. For HTTP tests of the chat page.
 */
export interface DirectLineActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; name?: string; role?: string };
  attachments?: { contentType: string; content: Record<string, unknown> }[];
  channelData?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface DirectLineClient {
  conversationId: string;
  post(activity: Record<string, unknown>): Promise<{ status: number; id?: string }>;
  /** Everything after the last poll (the whole transcript on the first). */
  poll(): Promise<DirectLineActivity[]>;
}

export async function roster(
  base: string,
): Promise<{ members: { id: string; userId: string; name: string; email: string; secretariat: boolean; party: string; roles: string[] }[]; bodies: { key: string }[] }> {
  const r = await fetch(`${base}/chat/api/roster`);
  if (!r.ok) throw new Error(`roster answered ${r.status}`);
  return (await r.json()) as never;
}

export async function directLine(base: string, conversationId: string): Promise<DirectLineClient> {
  const url = `${base}/v3/directline/conversations/${encodeURIComponent(conversationId)}`;
  const headers = { authorization: `Bearer ${conversationId}`, 'content-type': 'application/json' };
  const start = await fetch(`${url}?watermark=`, { headers });
  if (!start.ok) throw new Error(`resuming ${conversationId} answered ${start.status}`);
  let watermark = '';
  return {
    conversationId,
    async post(activity) {
      const r = await fetch(`${url}/activities`, { method: 'POST', headers, body: JSON.stringify(activity) });
      const body = r.ok ? ((await r.json()) as { id?: string }) : {};
      return { status: r.status, id: body.id };
    },
    async poll() {
      const r = await fetch(`${url}/activities?watermark=${watermark}`, { headers });
      if (!r.ok) throw new Error(`polling answered ${r.status}`);
      const body = (await r.json()) as { activities: DirectLineActivity[]; watermark: string };
      watermark = body.watermark;
      return body.activities;
    },
  };
}

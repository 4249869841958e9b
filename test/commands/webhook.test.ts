import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { run } from '../support/deps.js';
import { user } from '../support/scenario.js';
import { desk, deskConfig, deskScenario, mutations } from '../support/desk.js';

/**
 * Issue 24.4: notify's webhook follows no redirect (a 307 would re-send the
 * batch to another origin, a 302 would turn it into an empty GET that looks
 * delivered), counts a 3xx as a failure the next run retries, and takes only
 * https URLs (http only to this machine), from the environment or the config alike.
 */
let standin: Standin | undefined;
const servers: http.Server[] = [];
afterEach(async () => {
  await standin?.close();
  standin = undefined;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

const MON_0915 = '2026-11-30T17:15:00Z';
const MON_0930 = '2026-11-30T17:30:00Z';

/** A loopback HTTP server that records what reached it and answers as `answer` says. */
async function server(answer: (req: http.IncomingMessage) => { status: number; headers?: Record<string, string> }) {
  const got: Array<{ method: string; body: string }> = [];
  const s = http.createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    got.push({ method: req.method ?? '', body });
    const a = answer(req);
    res.writeHead(a.status, a.headers ?? {});
    res.end();
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`, got };
}

async function notify(now: string, env: Record<string, string>, config = deskConfig()) {
  standin!.setClock(now);
  return run(['notify', '--json'], {
    now,
    env: { VISIT_SRE_CONFIG: config, ...env },
    github: { url: standin!.url, token: standin!.token },
    fetch: globalThis.fetch,
  });
}

const saturdayQuestion = () =>
  deskScenario([{ ...user('jdoe', '2026-11-28T22:00:00Z', 'Saturday: the Silo reader crashes'), title: 'Silo crash' }]);

describe('the webhook follows no redirect', () => {
  it.each([302, 307])('a %i sends nothing to the redirect target; the next run retries the batch at the webhook itself', async (status) => {
    standin = await startStandin(saturdayQuestion());
    const target = await server(() => ({ status: 200 }));
    let redirecting = true;
    const hook = await server(() => (redirecting ? { status, headers: { location: target.url } } : { status: 200 }));

    const first = await notify(MON_0915, { VISIT_SRE_WEBHOOK: hook.url });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).actions).toContainEqual(
      expect.objectContaining({
        kind: 'webhook',
        status: 'queued',
        reason: expect.stringMatching(new RegExp(`HTTP ${status}, a redirect`)),
      }),
    );
    expect(first.stderr).toMatch(/retried on the next run/);
    expect(first.stdout + first.stderr).not.toContain(hook.url); // the URL is a secret
    expect(target.got).toEqual([]);
    expect(hook.got).toHaveLength(1);
    expect(desk(standin).feed.at(-1)!.body).toMatch(/"pending":\["100@/);

    redirecting = false;
    const second = await notify(MON_0930, { VISIT_SRE_WEBHOOK: hook.url });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).actions).toContainEqual(expect.objectContaining({ kind: 'webhook-retry', status: 'done' }));
    expect(hook.got).toHaveLength(2);
    expect(hook.got[1]!.method).toBe('POST');
    expect(JSON.parse(hook.got[1]!.body).text).toMatch(/#100.*Silo crash/);
    expect(target.got).toEqual([]);
    expect(desk(standin).feed.at(-1)!.body).not.toMatch(/"pending"/);
  });
});

describe('the webhook URL is checked where it is read', () => {
  it.each([
    ['not a url', /VISIT_SRE_WEBHOOK must be an https:\/\/ URL .*; it is not a URL/],
    ['http://hooks.example/T1/B2', /VISIT_SRE_WEBHOOK must be an https:\/\/ URL \(http:\/\/ only to this machine/],
    ['ftp://hooks.example/T1', /VISIT_SRE_WEBHOOK must be an https:\/\/ URL/],
  ])('VISIT_SRE_WEBHOOK=%j: exit 2, nothing posted, the URL never repeated', async (url, message) => {
    standin = await startStandin(saturdayQuestion());
    const r = await notify(MON_0915, { VISIT_SRE_WEBHOOK: url });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain(url);
    expect(mutations(standin)).toEqual([]);
  });

  it.each([
    ['http://hooks.example/T1', 2],
    ['not a url', 2],
    ['https://hooks.example/T1', 0],
  ])('desk.webhook %j: exit %i, by the same rule', async (url, code) => {
    standin = await startStandin(saturdayQuestion());
    const r = await run(['notify', '--dry-run'], {
      now: MON_0915,
      env: { VISIT_SRE_CONFIG: deskConfig({ desk: { webhook: url } }) },
      github: { url: standin.url, token: standin.token },
    });
    expect(r.code, r.stderr).toBe(code);
    if (code) {
      expect(r.stderr).toMatch(/config key "desk\.webhook" must be an https:\/\/ URL/);
      expect(r.stderr).not.toContain(url);
    }
  });
});

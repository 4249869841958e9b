import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import { cliAt } from '../support/cli.js';
import { parseMarker } from '../../src/core/markers.js';

const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
/** multipart/mixed: multipart/alternative (quoted-printable UTF-8 text, HTML) and an attachment; RFC 2047 Subject (B) and From (Q, ISO-8859-1). */
const MAIL = path.join(REPO_ROOT, 'test', 'fixtures', 'eml', 'multipart-encoded.eml');
// Tue Dec 1 2026, 11:00 Pacific: Grace, the token's user, is Primary.
const NOW = '2026-12-01T19:00:00Z';
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});
const cli = cliAt(() => standin!, { now: NOW, config: CONFIG });
const newest = () => standin!.store.snapshot()[0]!.discussions.at(-1)!;

describe('log-call --eml', () => {
  it('a MIME multipart mail with encoded words becomes a discussion: Subject the title, the plain text the body, From the customer, Date the contact', async () => {
    standin = await startStandin(WEEK);
    const before = standin.store.snapshot()[0]!.discussions.length;
    const r = await cli(['log-call', '--eml', MAIL, '--json'], { XDG_STATE_HOME: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(standin.store.snapshot()[0]!.discussions).toHaveLength(before + 1);
    const d = newest();
    expect(d.title).toBe('Silo-Dateien öffnen nicht – Hilfe?');
    expect(d.body).toContain(
      'meine Silo-Dateien aus VisIt 2.x öffnen nicht mehr in 3.4.1. Die Fehlermeldung lautet "unknown mesh".\n\nDanke, José',
    );
    // The plain-text part only: not the HTML alternative, not the attachment.
    expect(d.body).not.toMatch(/HTML version|engine log|<p>/);
    expect(d.body).toMatch(/^\*\*Inquiry logged from an? email contact/);
    expect(d.body).toContain('- Customer: José García <jose@lab.gov>');
    expect(parseMarker(d.body)).toMatchObject({ kind: 'contact', via: 'email', at: '2026-12-01T17:42:00Z', customer: 'José García' });
    // The same privacy rule as --customer: said before the name goes public.
    expect(r.stderr).toMatch(/the customer's name becomes public on GitHub; pass --customer-private/);
  });

  it('--customer-private keeps only the initials; flags given win over the mail', async () => {
    standin = await startStandin(WEEK);
    const r = await cli(['log-call', '--eml', MAIL, '--customer-private', '--title', 'Old Silo files', '--via', 'chat'], {
      XDG_STATE_HOME: tempDir(),
    });
    expect(r.code, r.stderr).toBe(0);
    const d = newest();
    expect(d.title).toBe('Old Silo files');
    expect(d.body).toContain('- Customer: J. G.');
    expect(d.body).not.toContain('jose@lab.gov');
    expect(d.body).not.toContain('García');
    expect(parseMarker(d.body)).toMatchObject({ via: 'chat', customer: 'J. G.' });
    expect(r.stderr).not.toMatch(/becomes public/);
  });

  it('a plain one-part message in Latin-1, From an address alone', async () => {
    standin = await startStandin(WEEK);
    const file = path.join(tempDir(), 'plain.eml');
    writeFileSync(
      file,
      Buffer.from(
        'From: ana@lab.gov\r\nSubject: =?iso-8859-1?q?Cr=E9ation_de_films?=\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nComment cr\xe9er un film ?\r\n',
        'latin1',
      ),
    );
    const r = await cli(['log-call', '--eml', file], { XDG_STATE_HOME: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(newest().title).toBe('Création de films');
    expect(newest().body).toContain('Comment créer un film ?');
    expect(newest().body).toContain('- Customer: ana@lab.gov');
  });

  it.each([
    [['--eml', 'missing.eml'], /--eml .*missing\.eml not found/],
    [['--eml', MAIL, '--body', 'x'], /--eml and --body cannot go together/],
    [['--eml', MAIL, '--classified'], /--eml and --classified cannot go together/],
  ])('%j is a usage error with nothing sent', async (args, message) => {
    standin = await startStandin(WEEK);
    const r = await cli(['log-call', ...args], { XDG_STATE_HOME: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(standin.log.filter((e) => e.kind === 'mutation')).toHaveLength(0);
  });
});

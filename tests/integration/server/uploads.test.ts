import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadResponse } from '../../../src/shared/api/http';
import { IMAGE_UPLOAD } from '../../../src/shared/domain/uploads';
import {
  pngClaiming,
  sampleDocx,
  sampleExe,
  sampleGif,
  samplePdf,
  samplePng,
  sampleSvgWithScript,
  sampleJpeg,
} from '../../../src/server/uploads/sampleFiles';
import { openDump } from '../support/dbDump';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { errorOf, loginAs, type RawAnswer, type Session } from '../support/syncClient';

/** Every file under `dir`, relative, sorted (an absent folder is empty). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe.each(serverDatabaseKinds())('uploads against a real server (%s)', (kind) => {
  let env: ServerOnDatabase;
  let dumper: Awaited<ReturnType<typeof openDump>>;
  let kazAdmin: Session;
  let kazManager: Session;
  let steppe: Session;
  let almatyModerator: Session;
  let uploadsDir: string;

  beforeAll(async () => {
    env = await startServerOn(kind);
    dumper = await openDump(env.target);
    uploadsDir = path.join(env.server.dataDir, 'uploads');
    [kazAdmin, kazManager, steppe, almatyModerator] = [
      await loginAs(env.server.url, 'admin@kazlogistics.demo'),
      await loginAs(env.server.url, 'manager1@kazlogistics.demo'),
      await loginAs(env.server.url, 'admin@steppefoods.demo'),
      await loginAs(env.server.url, 'moderator@fairdesk.demo'),
    ];
  });
  afterAll(async () => {
    await dumper?.close();
    await env?.dispose();
  });

  const upload = async (token: string, kindPath: string, bytes: Buffer, name: string, mime: string): Promise<RawAnswer> => {
    const res = await fetch(`${env.server.url}/api/uploads/${kindPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': mime, 'x-file-name': encodeURIComponent(name) },
      body: new Uint8Array(bytes),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const download = (token: string, id: string) => fetch(`${env.server.url}/api/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const state = async () => ({ rows: (await dumper.dump(['uploads']))['uploads'], files: filesUnder(uploadsDir) });

  const badUploads: Array<{ label: string; kind: string; bytes: () => Buffer; name: string; mime: string; status: number; message: string | RegExp }> = [
    { label: 'a .png that is really an .exe', kind: 'image', bytes: sampleExe, name: 'logo.png', mime: 'image/png', status: 415, message: 'This file is a Windows program, not a PNG image.' },
    { label: 'an SVG with a script', kind: 'image', bytes: sampleSvgWithScript, name: 'banner.svg', mime: 'image/svg+xml', status: 415, message: 'Only JPEG and PNG images are accepted; this is an SVG drawing.' },
    { label: 'a GIF', kind: 'image', bytes: sampleGif, name: 'poster.gif', mime: 'image/gif', status: 415, message: 'Only JPEG and PNG images are accepted; this is a GIF image.' },
    { label: 'an empty file', kind: 'image', bytes: () => Buffer.alloc(0), name: 'empty.png', mime: 'image/png', status: 400, message: 'The file is empty.' },
    { label: 'a PNG of 100000 × 100000 pixels', kind: 'image', bytes: () => pngClaiming(100_000, 100_000), name: 'huge.png', mime: 'image/png', status: 400, message: /100000 × 100000 pixels; the largest accepted is 8000 × 8000/ },
    { label: 'a 52 MB image (declared length)', kind: 'image', bytes: () => Buffer.concat([samplePng(), Buffer.alloc(52 * 1024 * 1024)]), name: 'big.png', mime: 'image/png', status: 413, message: 'The image is 52 MB; the limit is 5 MB.' },
    { label: 'a truncated PDF', kind: 'resume', bytes: () => samplePdf().subarray(0, 300), name: 'cv.pdf', mime: 'application/pdf', status: 400, message: 'The PDF is incomplete (it ends before its last page).' },
    { label: 'an .exe as a resume', kind: 'resume', bytes: sampleExe, name: 'cv.pdf', mime: 'application/pdf', status: 415, message: 'This file is a Windows program, not a PDF document.' },
  ];

  it.each(badUploads)('refuses $label with a clear message and stores nothing', async (c) => {
    const before = await state();
    const res = await upload(kazAdmin.token, c.kind, c.bytes(), c.name, c.mime);
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    const error = errorOf(res);
    expect(error.code).toBe(c.status === 413 ? 'payload_too_large' : 'bad_request');
    if (typeof c.message === 'string') expect(error.message).toBe(c.message);
    else expect(error.message).toMatch(c.message);
    expect(await state()).toEqual(before);
  });

  it('refuses a 50 MB image streamed without a length as soon as it passes 5 MB', async () => {
    const before = await state();
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 7);
    const result = await new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(`${env.server.url}/api/uploads/image`, {
        method: 'POST',
        headers: { authorization: `Bearer ${kazAdmin.token}`, 'content-type': 'image/png', 'transfer-encoding': 'chunked' },
      });
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      req.on('response', (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        req.end();
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered }));
      });
      const pump = (): void => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(result.status, result.body).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'payload_too_large', message: 'The image is larger than 5 MB; the limit is 5 MB.' } });
    // The answer came while the client was still sending: the server stopped at the limit.
    expect(result.sentWhenAnswered).toBeGreaterThan(IMAGE_UPLOAD.maxBytes);
    expect(result.sentWhenAnswered).toBeLessThan(total);
    expect(await state()).toEqual(before);
    // The server is still well.
    expect((await fetch(`${env.server.url}/api/health`)).status).toBe(200);
  });

  it('refuses uploads from a moderator, without a session, and of an unknown kind', async () => {
    const before = await state();
    const asModerator = await upload(almatyModerator.token, 'image', samplePng(), 'logo.png', 'image/png');
    expect(asModerator.status).toBe(403);
    expect(errorOf(asModerator).message).toBe('Only employer accounts can upload stand images.');
    expect((await upload('', 'image', samplePng(), 'logo.png', 'image/png')).status).toBe(401);
    expect((await upload(kazAdmin.token, 'video', samplePng(), 'logo.png', 'image/png')).status).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('stores a good PNG once per content, and it round-trips byte-identical to its employer only', async () => {
    const png = samplePng(40, 30);
    const first = await upload(kazAdmin.token, 'image', png, 'Логотип "KazLogistics".png', 'application/octet-stream');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const meta = UploadResponse.parse(first.body);
    expect(meta).toMatchObject({ mime: 'image/png', size: png.length, width: 40, height: 30 });
    const second = UploadResponse.parse((await upload(kazManager.token, 'image', png, 'copy.png', 'image/png')).body);
    expect(second.id).not.toBe(meta.id);
    expect(second.sha256).toBe(meta.sha256);
    expect(filesUnder(uploadsDir)).toEqual([path.join(meta.sha256.slice(0, 2), meta.sha256)]);

    const got = await download(kazManager.token, meta.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toBe(
      `inline; filename="_______ _KazLogistics_.png"; filename*=UTF-8''${encodeURIComponent('Логотип _KazLogistics_.png')}`,
    );
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);

    const other = await download(steppe.token, meta.id);
    expect(other.status).toBe(404);
    expect(errorOf({ status: other.status, headers: other.headers, body: await other.json() }).code).toBe('not_found');
    // KazLogistics has pre-applications at the Almaty centre: its moderator reviews their images.
    expect((await download(almatyModerator.token, meta.id)).status).toBe(200);
    expect((await download(kazAdmin.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('round-trips a JPEG, a PDF and a DOCX with their real types', async () => {
    const cases = [
      { kind: 'image', bytes: sampleJpeg(), name: 'photo.jpeg', mime: 'image/jpeg', disposition: 'inline' },
      { kind: 'resume', bytes: samplePdf(), name: 'cv.pdf', mime: 'application/pdf', disposition: 'attachment' },
      { kind: 'resume', bytes: sampleDocx(), name: 'cv.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', disposition: 'attachment' },
    ];
    for (const c of cases) {
      const res = await upload(kazAdmin.token, c.kind, c.bytes, c.name, 'application/octet-stream');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const meta = UploadResponse.parse(res.body);
      expect(meta.mime).toBe(c.mime);
      const got = await download(kazManager.token, meta.id);
      expect(got.headers.get('content-type')).toBe(c.mime);
      expect(got.headers.get('content-disposition')).toMatch(new RegExp(`^${c.disposition}; filename="${c.name}"`));
      expect(Buffer.from(await got.arrayBuffer()).equals(c.bytes)).toBe(true);
      if (c.kind === 'resume') expect((await download(almatyModerator.token, meta.id)).status).toBe(404);
    }
    const rows: Array<{ employer_id: string; uploaded_by: string }> = await dumper.db.query('SELECT employer_id, uploaded_by FROM uploads');
    expect(new Set(rows.map((r) => r.employer_id))).toEqual(new Set([kazAdmin.user.employerId]));
  });

  describe('PUT with a client-chosen id (the desktop queues images offline under their own id)', () => {
    const put = async (token: string, kindPath: string, id: string, bytes: Buffer): Promise<RawAnswer> => {
      const res = await fetch(`${env.server.url}/api/uploads/${kindPath}/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('logo.png') },
        body: new Uint8Array(bytes),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
    };

    it('stores under that id once; a replay by the same employer answers the same upload', async () => {
      const id = crypto.randomUUID();
      const png = samplePng(24, 12);
      const first = await put(kazAdmin.token, 'image', id, png);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(UploadResponse.parse(first.body)).toMatchObject({ id, mime: 'image/png', width: 24, height: 12 });
      const before = await state();
      // A retry after a lost answer: same bytes, same id, another manager of the same employer.
      const replay = await put(kazManager.token, 'image', id, png);
      expect(replay.status, JSON.stringify(replay.body)).toBe(200);
      expect(UploadResponse.parse(replay.body)).toEqual(UploadResponse.parse(first.body));
      expect(await state()).toEqual(before);
      const got = await download(kazManager.token, id);
      expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    });

    it('refuses the same id with other bytes, from another employer, or as another kind — nothing changes', async () => {
      const id = crypto.randomUUID();
      expect((await put(kazAdmin.token, 'image', id, samplePng(10, 10))).status).toBe(201);
      const before = await state();
      for (const [token, kindPath, bytes] of [
        [kazAdmin.token, 'image', samplePng(11, 11)],
        [steppe.token, 'image', samplePng(10, 10)],
        [kazAdmin.token, 'resume', samplePdf()],
      ] as const) {
        const res = await put(token, kindPath, id, bytes);
        expect(res.status, JSON.stringify(res.body)).toBe(409);
        expect(errorOf(res).message.length).toBeGreaterThan(10);
      }
      expect(await state()).toEqual(before);
    });

    it('checks the content exactly as POST does, and refuses an id that is not a uuid', async () => {
      const before = await state();
      const exe = await put(kazAdmin.token, 'image', crypto.randomUUID(), sampleExe());
      expect(exe.status).toBe(415);
      expect(errorOf(exe).message).toBe('This file is a Windows program, not a PNG image.');
      expect((await put(kazAdmin.token, 'image', 'not-a-uuid', samplePng())).status).toBe(400);
      expect((await put(almatyModerator.token, 'image', crypto.randomUUID(), samplePng())).status).toBe(403);
      expect(await state()).toEqual(before);
    });
  });
});

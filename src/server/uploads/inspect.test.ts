import { describe, expect, it } from 'vitest';
import { IMAGE_UPLOAD, RESUME_UPLOAD } from '../../shared/domain/uploads';
import { ServerError } from '../errors';
import { inspectUpload, type InspectOptions } from './inspect';
import {
  pngClaiming,
  sampleCompoundFile,
  sampleDocx,
  sampleExe,
  sampleGif,
  sampleJpeg,
  samplePdf,
  samplePng,
  sampleSvgWithScript,
  zipOf,
} from './sampleFiles';

/** The refusal `inspectUpload` throws for `bytes`, as { code, status, message }. */
async function refusal(bytes: Buffer, options: InspectOptions): Promise<{ code: string; status: number; message: string }> {
  try {
    await inspectUpload(bytes, options);
  } catch (err) {
    if (err instanceof ServerError) return { code: err.code, status: err.status, message: err.message };
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('inspectUpload: images', () => {
  it('accepts a real PNG and reads its size from the header', async () => {
    const png = samplePng(3, 2);
    const found = await inspectUpload(png, { kind: 'image' });
    expect(found).toMatchObject({ mime: 'image/png', ext: 'png', size: png.length, width: 3, height: 2 });
    expect(found.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a real JPEG, whatever name it came with', async () => {
    const found = await inspectUpload(sampleJpeg(), { kind: 'image', declaredName: 'logo.bin', declaredMime: 'application/octet-stream' });
    expect(found).toMatchObject({ mime: 'image/jpeg', ext: 'jpg', width: 16, height: 16 });
  });

  it('refuses a .png that is really a Windows program', async () => {
    expect(await refusal(sampleExe(), { kind: 'image', declaredName: 'logo.png', declaredMime: 'image/png' })).toEqual({
      code: 'bad_request',
      status: 415,
      message: 'This file is a Windows program, not a PNG image.',
    });
  });

  it('refuses an SVG with a script, even named .png', async () => {
    expect((await refusal(sampleSvgWithScript(), { kind: 'image', declaredName: 'banner.svg' })).message).toBe(
      'Only JPEG and PNG images are accepted; this is an SVG drawing.',
    );
    expect((await refusal(sampleSvgWithScript(), { kind: 'image', declaredName: 'banner.png' })).message).toBe(
      'This file is an SVG drawing, not a PNG image.',
    );
  });

  it('refuses a GIF', async () => {
    expect((await refusal(sampleGif(), { kind: 'image', declaredName: 'anim.gif' })).message).toBe(
      'Only JPEG and PNG images are accepted; this is a GIF image.',
    );
  });

  it('refuses an empty file', async () => {
    expect(await refusal(Buffer.alloc(0), { kind: 'image' })).toEqual({ code: 'bad_request', status: 400, message: 'The file is empty.' });
  });

  it('refuses an image over 5 MB with both sizes in the message', async () => {
    const big = Buffer.concat([samplePng(), Buffer.alloc(52 * 1024 * 1024 - samplePng().length)]);
    expect(await refusal(big, { kind: 'image' })).toEqual({
      code: 'payload_too_large',
      status: 413,
      message: 'The image is 52 MB; the limit is 5 MB.',
    });
    const justOver = Buffer.alloc(IMAGE_UPLOAD.maxBytes + 1);
    expect((await refusal(justOver, { kind: 'image' })).code).toBe('payload_too_large');
  });

  it('refuses a PNG with absurd dimensions (a decompression bomb) and one with none', async () => {
    expect((await refusal(pngClaiming(100_000, 100_000), { kind: 'image' })).message).toBe(
      'The image is 100000 × 100000 pixels; the largest accepted is 8000 × 8000.',
    );
    expect((await refusal(pngClaiming(0, 10), { kind: 'image' })).message).toMatch(/damaged/);
    expect((await inspectUpload(pngClaiming(8000, 8000), { kind: 'image' })).width).toBe(8000);
  });

  it('refuses truncated images', async () => {
    const png = samplePng(20, 20);
    expect((await refusal(png.subarray(0, png.length - 5), { kind: 'image' })).message).toBe(
      'The PNG image is incomplete (it ends before its last chunk).',
    );
    const jpeg = sampleJpeg();
    expect((await refusal(jpeg.subarray(0, jpeg.length - 40), { kind: 'image' })).message).toBe(
      'The JPEG image is incomplete (it ends before the end of the picture).',
    );
  });

  it('never accepts a resume as an image or an image as a resume', async () => {
    expect((await refusal(samplePdf(), { kind: 'image', declaredName: 'x.pdf' })).message).toBe(
      'Only JPEG and PNG images are accepted; this is a PDF document.',
    );
    expect((await refusal(samplePng(), { kind: 'resume', declaredName: 'cv.pdf' })).message).toBe(
      'This file is a PNG image, not a PDF document.',
    );
  });
});

describe('inspectUpload: resumes', () => {
  it('accepts a real PDF, DOCX and DOC', async () => {
    expect(await inspectUpload(samplePdf(), { kind: 'resume' })).toMatchObject({ mime: 'application/pdf', ext: 'pdf' });
    expect(await inspectUpload(sampleDocx(), { kind: 'resume' })).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ext: 'docx',
    });
    expect(await inspectUpload(sampleCompoundFile(), { kind: 'resume' })).toMatchObject({ mime: 'application/msword', ext: 'doc' });
  });

  it('refuses a truncated PDF', async () => {
    const pdf = samplePdf();
    expect(await refusal(pdf.subarray(0, Math.floor(pdf.length * 0.7)), { kind: 'resume', declaredName: 'cv.pdf' })).toEqual({
      code: 'bad_request',
      status: 400,
      message: 'The PDF is incomplete (it ends before its last page).',
    });
    // Cut just before the final marker: still incomplete.
    expect((await refusal(pdf.subarray(0, pdf.length - 3), { kind: 'resume' })).message).toMatch(/incomplete/);
  });

  it('refuses a truncated DOCX, a ZIP that is not a Word document and an Excel 97 file', async () => {
    const docx = sampleDocx();
    expect((await refusal(docx.subarray(0, docx.length - 30), { kind: 'resume' })).message).toBe(
      'The Word document is incomplete or damaged.',
    );
    expect((await refusal(zipOf({ 'a.txt': 'hello' }), { kind: 'resume', declaredName: 'cv.docx' })).message).toBe(
      'This file is a ZIP archive, not a Word document.',
    );
    expect((await refusal(sampleCompoundFile('Workbook'), { kind: 'resume' })).message).toBe(
      'Only PDF, DOC and DOCX documents are accepted; this is an Office 97–2003 file that is not a Word document.',
    );
  });

  it('refuses a program, a web page and plain text as resumes', async () => {
    expect((await refusal(sampleExe(), { kind: 'resume', declaredName: 'cv.pdf' })).message).toBe(
      'This file is a Windows program, not a PDF document.',
    );
    expect((await refusal(Buffer.from('<!DOCTYPE html><script>x()</script>'), { kind: 'resume' })).message).toBe(
      'Only PDF, DOC and DOCX documents are accepted; this is a web page.',
    );
    expect((await refusal(Buffer.from('just my cv'), { kind: 'resume' })).message).toBe(
      'Only PDF, DOC and DOCX documents are accepted; this is a text file.',
    );
  });

  it('refuses a resume over 10 MB', async () => {
    const big = Buffer.concat([samplePdf(), Buffer.alloc(RESUME_UPLOAD.maxBytes)]);
    expect((await refusal(big, { kind: 'resume' })).message).toBe('The resume is 10 MB; the limit is 10 MB.');
  });
});

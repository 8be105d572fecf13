import { describe, expect, it } from 'vitest';
import { contentDisposition, decodeFileNameHeader, sanitiseFileName } from './fileName';

describe('sanitiseFileName', () => {
  it('keeps ordinary names, also in Cyrillic and Kazakh', () => {
    expect(sanitiseFileName('Логотип компании.png', 'x')).toBe('Логотип компании.png');
    expect(sanitiseFileName('Түйіндеме.pdf', 'x')).toBe('Түйіндеме.pdf');
  });

  it('drops paths, control and bidi-override characters, reserved characters and leading dots', () => {
    expect(sanitiseFileName('C:\\Users\\me\\..\\cv.pdf', 'x')).toBe('cv.pdf');
    expect(sanitiseFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(sanitiseFileName('.htaccess', 'x')).toBe('htaccess');
    expect(sanitiseFileName('cv\u202Efdp.exe', 'x')).toBe('cv_fdp.exe');
    expect(sanitiseFileName('a"b<c>\r\n.pdf', 'x')).toBe('a_b_c___.pdf');
  });

  it('falls back when nothing usable is left, and shortens long names keeping the extension', () => {
    expect(sanitiseFileName(undefined, 'image.png')).toBe('image.png');
    expect(sanitiseFileName('///', 'resume.pdf')).toBe('resume.pdf');
    const long = sanitiseFileName(`${'я'.repeat(500)}.docx`, 'x');
    expect([...long].length).toBe(200);
    expect(long.endsWith('.docx')).toBe(true);
  });
});

describe('file name headers', () => {
  it('decodes a percent-encoded X-File-Name and keeps a malformed one as sent', () => {
    expect(decodeFileNameHeader(encodeURIComponent('Резюме.pdf'))).toBe('Резюме.pdf');
    expect(decodeFileNameHeader('100%.pdf')).toBe('100%.pdf');
    expect(decodeFileNameHeader(undefined)).toBeUndefined();
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Резюме (1).pdf')).toBe(
      `attachment; filename="______ (1).pdf"; filename*=UTF-8''%D0%A0%D0%B5%D0%B7%D1%8E%D0%BC%D0%B5%20%281%29.pdf`,
    );
  });
});

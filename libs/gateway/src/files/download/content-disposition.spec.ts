import { contentDispositionHeader, dispositionFor } from './content-disposition.js';

describe('download dispositions', () => {
  it('plays audio in place unless a download is asked for, and never renders active content', () => {
    expect(dispositionFor('audio/wav', undefined)).toBe('inline');
    expect(dispositionFor('audio/mpeg', 'attachment')).toBe('attachment');
    expect(dispositionFor('text/html', 'inline')).toBe('attachment');
    expect(dispositionFor('image/svg+xml', undefined)).toBe('attachment');
    expect(dispositionFor('text/plain; charset=utf-8', undefined)).toBe('inline');
  });

  it('names the file with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDispositionHeader('attachment', 'voix "française".wav')).toBe(
      `attachment; filename="voix _fran_aise_.wav"; filename*=UTF-8''voix%20%22fran%C3%A7aise%22.wav`,
    );
  });
});
